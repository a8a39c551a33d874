using System.Globalization;
using Keystone.Components;
using Keystone.Core;
using Keystone.Core.Accounts;
using Keystone.Core.Data;
using Keystone.Core.Desk;
using Keystone.Core.Factors;
using Keystone.Core.Problems;
using Keystone.Core.Progress;
using Keystone.Core.Units;
using Keystone.Core.Work;
using Keystone.Features.Accounts;
using Keystone.Features.Problems;
using Keystone.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Features.Work;

/// <summary>
/// The to-do list (工作台) as JSON, and 催报: GET /api/work answers with the caller's own work (an officer's
/// or an enterprise reporter's); POST /api/reports/reminders records a reminder for a late report.
/// </summary>
public static class WorkApi
{
    /// <summary>Keystone:Notify:ReportDueDay: a month's report is due by this day of the next month.</summary>
    public const string ReportDueDayKey = "Keystone:Notify:ReportDueDay";

    public static RouteGroupBuilder MapWorkApi(this RouteGroupBuilder api)
    {
        api.MapGet("/work", GetAsync).WithTags("Work").WithName("GetWork")
            .WithSummary("工作台：待审核、未按期填报、待交办/逾期/待办结问题、督办单与承诺事项 / the caller's to-do list");
        api.MapPost("/reports/reminders", RemindEndpointAsync).WithTags("Work").WithName("RemindReport").RequireAuthorization(AuthSetup.Officer)
            .WithSummary("催报：提醒项目填报逾期未报的月度进度 / remind a project of its late monthly report");
        return api;
    }

    public static int ReportDueDay(IConfiguration config) =>
        Core.Notifications.NotifyItems.ParseReportDueDay(config[ReportDueDayKey]);

    private static async Task<Ok<WorkDto>> GetAsync(
        AppDbContext db, Caller caller, TimeProvider clock, IConfiguration config, string? scope, string? asOf, CancellationToken ct)
    {
        var tree = await db.LoadTreeAsync(ct);
        var today = DeskDate.Today(clock);
        // The same unit and date the page resolves (the scope's data date unless asOf says otherwise).
        var desk = await DeskScope.ResolveAsync(db, caller, tree, clock, scope, null, asOf, ct);
        var unit = desk.Unit;
        var day = desk.AsOf;
        var culture = CultureInfo.CurrentUICulture;
        if (caller.Role == Role.EnterpriseReporter)
        {
            var mine = await WorkData.ReporterAsync(db, tree, caller, day, today, ct);
            return TypedResults.Ok(WorkDto.Of(mine, tree, culture));
        }

        if (caller.Role == Role.DepartmentOfficer)
        {
            var inbox = await ProblemData.ListAsync(db, tree, caller.Problems(db.Problems, tree), new ProblemQuery { AsOf = day, Status = ProblemStatusFilter.Open }, today, ct);
            return TypedResults.Ok(new WorkDto { Role = "department", AsOf = day, Inbox = inbox.Take(WorkData.ListLimit).Select(p => ProblemItem.Of(p, tree, culture)).ToList(), Total = inbox.Count });
        }

        var work = await WorkData.OfficerAsync(db, tree, caller, unit, day, today, ReportDueDay(config), ct);
        return TypedResults.Ok(WorkDto.Of(work, tree, culture));
    }

    public sealed record ReminderRequest(string? Project, string? Period);

    public sealed record ReminderDto(string Project, string Period, string RemindedBy, DateTimeOffset RemindedAt);

    private static async Task<Created<ReminderDto>> RemindEndpointAsync([FromBody] ReminderRequest body, AppDbContext db, Caller caller, TimeProvider clock, CancellationToken ct)
    {
        var reminder = await RemindAsync(db, caller, clock, body.Project, body.Period, ct);
        return TypedResults.Created($"/api/work", new ReminderDto(reminder.Project!.Code, reminder.Period.ToString(), reminder.RemindedBy, reminder.RemindedAt));
    }

