using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Keystone.Components;
using Keystone.Core;
using Keystone.Core.Accounts;
using Keystone.Core.Data;
using Keystone.Core.Desk;
using Keystone.Core.Figures;
using Keystone.Core.Ledger;
using Keystone.Core.Lights;
using Keystone.Core.Schedule;
using Keystone.Features.Accounts;
using Keystone.Features.Figures;
using Keystone.Features.Projects;
using Keystone.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Features.Schedule;

public sealed record ScheduleAnswer(
    JsonNode Plan, DateOnly Start, DateOnly? Deadline, DateOnly Finish, bool MeetsDeadline, int CriticalFloat,
    IReadOnlyList<ScheduledDto> Activities, IReadOnlyList<NodeLightDto> Lights, DateOnly? AsOf = null)
{
    /// <summary>How durations, lags, floats and <see cref="DeadlineMargin"/> are counted: "calendar" (日历天) or "working" (工作日).</summary>
    public string Days { get; init; } = "calendar";

    /// <summary>Days (of <see cref="Days"/>' kind) from the forecast finish to the deadline: to spare when positive; null without one.</summary>
    public int? DeadlineMargin { get; init; }

    /// <summary>The stored schedule's version (also the ETag): send it back as If-Match, or as the plan's <c>version</c>, to save only over what was read.</summary>
    public int Version { get; init; }
}

public sealed record ScheduledDto(
    string Id, string Name, string? Responsible, int Duration, bool Milestone, DateOnly EarlyStart, DateOnly EarlyFinish, DateOnly LateStart, DateOnly LateFinish,
    int TotalFloat, int FreeFloat, bool Critical, bool Late, DateOnly? Due, DateOnly? ActualStart, DateOnly? ActualFinish, IReadOnlyList<string> After,
    int? DaysPastDue);

public sealed record NodeLightDto(string Name, DateOnly Planned, DateOnly? ActualFinish, Light Light, IReadOnlyList<string> Reasons);

public sealed record WorkItemDto(string? Group, string Name, string? Stage, bool Done, decimal? Percent);

/// <summary>A replacement of a project's work items; <paramref name="Version"/> is the list's version as read (optional: see <see cref="WorkItemsAnswer.Version"/>).</summary>
public sealed record WorkItemsInput(IReadOnlyList<WorkItemDto>? Items, int? Version = null);

/// <summary>A project's work items; <paramref name="Version"/> is the list's version (also the ETag), see <see cref="ScheduleApi.WorkItemsVersion"/>.</summary>
public sealed record WorkItemsAnswer(IReadOnlyList<WorkItemDto> Items, int Total, string Text, int Version);

/// <summary>A project's schedule (activities, nodes, the critical path, 倒排工期) and its buildings' stages.</summary>
public static class ScheduleApi
{
    public static RouteGroupBuilder MapScheduleApi(this RouteGroupBuilder api)
    {
        api.MapGet("/projects/{code}/schedule", GetAsync).WithTags("Schedule").WithName("GetSchedule")
            .WithSummary("项目进度计划与关键线路 / a project's schedule, computed: critical path, floats, late nodes")
            .WithDescription("ETag 与 version 为进度计划的版本 / the ETag and version are the stored schedule's version.");
        api.MapPut("/projects/{code}/schedule", PutAsync).RequireAuthorization(AuthSetup.Officer).WithTags("Schedule").WithName("PutSchedule").HonoursIfMatch()
            .WithSummary("保存进度计划（与 keystone schedule 的 JSON 相同）/ save a schedule (the keystone schedule JSON)")
            .WithDescription("If-Match: 读取时的 ETag（或计划 JSON 中的 version），进度计划已被他人修改则 412（version 则 409），未作任何更改；不带则照旧覆盖 / If-Match: the ETag read (or the plan JSON's version); when someone changed the schedule since, 412 (409 for version) and nothing is changed; without either, the plan is stored as before.");
        api.MapPost("/projects/{code}/schedule/import", ImportAsync).RequireAuthorization(AuthSetup.Officer).DisableAntiforgery()
            .WithTags("Schedule").WithName("ImportNodePlan")
            .WithSummary("导入节点计划表（.xlsx/.xls/.csv）/ import a node plan from Excel (multipart: file, start, deadline, days)")
            .WithDescription("All or nothing: with any bad row nothing changes and the answer is 422 with every problem; errors=true answers the file with the bad cells marked instead.");
        api.MapGet("/projects/{code}/work-items", GetWorkItemsAsync).WithTags("Schedule").WithName("GetWorkItems")
            .WithSummary("单体/地块形象进度 / the buildings and plots and their stages")
            .WithDescription("ETag 与 version 为整份清单的版本（每次更新都会改变）/ the ETag and version are the whole list's version (every update changes it).");
        api.MapPut("/projects/{code}/work-items", PutWorkItemsAsync).WithTags("Schedule").WithName("PutWorkItems").HonoursIfMatch()
            .WithSummary("更新单体形象进度 / replace the buildings and their stages")
            .WithDescription("If-Match: 读取时的 ETag（或请求体 version），清单已被他人修改则 412（version 则 409），未作任何更改；不带则照旧替换 / If-Match: the ETag read (or the body's version); when someone changed the list since, 412 (409 for version) and nothing is changed; without either, the list is replaced as before.");
        return api;
    }

