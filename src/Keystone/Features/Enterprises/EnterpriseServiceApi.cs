using System.Globalization;
using Keystone.Components;
using Keystone.Core;
using Keystone.Core.Accounts;
using Keystone.Core.Data;
using Keystone.Core.Desk;
using Keystone.Core.Enterprises;
using Keystone.Core.Enterprises.Service;
using Keystone.Core.Ledger;
using Keystone.Core.Problems;
using Keystone.Core.Projects;
using Keystone.Core.Units;
using Keystone.Features.Accounts;
using Keystone.Features.Problems;
using Keystone.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Features.Enterprises;

/// <summary>
/// The service around enterprises: the register list, its import and export, 包联 (liaison), 入企访谈 (visits,
/// /api/visits), the 上规入统 cultivation pool and the enterprises' monthly figures. A unit's officers see and
/// keep the enterprises registered in their subtree and the visits made there; an enterprise reporter only its
/// own enterprise's monthly figures. Anything else answers 404, as if it did not exist.
/// </summary>
public static class EnterpriseServiceApi
{
    public static void MapEnterpriseService(RouteGroupBuilder group, RouteGroupBuilder api)
    {
        group.MapGet("/", ListAsync).WithName("ListEnterprises")
            .WithSummary("企业库 / the register of a scope: aboveScale, pool, liaison (a name, or none), unvisited (no visit this month), chain (产业链), q, month");
        group.MapGet("/export", ExportAsync).WithName("ExportEnterprises").WithSummary("导出企业库 .xlsx / the register as .xlsx");
        group.MapPost("/import", ImportAsync).DisableAntiforgery().WithName("ImportEnterprises")
            .WithSummary("导入企业库 / import a register file (.xlsx/.xls/.csv): all or nothing; dryRun=true to check; errors=true for the marked-up copy");
        group.MapPost("/figures/import", ImportFiguresAsync).DisableAntiforgery().WithName("ImportEnterpriseFigures")
            .WithSummary("导入统计局企业月度数据 / import the statistics office's table of enterprises' figures: period (else the title's), createMissing; all or nothing; dryRun=true to check; errors=true for the marked-up copy");
        group.MapGet("/figures/template", FiguresTemplateAsync).WithName("EnterpriseFiguresTemplate")
            .WithSummary("企业月度数据导入模板 / the figures file to fill in: the month (period, else last month) in the title, the header, the scope's enterprises (.xlsx)");
        group.MapPut("/{uscc}/liaison", LiaisonAsync).WithName("SetLiaison").HonoursIfMatch()
            .WithSummary("指定包联干部 / the liaison officer: {userName} for a user, or {name, department}; all empty for none (the owner only)")
            .WithDescription("If-Match: 读取企业时的 ETag（或请求体 version），企业已被他人修改则 412（version 则 409），未作任何更改；不带则照旧指定 / If-Match: the enterprise's ETag as read (or the body's version); when someone changed the enterprise since, 412 (409 for version) and nothing is changed; without either, the liaison is set as before.");
        group.MapGet("/pool", PoolAsync).WithName("ListPool").WithSummary("上规入统培育库 / the cultivation pool with each candidate's progress as of a month (asOf=2024-03)");
        group.MapPost("/pool", AddToPoolAsync).WithName("AddToPool")
            .WithSummary("纳入培育库 / add a candidate: {uscc | projectCode, sector, expectedMonth, note?}");
        group.MapPost("/pool/{id:int}/enter", EnterAsync).WithName("EnterStatistics").WithSummary("入统 / the candidate crossed: {month}");
        api.MapGet("/enterprises/{uscc}/months", MonthsAsync).RequireAuthorization().WithTags("Enterprises").WithName("ListEnterpriseMonths")
            .WithSummary("企业月度数据 / an enterprise's monthly figures (its reporter, or officers keeping it)")
            .WithDescription("每个月份带 version（其版本）/ each month carries its version.");
        api.MapPut("/enterprises/{uscc}/months/{period}", PutMonthAsync).RequireAuthorization().WithTags("Enterprises").WithName("PutEnterpriseMonth").HonoursIfMatch()
            .WithSummary("填报月度数据 / file a month's figures (万元): {output, revenue, tax, employees}; a reporter's wait for review")
            .WithDescription("If-Match: 读取时该月份的版本（ETag，或请求体 version），已被他人修改则 412（version 则 409），未作任何更改；不带则照旧覆盖；尚未填报的月份不核对 / If-Match: the month's version as read (as an ETag, or the body's version); when someone changed it since, 412 (409 for version) and nothing is changed; without either, the figures are filed as before; a month not filed yet is not checked.");
        group.MapPost("/{uscc}/months/{period}/approve", ApproveMonthAsync).WithName("ApproveEnterpriseMonth").WithSummary("审核通过 / approve submitted figures");
        group.MapPost("/{uscc}/months/{period}/return", ReturnMonthAsync).WithName("ReturnEnterpriseMonth").WithSummary("退回 / return submitted figures: {comment}");

        var visits = api.MapGroup("/visits").WithTags("Visits").RequireAuthorization(AuthSetup.Officer);
        visits.MapGet("/", VisitsAsync).WithName("ListVisits")
            .WithSummary("入企访谈 / a month's visits and 包联 coverage (visited / assigned per officer): scope, month=2024-03, officer");
        visits.MapPost("/", PostVisitAsync).WithName("RecordVisit")
            .WithSummary("记录入企访谈 / record a visit: {uscc, visitedOn, visitor?, met, topics?, problems: [{title, category, deadline, department?, detail?}]}");
    }

