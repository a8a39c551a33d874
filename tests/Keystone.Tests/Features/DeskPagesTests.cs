using System.Net;
using System.Text.RegularExpressions;
using Keystone.Core;
using Keystone.Core.Data;
using Keystone.Testing;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Tests.Features;

/// <summary>The desk pages as HTML: what they show for the demo (as of 2024-04-10) and how they refuse.</summary>
public partial class DeskPagesTests
{
    private static string Q(string s) => Uri.EscapeDataString(s);

    internal static List<string> Codes(string html) => DataCode().Matches(html).Select(m => m.Groups[1].Value).ToList();

    [GeneratedRegex("<tr data-code=\"([^\"]+)\"")]
    private static partial Regex DataCode();

    [Theory]
    [DatabaseData]
    public async Task Cockpit_ShowsTheBriefingsHeadlineFigures_ForTheScope(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        var (status, html) = await app.PageAsync($"/?scope={Q("阳泉高新区")}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("谋划实施项目", html);
        Assert.Matches("data-figure=\"planned\">[^<]*<span[^>]*>[^<]*</span>\\s*<span class=\"ks-card-value\">65<", html);
        Assert.Contains("332亿元", html);
        Assert.Contains("52.3%", html);
        Assert.Contains("今年，阳泉高新区谋划实施项目65个", html);
        Assert.Contains("id=\"chart-months\"", html);
        Assert.Contains("data-chart=\"", html);
        // No inline script: every <script> loads a file.
        Assert.DoesNotMatch("<script(?![^>]*\\bsrc=)[^>]*>", html);
    }

    [Theory]
    [DatabaseData]
    public async Task Cockpit_ForTheProvince_RanksItsCities_AndListsRedProjects(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        var (_, html) = await app.PageAsync("/");
        Assert.Contains("id=\"chart-start-rate\"", html);
        Assert.Contains("阳泉市", html);
        Assert.Contains("id=\"lights\"", html);
        Assert.Contains("ks-light-red", html);
    }

    [Theory]
    [DatabaseData]
    public async Task Cockpit_OfAScopePastTheKeptThreshold_ShowsItsKeptFigures_AndSendsToAUnitBelowForLights(DbProvider provider)
    {
        // The demo province read as the nation's cockpit is: from its kept sums, every figure as the rows give it, no light judged.
        await using var kept = await KeystoneApp.StartAsync(provider, new Dictionary<string, string> { ["Keystone:Cockpit:KeptAbove"] = "1" });
        await using var rows = await KeystoneApp.StartAsync(provider);
        var (status, html) = await kept.PageAsync("/?asOf=2024-04-10");
        var (_, plain) = await rows.PageAsync("/?asOf=2024-04-10");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("id=\"lights-by-unit\"", html);
        Assert.DoesNotContain("id=\"lights\"", html);
        Assert.Contains("id=\"lights\"", plain);
        Assert.Contains($"href=\"/?scope=", html[html.IndexOf("lights-by-unit", StringComparison.Ordinal)..]);
        Assert.Contains(">阳泉市</a>", html[html.IndexOf("lights-by-unit", StringComparison.Ordinal)..]);

        // The cards, the overview, the months and the charts are the ones the rows give.
        static string Between(string page, string from, string to)
        {
            var start = page.IndexOf(from, StringComparison.Ordinal);
            Assert.True(start >= 0, $"no {from}");
            return page[start..page.IndexOf(to, start, StringComparison.Ordinal)];
        }

        foreach (var figure in new[] { "planned", "total", "pace" })
        {
            Assert.Equal(Between(plain, $"data-figure=\"{figure}\"", "ks-card-note"), Between(html, $"data-figure=\"{figure}\"", "ks-card-note"));
        }

        Assert.Equal(Between(plain, "id=\"overview\"", "<a "), Between(html, "id=\"overview\"", "<a "));
        foreach (var chart in new[] { "chart-months", "chart-levels", "chart-categories", "chart-start-rate", "chart-completion-rate" })
        {
            Assert.Equal(Between(plain, $"id=\"{chart}\"", "</figure>"), Between(html, $"id=\"{chart}\"", "</figure>"));
        }
    }

    [Fact]
    public async Task Cockpit_ForAnUnknownUnit_OrABadDate_SaysSo()
    {
        await using var app = await KeystoneApp.StartAsync(DbProvider.Sqlite);
        var (status, html) = await app.PageAsync($"/?scope={Q("不存在的开发区")}");
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains("找不到单位“不存在的开发区”", html);
        (status, html) = await app.PageAsync("/?asOf=10/4/2024");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("应写作 2024-04-10", html);
    }

    [Theory]
    [DatabaseData]
    public async Task Ledger_FiltersByUnitLevelAndSearch_FromTheUrl(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        var (_, all) = await app.PageAsync($"/projects?unit={Q("阳泉高新区")}");
        Assert.Contains("共 65 个项目", all);
        var (_, provincial) = await app.PageAsync($"/projects?unit={Q("阳泉高新区")}&level=provincial");
        Assert.Contains("共 12 个项目", provincial);
        Assert.Equal(12, Codes(provincial).Count);
        Assert.Contains("<option value=\"provincial\" selected", provincial);
        var (_, searched) = await app.PageAsync($"/projects?q={Q("太重")}");
        Assert.Contains("太重中大型工程起重机智能制造项目", searched);
        Assert.Contains("共 1 个项目", searched);
    }

    [Theory]
    [DatabaseData]
    public async Task Ledger_PagesAndSorts_OnTheServer(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        var (_, first) = await app.PageAsync($"/projects?unit={Q("阳泉高新区")}&size=20");
        var (_, second) = await app.PageAsync($"/projects?unit={Q("阳泉高新区")}&size=20&page=2");
        Assert.Equal(20, Codes(first).Count);
        Assert.Equal(20, Codes(second).Count);
        Assert.Empty(Codes(first).Intersect(Codes(second)));
        Assert.Contains("第 2/4 页", second);
        Assert.Equal(Codes(first).Order(StringComparer.Ordinal), Codes(first));

        var (_, byTotal) = await app.PageAsync($"/projects?unit={Q("阳泉高新区")}&sort=total&desc=1&size=200");
        await using var db = app.NewContext();
        var expected = (await db.Projects.Include(p => p.Unit).Where(p => p.Unit!.Name == "阳泉高新区").ToListAsync())
            .OrderByDescending(p => p.TotalInvestment).ThenBy(p => p.Code, StringComparer.Ordinal).Select(p => p.Code).ToList();
        Assert.Equal(expected, Codes(byTotal));
    }

    [Theory]
    [DatabaseData]
    public async Task Ledger_FiltersByLight_AsTheCockpitCountsThem(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        var lights = (await app.GetJsonAsync($"/api/lights?scope={Q("阳泉高新区")}&asOf=2024-04-10"))["items"]!.AsArray();
        var red = lights.Where(l => (string)l!["light"]! == "red").Select(l => (string)l!["code"]!).Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(red);
        var (_, html) = await app.PageAsync($"/projects?unit={Q("阳泉高新区")}&light=red&size=200");
        Assert.Equal(red, Codes(html));
    }

    [Fact]
    public async Task Ledger_RefusesAFilterItDoesNotKnow()
    {
        await using var app = await KeystoneApp.StartAsync(DbProvider.Sqlite);
        var (status, html) = await app.PageAsync("/projects?level=imperial");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("项目级别“imperial”无效", html);
    }

    [Theory]
    [DatabaseData]
    public async Task Ledger_ExportsTheFilteredSet(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        using var client = app.Client();
        var response = await client.GetAsync($"/projects/export?unit={Q("阳泉高新区")}&level=provincial&format=csv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2 + 12, lines.Length);
        Assert.All(lines.Skip(2), l => Assert.Contains("省级重点", l));
        var xlsx = await client.GetAsync($"/projects/export?unit={Q("阳泉高新区")}&format=xlsx");
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [DatabaseData]
    public async Task Project_ShowsItsFactsPlansReportsAndLight(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        var (status, html) = await app.PageAsync("/projects/2404-140100-04-01-102938");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("太重中大型工程起重机智能制造项目", html);
        Assert.Contains("id=\"plans\"", html);
        Assert.Contains("data-period=\"2024-03\"", html);
        Assert.Contains("8347万元", html);
        Assert.Contains("/projects/2404-140100-04-01-102938/reports/new", html);
        (status, _) = await app.PageAsync("/projects/NO-SUCH-1");
        Assert.Equal(HttpStatusCode.NotFound, status);
    }

    [Theory]
    [DatabaseData]
    public async Task Report_WithPhotos_IsSaved_AndTheProjectPageShowsThemWithTheirChecks(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        await using (var db = app.NewContext())
        {
            var project = await db.Projects.SingleAsync(p => p.Code == "YQGX-2024-001");
            project.Locate(new GeoPoint(37.857, 113.583));
            await db.SaveChangesAsync();
        }

        var response = await app.ReportAsync(
            "YQGX-2024-001",
            new Dictionary<string, string> { ["period"] = "2024-04", ["month"] = "350.5", ["imageProgress"] = "主体结构施工至第5层", ["problemsMet"] = "用地指标尚未落实" },
            ("现场一.jpg", TestPhotos.Jpeg(new DateTime(2024, 4, 8, 10, 30, 0), 37.858, 113.584)),
            ("远处.jpg", TestPhotos.Jpeg(new DateTime(2024, 3, 20, 9, 0, 0), 37.870, 112.549)),
            ("截图.png", TestPhotos.Png()));
        Assert.True(HttpStatusCode.Redirect == response.StatusCode, await response.Content.ReadAsStringAsync());
        Assert.EndsWith("/projects/YQGX-2024-001?reported=2024-04#photos", response.Headers.Location?.OriginalString);

        await using (var db = app.NewContext())
        {
            var report = await db.ProgressReports.SingleAsync(r => r.Project!.Code == "YQGX-2024-001" && r.Period == new Period(2024, 4));
            Assert.Equal(new Money(350.5m), report.MonthInvestment);
            Assert.Equal("用地指标尚未落实", report.ProblemsMet);
            var photos = await db.ReportPhotos.Where(p => p.ProjectId == report.ProjectId).OrderBy(p => p.Id).ToListAsync();
            Assert.Equal(["image/jpeg", "image/jpeg", "image/png"], photos.Select(p => p.ContentType));
            Assert.Equal(new DateTimeOffset(2024, 4, 8, 10, 30, 0, TimeSpan.FromHours(8)), photos[0].TakenAt);
        }

        var (_, html) = await app.PageAsync("/projects/YQGX-2024-001?reported=2024-04");
        Assert.Contains("已提交2024年4月的进度", html);
        Assert.Contains("现场一.jpg", html);
        Assert.Contains("2024-04-08 10:30", html);
        Assert.Contains("拍摄于2024年3月20日，不在报告月份2024年4月内", html);
        Assert.Contains("拍摄地点距项目位置约", html);
        Assert.Contains("用地指标尚未落实", html);
        Assert.Equal(2, Regex.Matches(html, "ks-photo-warning").Count);

        // The page lists thumbnails, each linking to its full photo.
        var id = Regex.Match(html, "<a href=\"/photos/(\\d+)\"><img src=\"/photos/\\1/thumb\"").Groups[1].Value;
        Assert.NotEqual("", id);
        Assert.Equal(3, Regex.Matches(html, "src=\"/photos/\\d+/thumb\"").Count);
        using var client = app.Client();
        var photo = await client.GetAsync($"/photos/{id}");
        Assert.Equal("image/jpeg", photo.Content.Headers.ContentType?.MediaType);
        Assert.Equal([0xFF, 0xD8, 0xFF], (await photo.Content.ReadAsByteArrayAsync())[..3]);
        var thumb = await client.GetAsync($"/photos/{id}/thumb");
        Assert.Equal("image/jpeg", thumb.Content.Headers.ContentType?.MediaType);
        Assert.Equal([0xFF, 0xD8, 0xFF], (await thumb.Content.ReadAsByteArrayAsync())[..3]);
    }

    [Theory]
    [DatabaseData]
    public async Task Thumbnails_AreMadeOnUpload_OnFirstRequestForOlderPhotos_AndADamagedPhotoShowsAPlaceholder(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        var big = TestPhotos.Png(1200, 900, noisy: true);
        var response = await app.ReportAsync(
            "YQGX-2024-001",
            new Dictionary<string, string> { ["period"] = "2024-04", ["month"] = "100" },
            ("大图.png", big),
            ("坏图.jpg", TestPhotos.Jpeg()[..40]));
        Assert.True(HttpStatusCode.Redirect == response.StatusCode, await response.Content.ReadAsStringAsync());

        int bigId, damagedId;
        await using (var db = app.NewContext())
        {
            var photos = await db.ReportPhotos.OrderBy(p => p.Id).ToListAsync();
            (bigId, damagedId) = (photos[0].Id, photos[1].Id);
            Assert.True(photos[0].Thumbnail is { Length: > 0 } t && t.Length < big.Length);
            Assert.Empty(photos[1].Thumbnail!);

            // As a photo stored before thumbnails were made.
            await db.ReportPhotos.Where(p => p.Id == bigId).ExecuteUpdateAsync(u => u.SetProperty(p => p.Thumbnail, (byte[]?)null));
        }

        var (status, html) = await app.PageAsync("/projects/YQGX-2024-001");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains($"src=\"/photos/{damagedId}/thumb\"", html);
        using var client = app.Client();
        var thumb = await client.GetAsync($"/photos/{bigId}/thumb");
        Assert.Equal(HttpStatusCode.OK, thumb.StatusCode);
        var bytes = await thumb.Content.ReadAsByteArrayAsync();
        Assert.Equal("image/jpeg", thumb.Content.Headers.ContentType?.MediaType);
        Assert.True(bytes.Length < big.Length);
        await using (var db = app.NewContext())
        {
            Assert.Equal(bytes, (await db.ReportPhotos.SingleAsync(p => p.Id == bigId)).Thumbnail);
        }

        var placeholder = await client.GetAsync($"/photos/{damagedId}/thumb");
        Assert.Equal(HttpStatusCode.OK, placeholder.StatusCode);
        Assert.Equal("image/svg+xml", placeholder.Content.Headers.ContentType?.MediaType);
        Assert.Equal((await client.GetAsync($"/photos/{damagedId}")).Content.Headers.ContentLength, 40);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/photos/999999/thumb")).StatusCode);
    }

    [Fact]
    public async Task AReportFiledThroughThePages_ShowsOnTheCockpitAtOnce_DespiteThePageCache()
    {
        await using var app = await KeystoneApp.StartAsync(DbProvider.Sqlite);
        var url = $"/?scope={Q("古县经济技术开发区")}&asOf=2024-04-10";
        static string Completed(string html) => Regex.Match(html, "data-figure=\"completed\">.*?ks-card-value\">([^<]+)<", RegexOptions.Singleline).Groups[1].Value;
        var before = Completed((await app.PageAsync(url)).Html);
        Assert.Equal(before, Completed((await app.PageAsync(url)).Html));
        var response = await app.ReportAsync("GX-2024-002", new Dictionary<string, string> { ["period"] = "2024-04", ["month"] = "50000" });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var after = Completed((await app.PageAsync(url)).Html);
        Assert.NotEqual(before, after);
    }

    [Theory]
    [DatabaseData]
    public async Task Report_RefusesAGifOrATextFile_SayingWhy_AndSavesNothing(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        var fields = new Dictionary<string, string> { ["period"] = "2024-04", ["month"] = "100" };
        var response = await app.ReportAsync("YQGX-2024-001", fields, ("动图.gif", TestPhotos.Gif()), ("说明.jpg", "不是照片"u8.ToArray()));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("“动图.gif”不是 JPEG 或 PNG 照片", html);
        Assert.Contains("“说明.jpg”不是 JPEG 或 PNG 照片", html);
        Assert.Contains("id=\"photos-error\"", html);
        Assert.Contains("value=\"100\"", html);
        await using var db = app.NewContext();
        Assert.False(await db.ProgressReports.AnyAsync(r => r.Project!.Code == "YQGX-2024-001" && r.Period == new Period(2024, 4)));
        Assert.Equal(0, await db.ReportPhotos.CountAsync());
    }

    [Fact]
    public async Task Report_WithABadAmount_ShowsTheErrorBesideTheField_KeepingWhatWasTyped()
    {
        await using var app = await KeystoneApp.StartAsync(DbProvider.Sqlite);
        var response = await app.ReportAsync("YQGX-2024-001", new Dictionary<string, string> { ["period"] = "2024-04", ["month"] = "三百", ["imageProgress"] = "基础施工" });
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("“三百”不是数字", html);
        Assert.Contains("id=\"month-error\"", html);
        Assert.Contains("is-invalid", html);
        Assert.Contains(">基础施工</textarea>", html);
        response = await app.ReportAsync("YQGX-2024-001", new Dictionary<string, string> { ["period"] = "2024-04", ["month"] = "-5" });
        Assert.Contains("不能为负数", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [DatabaseData]
    public async Task Report_IntoAClosedMonth_NeedsACorrectionReason(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        var close = await app.SendJsonAsync(HttpMethod.Post, "/api/periods/close", new { scope = "阳泉高新区", month = "2024-03" });
        Assert.Equal(HttpStatusCode.Created, close.StatusCode);
        var (_, form) = await app.PageAsync("/projects/YQGX-2024-001/reports/new?period=2024-03");
        Assert.Contains("id=\"frozen-note\"", form);

        var response = await app.ReportAsync("YQGX-2024-001", new Dictionary<string, string> { ["period"] = "2024-03", ["month"] = "100" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("id=\"correctionReason-error\"", html);
        Assert.Contains("已关账", html);

        response = await app.ReportAsync("YQGX-2024-001", new Dictionary<string, string> { ["period"] = "2024-03", ["month"] = "100", ["correctionReason"] = "补报漏填的设备款" });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var db = app.NewContext();
        var report = await db.ProgressReports.SingleAsync(r => r.Project!.Code == "YQGX-2024-001" && r.Period == new Period(2024, 3));
        Assert.Equal("补报漏填的设备款", report.CorrectionReason);
    }

    [Theory]
    [DatabaseData]
    public async Task Briefing_ShowsTheText_WithItsDownloads(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        var (_, html) = await app.PageAsync($"/briefings?scope={Q("阳泉高新区")}&asOf=2024-04-10&issuer={Q("阳泉高新区管委会")}");
        Assert.Contains("阳泉高新区2024年重点项目建设情况通报", html);
        Assert.Contains("复工率100%；新开工项目23个，开工率52.3%", html);
        Assert.Contains("id=\"copy-briefing\"", html);
        Assert.Contains("阳泉高新区管委会", html);
        var docx = Regex.Match(html, "id=\"download-docx\" href=\"([^\"]+)\"").Groups[1].Value;
        using var client = app.Client();
        var response = await client.GetAsync(WebUtility.HtmlDecode(docx));
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [DatabaseData]
    public async Task Rankings_RankTheChildUnits_OnStartCompletionAndPace(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        var (_, html) = await app.PageAsync("/rankings?asOf=2024-04-10");
        foreach (var board in new[] { "start-rate", "completion-rate", "pace" })
        {
            Assert.Contains($"<table class=\"table table-sm mb-0\" id=\"{board}\">", html);
        }

        Assert.Contains("data-unit=\"阳泉市\"", html);
        Assert.Contains("红榜", html);
        Assert.Contains("黑榜", html);
        var (_, zone) = await app.PageAsync($"/rankings?scope={Q("阳泉高新区")}");
        Assert.Contains("id=\"no-children\"", zone);
    }

    [Fact]
    public async Task LanguageSwitch_RemembersTheChoice_AndOnlyReturnsIntoTheSite()
    {
        await using var app = await KeystoneApp.StartAsync(DbProvider.Sqlite);
        using var client = app.Client();
        var response = await client.GetAsync("/culture/en-US?returnUrl=%2Fprojects%3Flevel%3Dprovincial");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/projects?level=provincial", response.Headers.Location?.OriginalString);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Culture=c%3Den-US", StringComparison.Ordinal) && c.Contains("max-age", StringComparison.OrdinalIgnoreCase));
        var html = await client.GetStringAsync("/projects");
        Assert.Contains("Project ledger", html);
        Assert.Contains("<html lang=\"en-US\"", html);

        var back = await client.GetAsync("/culture/zh-CN?returnUrl=%2F%2Fevil.example");
        Assert.Equal("/", back.Headers.Location?.OriginalString);
        Assert.Contains("项目台账", await client.GetStringAsync("/projects"));
    }

    [Fact]
    public async Task ProjectSite_IsSetOnThePage_AndRefusedWhenImpossible()
    {
        await using var app = await KeystoneApp.StartAsync(DbProvider.Sqlite);
        using var client = app.Client();
        var page = await client.GetStringAsync("/projects/YQGX-2024-001");
        var fields = Regex.Matches(page, "<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"")
            .Where(m => m.Index > page.IndexOf("id=\"location-form\"", StringComparison.Ordinal))
            .Take(2)
            .ToDictionary(m => m.Groups[1].Value, m => WebUtility.HtmlDecode(m.Groups[2].Value));
        var bad = await client.PostAsync("/projects/YQGX-2024-001", new FormUrlEncodedContent(new Dictionary<string, string>(fields) { ["lat"] = "95", ["lng"] = "113.5" }));
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("纬度95应在-90到90之间", await bad.Content.ReadAsStringAsync());
        var good = await client.PostAsync("/projects/YQGX-2024-001", new FormUrlEncodedContent(new Dictionary<string, string>(fields) { ["lat"] = "37.857", ["lng"] = "113.583" }));
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        await using var db = app.NewContext();
        Assert.Equal(new GeoPoint(37.857, 113.583), (await db.Projects.SingleAsync(p => p.Code == "YQGX-2024-001")).Location);
    }
}