    private static async Task<Ok<ScheduleAnswer>> GetAsync(HttpContext http, AppDbContext db, Caller caller, TimeProvider clock, string code, string? asOf, CancellationToken ct)
    {
        var project = await ProjectLookup.FindAsync(db, caller, code, ct);
        var schedule = await db.Schedules.AsNoTracking().FirstOrDefaultAsync(s => s.ProjectId == project.Id, ct)
            ?? throw new NotFoundException(new($"项目“{code}”还没有进度计划", $"The project \"{code}\" has no schedule yet"));
        var tree = await db.LoadTreeAsync(ct);
        var date = await DeskScope.AsOfAsync(db, caller, tree, clock, null, null, asOf, ct);
        var rules = (await LightsData.RulesAsync(db, tree, ct)).For(project.OrgUnitId);
        Concurrency.Tag(http, schedule);
        return TypedResults.Ok(Answer(schedule, date, rules));
    }

    public static ScheduleAnswer Answer(ProjectSchedule schedule, DateOnly asOf, LightRules rules)
    {
        var plan = schedule.Plan;
        var result = Scheduler.Compute(plan, asOf);
        var lights = MilestoneLights.Evaluate(ComputedSchedule.Milestones(result), asOf, rules);
        var culture = CultureInfo.CurrentUICulture;
        return new ScheduleAnswer(
            JsonNode.Parse(schedule.PlanJson)!,
            result.Start,
            result.Deadline,
            result.Finish,
            result.MeetsDeadline,
            result.CriticalFloat,
            result.Activities.Select(a => new ScheduledDto(
                a.Id, a.Name, a.Responsible, a.Duration, a.IsMilestone, a.EarlyStart, a.EarlyFinish, a.LateStart, a.LateFinish,
                a.TotalFloat, a.FreeFloat, a.Critical, a.Late, a.Activity.Due, a.Activity.ActualStart, a.Activity.ActualFinish,
                a.Activity.After.Select(p => p.ToString()).ToList(), a.DaysPastDue)).ToList(),
            lights.Select(l => new NodeLightDto(l.Name, l.Planned, l.ActualFinish, l.Light, l.Reasons.Select(r => r.Text.For(culture)).ToList())).ToList(),
            asOf)
        {
            Days = result.Days.Code(),
            DeadlineMargin = result.DeadlineMargin,
            Version = schedule.Version,
        };
    }

    /// <summary>The day count a form names ("calendar", "working", 日历天, 工作日); blank is calendar days.</summary>
    public static ScheduleDays Days(string? days) =>
        string.IsNullOrWhiteSpace(days) ? ScheduleDays.Calendar
        : ScheduleDayKinds.TryParse(days, out var kind) ? kind
        : throw new DomainException(
            new($"计日方式“{days}”无效，应为 calendar（日历天）或 working（工作日）", $"\"{days}\" is not a way of counting days: use calendar or working"),
            "days");