    private static NotFoundException NotFound(string uscc) =>
        new(new($"找不到统一社会信用代码为{uscc}的企业（不存在或无权访问）", $"No enterprise with the USCC {uscc} (it does not exist, or is not yours to access)"));

    /// <summary>The enterprise, when its owner is within the caller's units (it is the caller's to serve).</summary>
    public static async Task<Enterprise> FindServedAsync(AppDbContext db, Caller caller, OrgTree tree, string? uscc, CancellationToken ct)
    {
        Uscc key;
        try
        {
            key = new Uscc(uscc ?? "");
        }
        catch (DomainException)
        {
            throw NotFound(uscc ?? "");
        }

        var enterprise = await db.Enterprises.FirstOrDefaultAsync(e => e.Uscc == key, ct);
        return enterprise is not null && caller.KeepsLedger && caller.CanSee(tree, enterprise.OwnerUnitId) ? enterprise : throw NotFound(uscc ?? "");
    }

    public static Period ParsePeriod(string text, string field)
    {
        try
        {
            return Period.Parse(text);
        }
        catch (DomainException e)
        {
            throw new DomainException(e.Text, field);
        }
    }

    /// <summary>A month as "2024-03", or the month of a date ("2024-03-31"); this month when none.</summary>
    public static Period Month(string? month, TimeProvider clock, string field = "month") =>
        month is { Length: > 8 } d ? Period.Of(DeskDate.AsOf(d, clock, field, typed: true))
        : month is { Length: > 0 } m ? ParsePeriod(m, field)
        : Period.Of(DeskDate.Today(clock));

    public static async Task<Dictionary<int, string>> UserNamesAsync(AppDbContext db, IEnumerable<int?> ids, CancellationToken ct)
    {
        var wanted = ids.OfType<int>().Distinct().ToList();
        return await db.Users.AsNoTracking().Where(u => wanted.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.UserName, ct);
    }

