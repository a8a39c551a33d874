using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Keystone.Core.Data;
using Keystone.Testing;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Keystone.Tests.Features.Operations;

public class DataProtectionTests
{
    [Theory]
    [DatabaseData]
    public async Task WithACertificate_TheStoredKeysAreEncrypted_AndAnotherNodeReadsThem(DbProvider provider)
    {
        var pfx = Path.Combine(Path.GetTempPath(), $"keystone-dp-{Guid.NewGuid():N}.pfx");
        using (var rsa = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=Keystone data protection", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(TimeProvider.System.GetUtcNow().AddDays(-1), TimeProvider.System.GetUtcNow().AddYears(1));
            await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pfx, "pfx-secret"), TestContext.Current.CancellationToken);
        }

        try
        {
            await using var app = await KeystoneApp.StartAsync(provider, new Dictionary<string, string>
            {
                ["Keystone:DataProtection:CertificatePath"] = pfx,
                ["Keystone:DataProtection:CertificatePassword"] = "pfx-secret",
            });
            var sealedText = app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("签到");

            await using (var db = app.NewContext())
            {
                var keys = await db.DataProtectionKeys.AsNoTracking().Select(k => k.Xml).ToListAsync(TestContext.Current.CancellationToken);
                Assert.NotEmpty(keys);
                Assert.All(keys, xml =>
                {
                    Assert.Contains("<encryptedSecret", xml, StringComparison.Ordinal);
                    Assert.Contains("EncryptedData", xml, StringComparison.Ordinal);
                    // The plain key would be a <masterKey> with its <value> in the clear.
                    Assert.DoesNotContain("<value>", xml, StringComparison.Ordinal);
                });
            }

            // A second web node with the same certificate reads the keys the first wrote.
            await using var second = app.SecondNode();
            Assert.Equal("签到", second.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(sealedText));
        }
        finally
        {
            File.Delete(pfx);
        }
    }
}
