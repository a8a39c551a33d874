using Keystone.Core.Accounts;

namespace Keystone.Core.Tests.Accounts;

public class PasswordHashingTests
{
    [Fact]
    public void TheDefaultWorkFactor_IsOwaspsCurrentOne_AndIsStoredWithTheHash()
    {
        Assert.Equal(600_000, PasswordHashing.DefaultIterations);
        var hash = PasswordHashing.Hash("correct horse battery", PasswordHashing.DefaultIterations);
        Assert.StartsWith("pbkdf2-sha256$600000$", hash);
        Assert.True(PasswordHashing.Verify("correct horse battery", hash));
        Assert.False(PasswordHashing.Verify("correct horse battery!", hash));
        Assert.False(PasswordHashing.NeedsRehash(hash));
    }

    [Fact]
    public void AHashAtTheOldWorkFactor_StillVerifies_AndIsMarkedForRehashWhenWeaker()
    {
        var old = PasswordHashing.Hash("an-old-password", 210_000);
        Assert.True(PasswordHashing.Verify("an-old-password", old));
        Assert.Equal(210_000, PasswordHashing.IterationsOf(old));
        Assert.Equal(210_000 < PasswordHashing.Iterations, PasswordHashing.NeedsRehash(old));
        Assert.True(PasswordHashing.NeedsRehash(PasswordHashing.Hash("an-old-password", PasswordHashing.Iterations - 1)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("plain-text-password")]
    [InlineData("pbkdf2-sha256$x$abc$def")]
    [InlineData("pbkdf2-sha256$1000$not base64!$AAAA")]
    [InlineData("md5$1000$AAAA$AAAA")]
    public void AStoredValueThatIsNotOurHash_NeverVerifies_AndIsMarkedForRehash(string stored)
    {
        Assert.False(PasswordHashing.Verify("plain-text-password", stored));
        Assert.Equal(0, PasswordHashing.IterationsOf(stored));
        Assert.True(PasswordHashing.NeedsRehash(stored));
    }

    [Fact]
    public void CheckingNobody_CostsACheck_AndNeverSucceeds()
    {
        using var counting = PasswordHashing.CountChecks();
        Assert.False(PasswordHashing.VerifyNobody(""));
        Assert.False(PasswordHashing.VerifyNobody("keystone-demo"));
        Assert.Equal(2, counting.Count);
    }
}