    private static async Task<Ok<ListResponse<EnterpriseItem>>> ListAsync(
        AppDbContext db, Caller caller, TimeProvider clock, string? scope, bool? aboveScale, bool? pool, string? liaison, bool? unvisited, string? q, string? month, string? chain, CancellationToken ct)
    {
        var tree = await db.LoadTreeAsync(ct);
        var unit = caller.Resolve(tree, scope);
        var filter = new EnterpriseFilter { AboveScale = aboveScale, InPool = pool, Liaison = liaison, Unvisited = unvisited == true, Search = q, Chain = chain };
        var period = string.IsNullOrEmpty(month) ? Period.Of(await DeskScope.AsOfAsync(db, caller, tree, clock, scope, null, null, ct)) : Month(month, clock);
        var rows = await EnterpriseData.ListAsync(db, tree.Subtree(unit.Id), filter, period, ct);
        var users = await UserNamesAsync(db, rows.Select(r => r.Enterprise.LiaisonUserId), ct);
        var items = rows.Take(ApiSupport.MaxPageSize * 10).Select(r => EnterpriseItem.Of(r, tree, users)).ToList();
        return TypedResults.Ok(new ListResponse<EnterpriseItem>(items, rows.Count));
    }

    private static async Task<FileContentHttpResult> ExportAsync(AppDbContext db, Caller caller, string? scope, CancellationToken ct)
    {
        var tree = await db.LoadTreeAsync(ct);
        var unit = caller.Resolve(tree, scope);
        using var output = new MemoryStream();
        await RegisterExport.WriteAsync(db, tree, unit.Id, output, ct);
        return TypedResults.File(output.ToArray(), Ledger.LedgerApi.XlsxType, $"{unit.Name}企业库.xlsx");
    }

