using System.Net;
using Keystone.Core.Data;
using Keystone.Testing;
using Keystone.Web;

namespace Keystone.Tests.Features.Accounts;

/// <summary>A "go back to" link only ever leads back into the site.</summary>
public class ReturnUrlTests
{
    /// <summary>What an attacker puts in returnUrl (as the query string carries it, still percent-encoded).</summary>
    private static readonly string[] Attacks =
    [
        "/%09/evil.example", // a tab, which browsers strip: "//evil.example"
        "/%0A/evil.example",
        "/%0D%0ALocation:%20https://evil.example", // a header break: was a 500
        "%2F%09%2Fevil", // the same, wholly encoded
        "//evil.example",
        "%2F%2Fevil.example",
        "/%5Cevil.example", // "/\evil.example", read by browsers as "//evil.example"
        "/%5C%5Cevil",
        "%5C%5Cevil",
        "https://evil.example",
        "https:%2F%2Fevil.example",
        "javascript:alert(1)",
        "evil.example",
        "/%2509/evil.example", // encoded twice
        "/%252F/evil.example",
        "",
    ];

    [Fact]
    public async Task TheLanguageSwitch_SendsAnOffSiteReturnUrl_Home()
    {
        await using var app = await KeystoneApp.StartAsync(DbProvider.Sqlite);
        using var client = app.AnonymousClient();
        foreach (var attack in Attacks)
        {
            var response = await client.GetAsync("/culture/en-US?returnUrl=" + attack);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{attack}: {(int)response.StatusCode}");
            Assert.True(response.Headers.Location!.OriginalString == "/", $"{attack} → {response.Headers.Location}");
        }

        var home = await client.GetAsync("/culture/en-US?returnUrl=" + Uri.EscapeDataString("/projects?unit=阳泉高新区"));
        Assert.Equal("/projects?unit=%E9%98%B3%E6%B3%89%E9%AB%98%E6%96%B0%E5%8C%BA", home.Headers.Location!.OriginalString);
    }

    [Theory]
    [DatabaseData]
    public async Task SigningIn_SendsAnOffSiteReturnUrl_Home_AndALocalOneBack(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider, new Dictionary<string, string> { ["Keystone:SignIn:PerMinute"] = "1000" });
        foreach (var attack in new[] { "/\t/evil.example", "//evil", "/\\evil", "https://evil", "/\r\nSet-Cookie: a=b", "/%09/evil.example" })
        {
            using var browser = await CookieBrowser.OpenAsync(app);
            var response = await browser.PostLoginAsync("demo-zone", Keystone.Core.Accounts.Accounts.DemoPassword, attack);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/work", response.Headers.Location!.OriginalString);
        }

        using var back = await CookieBrowser.OpenAsync(app);
        var local = await back.PostLoginAsync("demo-zone", Keystone.Core.Accounts.Accounts.DemoPassword, "/projects?level=provincial");
        Assert.Equal("/projects?level=provincial", local.Headers.Location!.OriginalString);

        using var refused = await CookieBrowser.OpenAsync(app);
        var wrong = await refused.PostLoginAsync("demo-zone", "not-the-password", "//evil.example");
        Assert.Equal("/login?error=wrong&returnUrl=%2F", wrong.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/projects")]
    [InlineData("/projects?level=provincial&unit=%E9%98%B3%E6%B3%89")]
    [InlineData("/problems/P2024-0005#thread")]
    public void ALocalPath_IsKept(string path) => Assert.Equal(path, LocalUrl.OrRoot(path));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("projects")]
    [InlineData("/\t/evil.example")]
    [InlineData("/\n/evil.example")]
    [InlineData("/\u0000/evil")]
    [InlineData("/\u2028/evil")]
    [InlineData("//evil")]
    [InlineData("/\\evil")]
    [InlineData("\\\\evil")]
    [InlineData("/%09/evil.example")]
    [InlineData("/%5Cevil")]
    [InlineData("%2F%2Fevil")]
    [InlineData("/%25252F%25252Fevil")]
    [InlineData("https://evil")]
    [InlineData("HTTPS://evil")]
    [InlineData(" /evil")]
    public void AnythingElse_GoesHome(string? url) => Assert.Equal("/", LocalUrl.OrRoot(url));

    [Fact]
    public void ChineseInALocalPath_IsPercentEncoded_ForTheLocationHeader() =>
        Assert.Equal("/projects?unit=%E9%98%B3%E6%B3%89%E9%AB%98%E6%96%B0%E5%8C%BA", LocalUrl.OrRoot("/projects?unit=阳泉高新区"));
}