    /// <summary>Records a 催报 for the caller's project and month (refused, changing nothing, when the rules say no).</summary>
    public static async Task<ReportReminder> RemindAsync(AppDbContext db, Caller caller, TimeProvider clock, string? code, string? period, CancellationToken ct)
    {
        // Only the projects the caller keeps are found: a department's list is empty, so it cannot remind one.
        var project = await ProjectLookup.FindAsync(db, caller, code ?? "", ct);
        var month = Period.Parse(period ?? "");
        var now = clock.GetUtcNow();
        var today = DeskDate.Of(now);
        // As the late list judges it: a report for the month or a later month of its year (not a returned one).
        var months = WorkList.FromToYearEnd(month);
        var reported = await db.ProgressReports.AnyAsync(r => r.ProjectId == project.Id && months.Contains(r.Period) && r.Status != ReportStatus.Returned, ct);
        var since = DeskDate.StartOf(today);
        var remindedToday = await db.ReportReminders.AnyAsync(r => r.ProjectId == project.Id && r.Period == month && r.RemindedAt >= since, ct);
        Reminders.Check(month, today, reported, remindedToday);
        var reminder = new ReportReminder(project, month, caller.UserName, now);
        db.ReportReminders.Add(reminder);
        await db.SaveChangesAsync(ct);
        return reminder;
    }

    /// <summary>The 催报 button on the 工作台: records it and comes back to the list saying what was done or why not.</summary>
    public static RouteHandlerBuilder MapRemindForm(this IEndpointRouteBuilder app) =>
        app.MapPost("/work/remind", RemindFormAsync).RequireAuthorization(AuthSetup.Officer).ExcludeFromDescription();

    public sealed class RemindForm
    {
        public string? Project { get; set; }

        public string? Period { get; set; }

        public string? Back { get; set; }
    }

    private static async Task<IResult> RemindFormAsync([FromForm] RemindForm form, AppDbContext db, Caller caller, TimeProvider clock, CancellationToken ct)
    {
        var back = LocalUrl.OrRoot(form.Back is { Length: > 0 } b ? b : "/work");
        try
        {
            await RemindAsync(db, caller, clock, form.Project, form.Period, ct);
            return TypedResults.Redirect(Links.To(back, ("reminded", form.Project)) + "#late");
        }
        catch (NotFoundException e)
        {
            return TypedResults.Redirect(Links.To(back, ("remindError", L.T(e.Text))) + "#late");
        }
        catch (DomainException e)
        {
            return TypedResults.Redirect(Links.To(back, ("remindError", L.T(e.Text))) + "#late");
        }
    }
}

/// <summary>The 工作台 as JSON: <c>role</c> says which lists it carries.</summary>
public sealed record WorkDto
{
    public required string Role { get; init; }

    public required DateOnly AsOf { get; init; }

    /// <summary>All the items waiting, over every list.</summary>
    public int Total { get; init; }

    /// <summary>The month whose reports were due (officers), or the month a reporter fills in now.</summary>
    public string? Period { get; init; }

    public DateOnly? DueOn { get; init; }

    public IReadOnlyList<WorkReportDto>? ToReview { get; init; }

    public IReadOnlyList<LateReportDto>? LateReports { get; init; }

    public IReadOnlyList<ProblemItem>? ToRoute { get; init; }

    public IReadOnlyList<ProblemItem>? Overdue { get; init; }

    public IReadOnlyList<ProblemItem>? ToClose { get; init; }

    public IReadOnlyList<NoticeDueDto>? NoticesDue { get; init; }

    public IReadOnlyList<ObligationDto>? ObligationsDue { get; init; }

    /// <summary>Leads with no follow-up for their unit's yellow days or more (officers; 超期未跟进).</summary>
    public IReadOnlyList<StaleLeadDto>? StaleLeads { get; init; }

    /// <summary>The month whose 包联 visits are counted (officers): the as-of date's month, up to the day.</summary>
    public string? VisitMonth { get; init; }

    /// <summary>The scope's 包联 enterprises (with a liaison officer).</summary>
    public int? VisitsAssigned { get; init; }

    /// <summary>Those not yet visited this month by their liaison officer.</summary>
    public IReadOnlyList<VisitDueDto>? Unvisited { get; init; }

    public IReadOnlyList<ReportToFileDto>? ToFile { get; init; }

    public IReadOnlyList<WorkReportDto>? Returned { get; init; }

