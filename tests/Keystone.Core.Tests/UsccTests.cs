namespace Keystone.Core.Tests;

public class UsccTests
{
    [Theory]
    [InlineData("91140300CBPRNJHCCN")] // from the demo ledger
    [InlineData("911403007EG8AJKKH2")]
    [InlineData("91350100M000100Y43")] // a well-known published code
    public void ValidCodes_AreAccepted(string code)
    {
        Assert.True(Uscc.IsValid(code));
        Assert.Equal(code, new Uscc(code).Value);
    }

    [Fact]
    public void LowerCaseAndSpaces_AreNormalised()
    {
        Assert.Equal("91140300CBPRNJHCCN", new Uscc(" 91140300cbprnjhccn ").Value);
    }

    [Theory]
    [InlineData("91140300CBPRNJHCCM", "校验位")] // last character changed
    [InlineData("91140300CBPRNJHCC", "18位")] // too short
    [InlineData("91140300CBPRNJHCCNX", "18位")] // too long
    [InlineData("91140300CBPRNJHCIN", "非法字符")] // I is not in the alphabet
    [InlineData("91140300CBPRNJHCON", "非法字符")] // O neither
    public void InvalidCodes_AreRefusedWithTheReason(string code, string reason)
    {
        var e = Assert.Throws<DomainException>(() => new Uscc(code));
        Assert.Contains(reason, e.Text.Zh);
        Assert.Equal("uscc", e.Field);
        Assert.False(Uscc.IsValid(code));
    }

    [Fact]
    public void WrongCheckCharacter_NamesTheRightOne()
    {
        var e = Assert.Throws<DomainException>(() => new Uscc("91140300CBPRNJHCCM"));
        Assert.Contains("“N”", e.Text.Zh);
        Assert.Contains("'N'", e.Text.En);
    }

    [Fact]
    public void AnyBody_WithItsCheckCharacter_IsValid_AndAnyOtherLastCharacterIsNot()
    {
        var random = new Random(32100);
        for (var i = 0; i < 500; i++)
        {
            var body = new string(Enumerable.Range(0, 17).Select(_ => Uscc.Alphabet[random.Next(Uscc.Alphabet.Length)]).ToArray());
            var check = Uscc.CheckCharacter(body);
            Assert.True(Uscc.IsValid(body + check), body + check);
            var other = Uscc.Alphabet[(Uscc.Alphabet.IndexOf(check, StringComparison.Ordinal) + 1 + random.Next(30)) % 31];
            Assert.False(Uscc.IsValid(body + other), body + other);
        }
    }
}