    private static async Task<Ok<ScheduleAnswer>> PutAsync(HttpContext http, AppDbContext db, Caller caller, TimeProvider clock, ScheduleLimits limits, string code, JsonElement plan, CancellationToken ct)
    {
        var project = await ProjectLookup.FindAsync(db, caller, code, ct);
        var tree = await db.LoadTreeAsync(ct);

        // The plan JSON may carry the version it was read with (the file format ignores other names); a project
        // without a schedule yet has nothing to be stale against, so its first plan is stored as before.
        if (await ScheduleStore.FindAsync(db, project, ct) is { } stored)
        {
            await Concurrency.CheckAsync(http, db, caller, tree, clock, stored, Concurrency.Noun.Schedule, "schedule", project.Code, BodyVersion(plan), ct);
        }

        var schedule = await ScheduleStore.SaveAsync(db, project, plan.GetRawText(), clock.GetUtcNow(), limits, ct);
        var rules = (await LightsData.RulesAsync(db, tree, ct)).For(project.OrgUnitId);
        Concurrency.Tag(http, schedule);
        return TypedResults.Ok(Answer(schedule, await DeskScope.AsOfAsync(db, caller, tree, clock, null, null, null, ct), rules));
    }

    /// <summary>The plan JSON's <c>version</c>, when it gives one as a whole number; anything else there is refused by name.</summary>
    private static int? BodyVersion(JsonElement plan) =>
        plan.ValueKind == JsonValueKind.Object && plan.TryGetProperty("version", out var v) && v.ValueKind != JsonValueKind.Null
            ? v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var n) ? n
                : throw new DomainException(new("version 应为读取进度计划时得到的版本号（整数）", "version should be the schedule's version as read (a whole number)"), "version")
            : null;

    private static async Task<IResult> ImportAsync(
        AppDbContext db, Caller caller, TimeProvider clock, LedgerLimits limits, ScheduleLimits scheduleLimits, ImportSlots slots, string code, IFormFile? file, [Microsoft.AspNetCore.Mvc.FromForm] string? start, [Microsoft.AspNetCore.Mvc.FromForm] string? deadline, [Microsoft.AspNetCore.Mvc.FromForm] bool? errors, [Microsoft.AspNetCore.Mvc.FromForm] string? days, CancellationToken ct)
    {
        var project = await ProjectLookup.FindAsync(db, caller, code, ct);
        using var slot = await slots.EnterAsync(ct);
        var source = await Keystone.Features.Ledger.LedgerApi.ReadAsync(file, limits, ct);
        var problems = new List<DomainException>();
        var from = start is null ? (DateOnly?)null : ApiSupport.Try(problems, "start", () => SchedulePlanFile.Date(start, "start"));
        var until = deadline is null ? null : ApiSupport.Try(problems, "deadline", () => SchedulePlanFile.Date(deadline, "deadline"));
        var kind = ApiSupport.Try(problems, "days", () => Days(days)) ?? ScheduleDays.Calendar;
        ApiSupport.Require(problems, start is not null, "start", "计划开始日期", "The start date");
        ApiSupport.ThrowIfAny(problems);
        var read = NodePlanReader.Read(source, from!.Value, until, null, scheduleLimits, kind);
        var english = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
        if (errors == true)
        {
            using var output = new MemoryStream();
            ErrorWorkbook.Write(source, read.Sheet, read.HeaderRow, read.Problems, read.Columns, output, english);
            return TypedResults.File(output.ToArray(), Keystone.Features.Ledger.LedgerApi.XlsxType, Path.GetFileNameWithoutExtension(source.FileName) + ".errors.xlsx");
        }

        if (read.Plan is not { } plan)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status422UnprocessableEntity,
                title: new Text($"节点计划表有{read.Problems.Select(p => p.Row).Distinct().Count()}行存在问题，未作任何更改", "The node plan has problems; nothing was changed").ToString(),
                detail: string.Join("\n", read.Problems.Select(p => p.ToString(english))),
                extensions: new Dictionary<string, object?> { ["problems"] = read.Problems.Select(p => new ProblemReport(p.Sheet, p.Row, p.Column, p.Value, p.Reason.For(CultureInfo.CurrentUICulture))).ToList() });
        }

        var schedule = await ScheduleStore.SaveAsync(db, project, plan, clock.GetUtcNow(), scheduleLimits, ct);
        var tree = await db.LoadTreeAsync(ct);
        var rules = (await LightsData.RulesAsync(db, tree, ct)).For(project.OrgUnitId);
        return TypedResults.Ok(Answer(schedule, await DeskScope.AsOfAsync(db, caller, tree, clock, null, null, null, ct), rules));
    }

    private static async Task<Ok<WorkItemsAnswer>> GetWorkItemsAsync(HttpContext http, AppDbContext db, Caller caller, string code, CancellationToken ct)
    {
        var project = await ProjectLookup.FindAsync(db, caller, code, ct);
        var items = await db.WorkItems.AsNoTracking().Where(w => w.ProjectId == project.Id).OrderBy(w => w.Id).ToListAsync(ct);
        var version = WorkItemsVersion(items);
        Concurrency.Tag(http, version);
        return TypedResults.Ok(Answer(items.Select(i => i.Item).ToList(), version.Version));
    }

    /// <summary>
    /// The version of a project's list of work items, which is replaced as a whole (PUT deletes the rows and adds
    /// new ones, each at version 1, so no item's own version can say the list changed): the highest row id in it,
    /// 0 for none. Row ids are never reused (AUTOINCREMENT on SQLite, identity on PostgreSQL), so every replacement
    /// by a non-empty list moves it past every value it had before; a list emptied answers 0 again, which can only
    /// let a save made from an empty list through over an empty list, the state that was read. Should an item
    /// ever be edited in place, its own version must be folded in here.
    /// </summary>
    public static ListVersion WorkItemsVersion(IEnumerable<ProjectWorkItem> items) => new(items.Select(i => i.Id).DefaultIfEmpty(0).Max());

    /// <summary>A version computed for a list rather than stored on one row (see <see cref="WorkItemsVersion"/>).</summary>
    public sealed record ListVersion(int Version) : IVersioned;

    private static async Task<Ok<WorkItemsAnswer>> PutWorkItemsAsync(HttpContext http, AppDbContext db, Caller caller, TimeProvider clock, string code, WorkItemsInput input, CancellationToken ct)
    {
        if (caller.Role == Role.DepartmentOfficer)
        {
            throw ProjectLookup.NotFound(code);
        }

        var project = await ProjectLookup.FindAsync(db, caller, code, ct);
        var read = WorkItemsVersion(await db.WorkItems.AsNoTracking().Where(w => w.ProjectId == project.Id).ToListAsync(ct));
        await Concurrency.CheckAsync(http, db, caller, await db.LoadTreeAsync(ct), clock, read, Concurrency.Noun.WorkItem, "workItems", project.Code, input.Version, ct);
        var errors = new List<DomainException>();
        var items = new List<WorkItem>();
        var index = 0;
        foreach (var dto in input.Items ?? [])
        {
            var field = $"items[{index++}]";
            try
            {
                ConstructionStage? stage = null;
                if (dto.Stage is { } text)
                {
                    stage = ConstructionStages.TryParse(text, out var s) ? s
                        : throw new DomainException(new($"施工阶段“{text}”无效：可用 场平、桩基、基础、主体、封顶、装饰装修、竣工", $"The stage \"{text}\" is not one of 场平, 桩基, 基础, 主体, 封顶, 装饰装修, 竣工"), field + ".stage");
                }

                items.Add(dto.Percent is { } percent ? new WorkItem(dto.Group, dto.Name, stage, percent) : new WorkItem(dto.Group, dto.Name, stage ?? ConstructionStage.NotStarted, dto.Done));
            }
            catch (DomainException e)
            {
                errors.Add(new(e.Text, e.Field is { } f && f.StartsWith("items[", StringComparison.Ordinal) ? f : field + (e.Field is null ? "" : "." + e.Field)));
            }
        }

        ApiSupport.ThrowIfAny(errors);
        var now = clock.GetUtcNow();
        db.WorkItems.RemoveRange(db.WorkItems.Where(w => w.ProjectId == project.Id));
        var rows = items.Select(i => new ProjectWorkItem(project, i, now)).ToList();
        db.WorkItems.AddRange(rows);
        await db.SaveChangesAsync(ct);
        var version = WorkItemsVersion(rows);
        Concurrency.Tag(http, version);
        return TypedResults.Ok(Answer(items, version.Version));
    }

    private static WorkItemsAnswer Answer(IReadOnlyList<WorkItem> items, int version) => new(
        items.Select(i => new WorkItemDto(i.Group, i.Name, i.Stage?.Zh(), i.StageDone, i.Percent)).ToList(),
        items.Count,
        items.Count == 0 ? "" : StageRollups.Describe(items),
        version);
}