    public IReadOnlyList<ProblemItem>? OpenProblems { get; init; }

    public IReadOnlyList<ProblemItem>? Inbox { get; init; }

    public static WorkDto Of(OfficerWork w, OrgTree tree, CultureInfo culture) => new()
    {
        Role = "officer",
        AsOf = w.AsOf,
        Total = w.Total,
        Period = w.DuePeriod.ToString(),
        DueOn = w.DueOn,
        ToReview = w.ToReview.Select(r => WorkReportDto.Of(r, tree)).ToList(),
        LateReports = w.LateReports.Select(r => new LateReportDto(UnitName(tree, r.UnitId), r.Code, r.Name, r.Period.ToString(), r.Due, r.RemindedAt, r.RemindedBy)).ToList(),
        ToRoute = w.ToRoute.Select(p => ProblemItem.Of(p, tree, culture)).ToList(),
        Overdue = w.Overdue.Select(p => ProblemItem.Of(p, tree, culture)).ToList(),
        ToClose = w.ToClose.Select(p => ProblemItem.Of(p, tree, culture)).ToList(),
        NoticesDue = w.NoticesDue.Select(n => new NoticeDueDto(n.Reference, n.ProblemNumber, n.ProblemTitle, UnitName(tree, n.UnitId), n.Addressee, n.ReplyBy, n.Overdue)).ToList(),
        ObligationsDue = w.ObligationsDue.Select(o => new ObligationDto(o.Code, o.ProjectName, UnitName(tree, o.UnitId), o.Item, o.What, o.Due, o.Due < w.AsOf)).ToList(),
        StaleLeads = w.StaleLeads.Select(l => new StaleLeadDto(l.Id, l.Name, UnitName(tree, l.UnitId), l.Days, l.LastContact, l.Light.ToString().ToLowerInvariant())).ToList(),
        VisitMonth = w.VisitMonth.ToString(),
        VisitsAssigned = w.VisitsAssigned,
        Unvisited = w.Unvisited.Select(v => new VisitDueDto(v.Uscc, v.Enterprise, UnitName(tree, v.UnitId), v.Officer, v.Department)).ToList(),
    };

    public static WorkDto Of(ReporterWork w, OrgTree tree, CultureInfo culture) => new()
    {
        Role = "reporter",
        AsOf = w.AsOf,
        Total = w.Total,
        Period = w.Period.ToString(),
        ToFile = w.ToFile.Select(r => new ReportToFileDto(r.Code, r.Name, r.Period.ToString(), r.Status?.ToString().ToLowerInvariant(), r.Comment)).ToList(),
        Returned = w.Returned.Select(r => WorkReportDto.Of(r, tree)).ToList(),
        OpenProblems = w.OpenProblems.Select(p => ProblemItem.Of(p, tree, culture)).ToList(),
    };

    internal static string UnitName(OrgTree tree, int id) => tree.Contains(id) ? tree[id].Name : "";
}

public sealed record WorkReportDto(string Unit, string Project, string Name, string Period, string Status, DateTimeOffset ReportedAt, string? ReportedBy, string? Comment)
{
    public static WorkReportDto Of(WorkReport r, OrgTree tree) =>
        new(WorkDto.UnitName(tree, r.UnitId), r.Code, r.Name, r.Period.ToString(), r.Status.ToString().ToLowerInvariant(), r.ReportedAt, r.ReportedBy, r.Comment);
}

public sealed record LateReportDto(string Unit, string Project, string Name, string Period, DateOnly Due, DateTimeOffset? RemindedAt, string? RemindedBy);

public sealed record NoticeDueDto(string Reference, string Problem, string Title, string Unit, string Addressee, DateOnly ReplyBy, bool Overdue);

public sealed record ObligationDto(string Project, string Name, string Unit, string Item, string What, DateOnly Due, bool Overdue);

public sealed record ReportToFileDto(string Project, string Name, string Period, string? Status, string? Comment);

public sealed record StaleLeadDto(int Id, string Name, string Unit, int Days, DateOnly LastContact, string Light);

public sealed record VisitDueDto(string Uscc, string Enterprise, string Unit, string Officer, string? Department);