    private static async Task<IResult> ImportAsync(
        AppDbContext db, Caller caller, TimeProvider clock, LedgerLimits limits, ImportSlots slots, ILoggerFactory logs, IFormFile? file,
        [FromForm] string? scope, [FromForm] string? sheet, [FromForm] bool? dryRun, [FromForm] bool? errors, CancellationToken ct)
    {
        var tree = await db.LoadTreeAsync(ct);
        var unit = caller.Resolve(tree, scope);
        using var slot = await slots.EnterAsync(ct);
        var source = await Ledger.LedgerApi.ReadAsync(file, limits, ct);
        var read = RegisterFile.Read(source, DeskDate.Today(clock).Year, sheet);
        var result = await RegisterImport.ApplyAsync(db, tree, unit.Id, read, dryRun == true || errors == true, ct);
        OperationsLog.Import(logs.CreateLogger(KeystoneTelemetry.LogCategory), "enterpriseRegister", source.FileName, caller.UserName, result.Applied, dryRun == true || errors == true, result.Changes.Count, result.Problems.Count);
        var english = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
        if (errors == true)
        {
            if (result.Problems.Count == 0)
            {
                return TypedResults.NoContent();
            }

            using var output = new MemoryStream();
            ErrorWorkbook.Write(source, result.Sheet, result.HeaderRow, result.Problems, read.Columns, output, english);
            return TypedResults.File(output.ToArray(), Ledger.LedgerApi.XlsxType, Path.GetFileNameWithoutExtension(source.FileName) + ".errors.xlsx");
        }

        var report = RegisterReport.Of(result, CultureInfo.CurrentUICulture);
        if (result.Problems.Count > 0)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status422UnprocessableEntity,
                title: new Text($"企业库有{result.Problems.Select(p => p.Row).Distinct().Count()}行存在问题，未导入任何数据", "The register has problems; nothing was imported").ToString(),
                detail: string.Join("\n", result.Problems.Take(20).Select(p => p.ToString(english))),
                extensions: new Dictionary<string, object?> { ["report"] = report });
        }

        return TypedResults.Ok(report);
    }

    private static async Task<FileContentHttpResult> FiguresTemplateAsync(AppDbContext db, Caller caller, TimeProvider clock, string? scope, string? period, CancellationToken ct)
    {
        var tree = await db.LoadTreeAsync(ct);
        var unit = caller.Resolve(tree, scope);
        var month = period is { Length: > 0 } p ? ParsePeriod(p, "period") : Period.Of(DeskDate.Today(clock)).Previous;
        using var output = new MemoryStream();
        await FiguresTemplate.WriteAsync(db, tree, unit.Id, month, output, ct);
        return TypedResults.File(output.ToArray(), Ledger.LedgerApi.XlsxType, $"{unit.Name}企业月度数据-{month}.xlsx");
    }

    private static async Task<IResult> ImportFiguresAsync(
        AppDbContext db, Caller caller, TimeProvider clock, LedgerLimits limits, ImportSlots slots, ILoggerFactory logs, IFormFile? file,
        [FromForm] string? scope, [FromForm] string? period, [FromForm] bool? createMissing, [FromForm] bool? dryRun, [FromForm] bool? errors, CancellationToken ct)
    {
        var tree = await db.LoadTreeAsync(ct);
        var unit = caller.Resolve(tree, scope);
        var given = period is { Length: > 0 } p ? ParsePeriod(p, "period") : (Period?)null;
        using var slot = await slots.EnterAsync(ct);
        var source = await Ledger.LedgerApi.ReadAsync(file, limits, ct);
        var result = await FiguresImport.ApplyAsync(db, tree, unit.Id, source, given, createMissing == true, caller.UserName, clock.GetUtcNow(), dryRun == true || errors == true, ct);
        OperationsLog.Import(logs.CreateLogger(KeystoneTelemetry.LogCategory), "enterpriseFigures", source.FileName, caller.UserName, result.Applied, dryRun == true || errors == true, result.Changes.Count, result.Problems.Count);
        var english = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
        if (errors == true)
        {
            if (result.Problems.Count == 0)
            {
                return TypedResults.NoContent();
            }

            using var output = new MemoryStream();
            ErrorWorkbook.Write(source, result.Sheet, result.HeaderRow, result.Problems, result.Columns, output, english);
            return TypedResults.File(output.ToArray(), Ledger.LedgerApi.XlsxType, Path.GetFileNameWithoutExtension(source.FileName) + ".errors.xlsx");
        }

        var report = FiguresReport.Of(result, CultureInfo.CurrentUICulture);
        if (result.Problems.Count > 0)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status422UnprocessableEntity,
                title: new Text($"企业月度数据有{result.Problems.Select(x => x.Row).Distinct().Count()}行存在问题，未导入任何数据", "The figures file has problems; nothing was imported").ToString(),
                detail: string.Join("\n", result.Problems.Take(20).Select(x => x.ToString(english))),
                extensions: new Dictionary<string, object?> { ["report"] = report });
        }

        return TypedResults.Ok(report);
    }

    private static async Task<Ok<EnterpriseItem>> LiaisonAsync(HttpContext http, AppDbContext db, Caller caller, TimeProvider clock, string uscc, LiaisonInput input, CancellationToken ct)
    {
        var tree = await db.LoadTreeAsync(ct);
        var enterprise = await FindServedAsync(db, caller, tree, uscc, ct);
        if (!caller.KeepsEnterprise(tree, enterprise.OwnerUnitId))
        {
            throw NotFound(uscc);
        }

        await Concurrency.CheckAsync(http, db, caller, tree, clock, enterprise, Concurrency.Noun.Enterprise, "enterprise", enterprise.Uscc.Value, input.Version, ct);

        Liaison? liaison = null;
        if (input.UserName is { Length: > 0 } userName)
        {
            // A user of the enterprise's owner or a unit above or below it: an officer who can serve it.
            var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.UserName == userName.Trim(), ct);
            if (user is null || user.Disabled || user.Role is Role.EnterpriseReporter or Role.DepartmentOfficer && user.Department is null
                || !(tree.Contains(user.OrgUnitId) && caller.CanSee(tree, user.OrgUnitId)))
            {
                throw new DomainException(new($"找不到用户“{userName}”（须为本单位或下级单位的在用账号）", $"No user \"{userName}\" (an active account of your unit or one below it)"), "userName");
            }

            liaison = new Liaison(user.Id, input.Name is { Length: > 0 } n ? n : user.UserName, input.Department ?? user.Department);
        }
        else if (input.Name is { Length: > 0 } name)
        {
            liaison = new Liaison(null, name, input.Department);
        }

        enterprise.AssignLiaison(liaison);
        await db.SaveChangesAsync(ct);
        var rows = await EnterpriseData.ListAsync(db, [enterprise.OwnerUnitId], new EnterpriseFilter { Search = enterprise.Name }, Period.Of(DeskDate.Today(clock)), ct);
        var row = rows.First(r => r.Enterprise.Id == enterprise.Id);
        Concurrency.Tag(http, enterprise);
        return TypedResults.Ok(EnterpriseItem.Of(row, tree, await UserNamesAsync(db, [enterprise.LiaisonUserId], ct)));
    }

    private static async Task<Ok<VisitsAnswer>> VisitsAsync(AppDbContext db, Caller caller, TimeProvider clock, string? scope, string? month, string? officer, CancellationToken ct)
    {
        var tree = await db.LoadTreeAsync(ct);
        var unit = caller.Resolve(tree, scope);
        var units = tree.Subtree(unit.Id);
        // Without a month, the month of the scope's data date, counted to that day (as the page opens).
        var day = string.IsNullOrEmpty(month) ? await DeskScope.AsOfAsync(db, caller, tree, clock, scope, null, null, ct) : DeskDate.Today(clock);
        var period = string.IsNullOrEmpty(month) ? Period.Of(day) : Month(month, clock);
        var coverage = await EnterpriseData.CoverageAsync(db, units, period, day, ct);
        var visits = await EnterpriseData.VisitsAsync(db, units, period, officer, ct);
        var ids = coverage.Officers.SelectMany(o => o.Assigned).Select(a => a.EnterpriseId).ToList();
        var usccs = await db.Enterprises.AsNoTracking().Where(e => ids.Contains(e.Id)).Select(e => new { e.Id, e.Uscc }).ToDictionaryAsync(e => e.Id, e => e.Uscc.Value, ct);
        if (officer is { Length: > 0 } o)
        {
            coverage = coverage with { Officers = coverage.Officers.Where(x => x.Officer.Name == o.Trim()).ToList() };
        }

        return TypedResults.Ok(new VisitsAnswer(period.ToString(), CoverageDto.Of(coverage, usccs), visits.Select(v => VisitDto.Of(v.Visit, v.Problems, tree)).ToList()));
    }

    private static async Task<Created<VisitDto>> PostVisitAsync(AppDbContext db, Caller caller, TimeProvider clock, VisitInput input, CancellationToken ct)
    {
        var visit = await RecordVisitAsync(db, caller, clock, input, ct);
        return TypedResults.Created($"/api/visits?month={Period.Of(visit.VisitedOn)}", visit);
    }

    /// <summary>
    /// Records a visit and the problems raised on it (into the problem loop, source "visit"), for the API and the
    /// /visits page alike: every bad field at once, and an enterprise the caller's unit may not visit is not usable.
    /// </summary>
    public static async Task<VisitDto> RecordVisitAsync(AppDbContext db, Caller caller, TimeProvider clock, VisitInput input, CancellationToken ct)
    {
        var tree = await db.LoadTreeAsync(ct);
        var errors = new List<DomainException>();
        ApiSupport.Require(errors, input.Uscc is { Length: > 0 }, "uscc", "统一社会信用代码", "The USCC");
        ApiSupport.Require(errors, input.VisitedOn is { Length: > 0 }, "visitedOn", "走访日期", "The visit date");
        var on = input.VisitedOn is { Length: > 0 } d ? ApiSupport.Try(errors, "visitedOn", () => DeskDate.AsOf(d, clock, "visitedOn", typed: true)) : null;
        var problems = new List<VisitProblemInput>();
        foreach (var (p, i) in (input.Problems ?? []).Select((p, i) => (p, i)))
        {
            var category = ProblemActions.Category(errors, p.Category, $"problems[{i}].category");

            var deadline = ApiSupport.Try(errors, $"problems[{i}].deadline", () => DeskDate.AsOf(p.Deadline ?? "", clock, "deadline", typed: true));
            if (category is { } c && deadline is { } due)
            {
                problems.Add(new VisitProblemInput(p.Title ?? "", c, due, string.IsNullOrWhiteSpace(p.Department) ? null : p.Department, p.Detail));
            }
        }

        ApiSupport.ThrowIfAny(errors);
        var enterprise = await FindVisitableAsync(db, caller, tree, input.Uscc!, ct);
        var self = input.Visitor is not { Length: > 0 } || input.Visitor.Trim() == caller.UserName;
        var userId = self ? await db.Users.Where(u => u.UserName == caller.UserName).Select(u => (int?)u.Id).FirstOrDefaultAsync(ct) : null;
        var now = clock.GetUtcNow();
        var today = DeskDate.Today(clock);
        var visit = new EnterpriseVisit(enterprise, caller.UnitId, on!.Value, userId, self ? caller.UserName : input.Visitor!, input.Met, input.Topics, caller.UserName, now, today);
        var (saved, raised) = await VisitDesk.RecordAsync(db, visit, problems, caller.UserName, now, today, ct);
        return VisitDto.Of(saved, raised.Select(p => p.Number).ToList(), tree);
    }

    /// <summary>An enterprise the caller's officers may visit: one its unit may link projects to (its own, or one registered above it).</summary>
    private static async Task<Enterprise> FindVisitableAsync(AppDbContext db, Caller caller, OrgTree tree, string uscc, CancellationToken ct)
    {
        Uscc key;
        try
        {
            key = new Uscc(uscc);
        }
        catch (DomainException e)
        {
            throw new DomainException(e.Text, "uscc");
        }

        var enterprise = await db.Enterprises.FirstOrDefaultAsync(e => e.Uscc == key, ct);
        return enterprise is not null && caller.MayLinkEnterprise(tree, enterprise.OwnerUnitId) ? enterprise : throw EnterpriseAccess.NotUsable("uscc");
    }

    private static async Task<Ok<ListResponse<PoolItem>>> PoolAsync(AppDbContext db, Caller caller, TimeProvider clock, IConfiguration config, string? scope, string? asOf, CancellationToken ct)
    {
        var tree = await db.LoadTreeAsync(ct);
        var unit = caller.Resolve(tree, scope);
        // Without asOf, the month of the scope's data date (as the pages open).
        var month = string.IsNullOrEmpty(asOf) ? Period.Of(await DeskScope.AsOfAsync(db, caller, tree, clock, scope, null, null, ct)) : Month(asOf, clock, "asOf");
        var rows = await EnterpriseData.PoolAsync(db, tree.Subtree(unit.Id), month, PoolThresholds.From(k => config[k]), ct);
        return TypedResults.Ok(new ListResponse<PoolItem>(rows.Select(PoolItem.Of).ToList(), rows.Count));
    }

    private static async Task<Created<PoolItem>> AddToPoolAsync(AppDbContext db, Caller caller, TimeProvider clock, IConfiguration config, PoolInput input, CancellationToken ct)
    {
        var tree = await db.LoadTreeAsync(ct);
        var errors = new List<DomainException>();
        ApiSupport.Require(errors, input.ExpectedMonth is { Length: > 0 }, "expectedMonth", "预计入统月份", "The expected month");
        var expected = input.ExpectedMonth is { Length: > 0 } m ? ApiSupport.Try(errors, "expectedMonth", () => Period.Parse(m)) : null;
        ApiSupport.Require(errors, input.Uscc is { Length: > 0 } || input.ProjectCode is { Length: > 0 }, "uscc", "企业（统一社会信用代码）或项目编号", "The enterprise's USCC or a project code");
        ApiSupport.ThrowIfAny(errors);
        Enterprise? enterprise = null;
        Project? project = null;
        int unitId;
        if (input.Uscc is { Length: > 0 } uscc)
        {
            enterprise = await FindServedAsync(db, caller, tree, uscc, ct);
            unitId = enterprise.OwnerUnitId;
        }
        else
        {
            project = await ProjectLookup.FindAsync(db, caller, input.ProjectCode!, ct);
            if (!caller.KeepsLedger)
            {
                throw new NotFoundException(new($"找不到项目“{input.ProjectCode}”", $"No project \"{input.ProjectCode}\""));
            }

            unitId = project.OrgUnitId;
        }

        var entry = new PoolEntry(unitId, enterprise, project, input.Sector ?? PoolThresholds.Industry, expected!.Value, input.Note, caller.UserName, clock.GetUtcNow());
        db.PoolEntries.Add(entry);
        await db.SaveChangesAsync(ct);
        var rows = await EnterpriseData.PoolAsync(db, [unitId], Period.Of(DeskDate.Today(clock)), PoolThresholds.From(k => config[k]), ct);
        return TypedResults.Created("/api/enterprises/pool", PoolItem.Of(rows.Single(r => r.Entry.Id == entry.Id)));
    }

    private static async Task<Ok<PoolItem>> EnterAsync(AppDbContext db, Caller caller, TimeProvider clock, IConfiguration config, int id, EnterInput input, CancellationToken ct)
    {
        var tree = await db.LoadTreeAsync(ct);
        var units = caller.Units(tree);
        var entry = await db.PoolEntries.Include(p => p.Enterprise).Include(p => p.Project).ThenInclude(p => p!.Enterprise).FirstOrDefaultAsync(p => p.Id == id, ct);
        if (entry is null || !caller.KeepsLedger || !units.Contains(entry.OrgUnitId))
        {
            throw new NotFoundException(new($"培育库中没有第{id}项", $"No pool entry {id}"));
        }

        var errors = new List<DomainException>();
        ApiSupport.Require(errors, input.Month is { Length: > 0 }, "month", "入统月份", "The month");
        var month = input.Month is { Length: > 0 } m ? ApiSupport.Try(errors, "month", () => Period.Parse(m)) : null;
        ApiSupport.ThrowIfAny(errors);
        entry.Enter(month!.Value);
        await db.SaveChangesAsync(ct);
        var rows = await EnterpriseData.PoolAsync(db, [entry.OrgUnitId], Period.Of(DeskDate.Today(clock)), PoolThresholds.From(k => config[k]), ct);
        return TypedResults.Ok(PoolItem.Of(rows.Single(r => r.Entry.Id == entry.Id)));
    }

    /// <summary>
    /// The enterprise whose monthly figures the caller may file: a reporter its own enterprise only; an officer
    /// one registered within its units. <paramref name="keeps"/> says whether the caller reviews them.
    /// </summary>
    public static async Task<(Enterprise Enterprise, bool Reviews)> FindForFiguresAsync(AppDbContext db, Caller caller, OrgTree tree, string uscc, CancellationToken ct)
    {
        if (caller.Role == Role.EnterpriseReporter)
        {
            Uscc key;
            try
            {
                key = new Uscc(uscc);
            }
            catch (DomainException)
            {
                throw NotFound(uscc);
            }

            var own = await db.Enterprises.FirstOrDefaultAsync(e => e.Uscc == key, ct);
            return own is not null && own.Id == caller.EnterpriseId ? (own, false) : throw NotFound(uscc);
        }

        return (await FindServedAsync(db, caller, tree, uscc, ct), true);
    }

    private static async Task<Ok<ListResponse<MonthDto>>> MonthsAsync(AppDbContext db, Caller caller, string uscc, CancellationToken ct)
    {
        var tree = await db.LoadTreeAsync(ct);
        var (enterprise, _) = await FindForFiguresAsync(db, caller, tree, uscc, ct);
        var months = await db.EnterpriseMonths.AsNoTracking().Where(m => m.EnterpriseId == enterprise.Id).OrderByDescending(m => m.Period).Take(36).ToListAsync(ct);
        return TypedResults.Ok(new ListResponse<MonthDto>(months.Select(MonthDto.Of).ToList(), months.Count));
    }

    private static async Task<Ok<MonthDto>> PutMonthAsync(HttpContext http, AppDbContext db, Caller caller, TimeProvider clock, string uscc, string period, MonthInput input, CancellationToken ct)
    {
        var tree = await db.LoadTreeAsync(ct);
        var (enterprise, reviews) = await FindForFiguresAsync(db, caller, tree, uscc, ct);
        var month = ParsePeriod(period, "period");
        if (month.FirstDay > DeskDate.Today(clock))
        {
            throw new DomainException(new($"{month}尚未开始", $"The month {month} has not begun"), "period");
        }

        var figures = new MonthFigures
        {
            Output = input.Output is { } o ? new Money(o) : null,
            Revenue = input.Revenue is { } r ? new Money(r) : null,
            Tax = input.Tax is { } t ? new Money(t) : null,
            Employees = input.Employees,
        };
        var existing = await db.EnterpriseMonths.FirstOrDefaultAsync(m => m.EnterpriseId == enterprise.Id && m.Period == month, ct);
        if (existing is not null)
        {
            // Logged by type and id (AuditInterceptor has no case for a month), with no unit: only an administrator seeing
            // the whole tree is told what changed; anyone else is told who changed it only through the version.
            await Concurrency.CheckAsync(http, db, caller, tree, clock, existing, Concurrency.Noun.EnterpriseMonth, "enterpriseMonth", existing.Id.ToString(CultureInfo.InvariantCulture), input.Version, ct);
        }

        if (existing is null)
        {
            existing = new EnterpriseMonth(enterprise, month, figures, caller.UserName, clock.GetUtcNow(), needsReview: !reviews);
            db.EnterpriseMonths.Add(existing);
        }
        else
        {
            existing.Revise(figures, caller.UserName, clock.GetUtcNow(), needsReview: !reviews);
        }

        await db.SaveChangesAsync(ct);
        Concurrency.Tag(http, existing);
        return TypedResults.Ok(MonthDto.Of(existing));
    }

    private static Task<Ok<MonthDto>> ApproveMonthAsync(AppDbContext db, Caller caller, TimeProvider clock, string uscc, string period, CancellationToken ct) =>
        ReviewAsync(db, caller, uscc, period, m => m.Approve(caller.UserName, clock.GetUtcNow()), ct);

    private static Task<Ok<MonthDto>> ReturnMonthAsync(AppDbContext db, Caller caller, TimeProvider clock, string uscc, string period, ReviewInput input, CancellationToken ct) =>
        ReviewAsync(db, caller, uscc, period, m => m.Return(caller.UserName, clock.GetUtcNow(), input.Comment), ct);

    private static async Task<Ok<MonthDto>> ReviewAsync(AppDbContext db, Caller caller, string uscc, string period, Action<EnterpriseMonth> review, CancellationToken ct)
    {
        var tree = await db.LoadTreeAsync(ct);
        var enterprise = await FindServedAsync(db, caller, tree, uscc, ct);
        var month = ParsePeriod(period, "period");
        var figures = await db.EnterpriseMonths.FirstOrDefaultAsync(m => m.EnterpriseId == enterprise.Id && m.Period == month, ct)
            ?? throw new NotFoundException(new($"{enterprise.Name}没有{month}的数据", $"{enterprise.Name} has no figures for {month}"));
        review(figures);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(MonthDto.Of(figures));
    }
}
