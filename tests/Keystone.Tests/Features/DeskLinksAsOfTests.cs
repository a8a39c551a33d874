using System.Net;
using System.Text.RegularExpressions;
using Keystone.Core.Data;
using Keystone.Testing;

namespace Keystone.Tests.Features;

/// <summary>
/// Once a 截至 date is chosen, every link of a desk page's body to another desk page or project keeps it, and every
/// filter form sends it back: following them never falls back to another day.
/// </summary>
public partial class DeskLinksAsOfTests
{
    private const string Chosen = "2024-02-29";

    /// <summary>
    /// Links that lead out of the desk (downloads, the API, accounts and settings) or to the promotion area's
    /// registers (target enterprises, investors, the chain map, events: lists of who, not figures of when), judged by no date.
    /// </summary>
    private static readonly string[] Outside = ["/api/", "/scalar", "/openapi", "/account", "/users", "/units", "/ledger/import", "/login", "/logout", "/culture", "/css/", "/js/", "/lib/", "/_",
        "/promotion/targets", "/promotion/investors", "/promotion/chains", "/promotion/events"];

    [GeneratedRegex("<main[^>]*>(?<body>.*)</main>", RegexOptions.Singleline)]
    private static partial Regex MainBody();

    [GeneratedRegex("href=\"(?<href>/[^\"]*)\"")]
    private static partial Regex Href();

    [GeneratedRegex("<form[^>]*method=\"get\"[^>]*>.*?</form>", RegexOptions.Singleline)]
    private static partial Regex GetForm();

    /// <summary>The desk links and GET forms of a page's body that drop the chosen date.</summary>
    private static (List<string> Links, List<string> Forms) Dropped(string html)
    {
        var body = MainBody().Match(html) is { Success: true } m ? m.Groups["body"].Value : html;
        var links = Href().Matches(body)
            .Select(h => WebUtility.HtmlDecode(h.Groups["href"].Value))
            .Where(h => !h.StartsWith("//", StringComparison.Ordinal) && !Outside.Any(o => h.StartsWith(o, StringComparison.Ordinal)))
            .Distinct()
            .ToList();
        var dropped = links.Where(h => !h.Contains("asOf=" + Chosen, StringComparison.Ordinal)).ToList();
        var forms = GetForm().Matches(body).Select(f => f.Value).Where(f => !f.Contains("name=\"asOf\"", StringComparison.Ordinal))
            .Select(f => f[..Math.Min(f.Length, 120)]).ToList();
        return (dropped, forms);
    }

    [GeneratedRegex("href=\"(?<href>/[^\"]*asOf=2024-02-29[^\"]*)\"")]
    private static partial Regex Carried();

    [Theory]
    [DatabaseData]
    public async Task EveryDeskLink_AndFilter_KeepsTheChosenDate(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        var pages = new[] { "/briefings", "/rankings", "/targets", "/indicators", "/", "/problems", "/battle-map", "/factors", "/promotion", "/campaigns", "/enterprises", "/meetings", "/work" };
        var followed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var user in new[] { "demo-province", "demo-zone" })
        {
            foreach (var page in pages)
            {
                var url = page + "?asOf=" + Chosen;
                var (status, html) = await app.PageAsAsync(user, url);
                Assert.True(status == HttpStatusCode.OK, $"{user} {url}: {(int)status}");
                var (links, forms) = Dropped(html);
                Assert.True(links.Count == 0, $"{user} {url} drops the date in: {string.Join(", ", links)}");
                Assert.True(forms.Count == 0, $"{user} {url} has a filter that drops the date: {string.Join(" | ", forms)}");

                // Follow a few of its links (one per target page): each opens at the chosen day.
                var next = Carried().Matches(MainBody().Match(html).Value)
                    .Select(h => WebUtility.HtmlDecode(h.Groups["href"].Value))
                    .Where(h => !Outside.Any(o => h.StartsWith(o, StringComparison.Ordinal)))
                    .GroupBy(h => h.Split('?')[0].Split('/').Take(2).Aggregate((a, b) => a + "/" + b))
                    .Select(g => g.First())
                    .Where(followed.Add)
                    .Take(4);
                foreach (var link in next)
                {
                    var (linkStatus, target) = await app.PageAsAsync(user, link);
                    Assert.True(linkStatus == HttpStatusCode.OK, $"{user} {url} → {link}: {(int)linkStatus}");
                    Assert.True(target.Contains("截至2024年2月29日", StringComparison.Ordinal), $"{user} {url} → {link} does not open at the chosen day");
                    var (more, moreForms) = Dropped(target);
                    Assert.True(more.Count == 0, $"{user} {link} (from {url}) drops the date in: {string.Join(", ", more)}");
                    Assert.True(moreForms.Count == 0, $"{user} {link} (from {url}) has a filter that drops the date: {string.Join(" | ", moreForms)}");
                }
            }
        }
    }
}
