using System.Globalization;
using Keystone.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Tests.Features.Accounts;

/// <summary>
/// The campaigns' part of the matrix: the home zone's 百日攻坚 (the demo's) and an event it recorded, two days on
/// which five of its projects start to the day (one proposal for the API's confirmation, one for the page's), the
/// bodies and page forms that act on them, their tables in the fingerprint and their names as home-zone facts.
/// </summary>
public sealed partial class ScopeMatrix
{
    /// <summary>The days on which the world starts five home projects each: the API confirms the first, the page the second.</summary>
    private const string ApiProposalDay = "2024-04-05";
    private const string PageProposalDay = "2024-04-07";

    private readonly Dictionary<string, int> campaignIds = [];

    private static (string Page, string Form)[] CampaignPageForms =>
    [
        ("/campaigns", "campaign-new"),
        ("/campaigns", "campaign-add"),
        ("/campaigns", "campaign-remove"),
        ("/campaigns", "event-confirm"),
    ];

    private IEnumerable<(string Table, string Where)> CampaignTables()
    {
        var units = $"\"OrgUnitId\" IN ({unitIds})";
        return
        [
            ("campaigns", units),
            ("campaign_tasks", $"\"CampaignId\" IN (SELECT \"Id\" FROM \"campaigns\" WHERE {units}) OR \"ProjectId\" IN ({projectIds})"),
            ("start_events", units),
            ("start_event_projects", $"\"StartEventId\" IN (SELECT \"Id\" FROM \"start_events\" WHERE {units}) OR \"ProjectId\" IN ({projectIds})"),
        ];
    }

    /// <summary>
    /// The home zone's recorded event, and ten of its projects (none a route acts on) starting five a day on two
    /// days, recorded to the day: two proposals to confirm.
    /// </summary>
    private async Task CampaignWorldAsync()
    {
        await Ok(HttpMethod.Post, "/api/start-events", new { scope = HomeUnit, date = "2024-03-11", title = "矩阵高新区集中开复工仪式", projects = new[] { HomeProject } });
        string[] used = [HomeProject, ReviewPageProject, ApproveProject, ReturnProject, ProcedureProject, LedgerProject, UploadProject, ReportPageProject, LateProject, LatePageProject];
        await using var db = App.NewContext();
        var plans = await db.AnnualPlans.Include(a => a.Project)
            .Where(a => a.Year == 2024 && a.Project!.OrgUnitId == homeUnitId && !used.Contains(a.Project.Code))
            .OrderByDescending(a => a.Project!.Code).Take(10).ToListAsync();
        Assert.True(plans.Count == 10, "the home zone has too few projects for the matrix's proposals");
        foreach (var (plan, i) in plans.Select((p, i) => (p, i)))
        {
            plan.RecordStart(DateOnly.Parse(i < 5 ? ApiProposalDay : PageProposalDay, CultureInfo.InvariantCulture));
        }

        await db.SaveChangesAsync();
    }

    /// <summary>The home zone's campaign names and event titles as markers; the ids the routes act on.</summary>
    private async Task<IEnumerable<Marker>> CampaignMarkersAsync(AppDbContext db)
    {
        var campaigns = await db.Campaigns.AsNoTracking().Where(c => c.OrgUnitId == homeUnitId).OrderBy(c => c.Id).Select(c => new { c.Id, c.Name }).ToListAsync();
        var events = await db.StartEvents.AsNoTracking().Where(e => e.OrgUnitId == homeUnitId).OrderBy(e => e.Id).Select(e => new { e.Id, e.Title }).ToListAsync();
        campaignIds["campaign"] = campaigns.First().Id;
        campaignIds["event"] = events.First().Id;
        return campaigns.Select(c => new Marker("campaign", c.Name)).Concat(events.Where(e => e.Title is not null).Select(e => new Marker("start event", e.Title!)));
    }

    private string? CampaignId(MatrixRoute route) =>
        route.Template.StartsWith("/api/campaigns/", StringComparison.Ordinal) ? campaignIds["campaign"].ToString(CultureInfo.InvariantCulture)
        : route.Template.StartsWith("/api/start-events/", StringComparison.Ordinal) ? campaignIds["event"].ToString(CultureInfo.InvariantCulture)
        : null;

    /// <summary>A body the home zone's officer would have had accepted.</summary>
    private static object? CampaignBody(MatrixRoute route, int index) => route.Key switch
    {
        "POST /api/campaigns" => new { scope = HomeUnit, name = $"矩阵专项行动{index}", start = "2024-04-01", end = "2024-06-30", projects = new[] { new { project = HomeProject, kind = "start" } } },
        "POST /api/campaigns/{id}/projects" => new { project = HomeProject, kind = "approval", procedure = "矩阵手续", due = "2024-05-31" },
        "POST /api/start-events" => new { scope = HomeUnit, date = "2024-03-12", title = $"矩阵手动集中开复工{index}", projects = new[] { HomeProject } },
        "POST /api/start-events/proposals/confirm" => new { scope = HomeUnit, date = ApiProposalDay, title = $"矩阵确认集中开复工{index}" },
        _ => null,
    };

    /// <summary>The query of a campaign page form: the campaign its project forms act on.</summary>
    private List<KeyValuePair<string, string>>? CampaignFormQuery(MatrixRoute route) =>
        route.Form is "campaign-add" or "campaign-remove" ? [new("campaign", campaignIds["campaign"].ToString(CultureInfo.InvariantCulture))] : null;

    private static (string, string)[]? CampaignFormFields(string? form) => form switch
    {
        "campaign-new" => [("name", "矩阵页面专项行动"), ("start", "2024-04-01"), ("end", "2024-06-30"), ("starts", "2")],
        "campaign-add" => [("project", HomeProject), ("kind", "node"), ("reference", "M1"), ("due", "2024-05-31")],
        "campaign-remove" => [("project", HomeProject)],
        "event-confirm" => [("date", PageProposalDay), ("unit", HomeUnit), ("title", "矩阵页面确认集中开复工")],
        _ => null,
    };
}
