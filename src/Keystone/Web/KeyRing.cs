using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Xml.Linq;
using Keystone.Core;
using Keystone.Core.Data;
using Keystone.Core.Notifications;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Keystone.Web;

/// <summary>
/// ASP.NET Core Data Protection as Keystone keeps it: the keys are rows of the database (so every web node and
/// the command line read the same ring), encrypted at rest with a configured certificate when there is one.
/// The ring signs cookies and antiforgery tokens, and protects the group robots' webhooks and secrets
/// (<see cref="RobotPurpose"/>) — the web app and `keystone notify` build it the same way.
/// </summary>
public static class KeyRing
{
    public const string ApplicationName = "Keystone";

    /// <summary>The purpose robot webhooks and secrets are protected under; changing it makes the stored ones unreadable.</summary>
    public const string RobotPurpose = "Keystone.Notifications.Robots.v1";

    public const string CertificatePathKey = "Keystone:DataProtection:CertificatePath";
    public const string CertificatePasswordKey = "Keystone:DataProtection:CertificatePassword";

    /// <summary>Data protection on the database's key ring, and the <see cref="SecretBox"/> robots are stored with.</summary>
    public static IServiceCollection AddKeystoneDataProtection(this IServiceCollection services, Func<string, string?> setting)
    {
        var protection = services.AddDataProtection().SetApplicationName(ApplicationName);
        if (KeyCertificate(setting) is { } certificate)
        {
            // Keys are written encrypted to this certificate and read back with it (not looked up in a machine store),
            // so every node given the same .pfx reads them and a copy of the database alone reads nothing.
            protection.ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);
        }

        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp =>
            new ConfigureOptions<KeyManagementOptions>(o => o.XmlRepository = new DatabaseXmlRepository(sp.GetRequiredService<IServiceScopeFactory>())));
        services.AddSingleton(sp => Box(sp.GetRequiredService<IDataProtectionProvider>()));
        return services;
    }

    public static SecretBox Box(IDataProtectionProvider provider)
    {
        var protector = provider.CreateProtector(RobotPurpose);
        return new SecretBox(protector.Protect, protector.Unprotect);
    }

    /// <summary>
    /// The same key ring for a command (`keystone notify`): its own small container over the command's database,
    /// with the settings read from the environment (Keystone__DataProtection__CertificatePath …).
    /// </summary>
    public static ServiceProvider ForCommand(DatabaseTarget target, Func<string, string?> setting)
    {
        var services = new ServiceCollection();
        KeystoneWeb.AddDatabase(services, target);

        services.AddKeystoneDataProtection(setting);
        return services.BuildServiceProvider();
    }

    /// <summary>The X.509 certificate (.pfx with its private key) that encrypts the data-protection keys at rest, when configured.</summary>
    private static X509Certificate2? KeyCertificate(Func<string, string?> setting)
    {
        if (setting(CertificatePathKey) is not { Length: > 0 } path)
        {
            return null;
        }

        try
        {
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, setting(CertificatePasswordKey));
            return certificate.HasPrivateKey
                ? certificate
                : throw new DomainException(new(
                    $"数据保护证书 {path} 不含私钥（需要带私钥的 .pfx）", $"The data-protection certificate {path} has no private key (a .pfx with its key is needed)"));
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new DomainException(new(
                $"无法读取数据保护证书 {path}（Keystone__DataProtection__CertificatePath/CertificatePassword）：{e.Message}",
                $"Cannot read the data-protection certificate {path} (Keystone__DataProtection__CertificatePath/CertificatePassword): {e.Message}"));
        }
    }

    /// <summary>Data-protection keys as rows, so every node behind a load balancer reads the same keys.</summary>
    private sealed class DatabaseXmlRepository(IServiceScopeFactory scopes) : IXmlRepository
    {
        public IReadOnlyCollection<XElement> GetAllElements()
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            return db.DataProtectionKeys.AsNoTracking().AsEnumerable().Select(k => XElement.Parse(k.Xml)).ToList();
        }

        public void StoreElement(XElement element, string friendlyName)
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            db.DataProtectionKeys.Add(new Keystone.Core.Accounts.DataProtectionKey(friendlyName, element.ToString(SaveOptions.DisableFormatting)));
            db.SaveChanges();
        }
    }
}
