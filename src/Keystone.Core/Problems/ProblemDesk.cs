using Keystone.Core.Data;
using Keystone.Core.Figures;
using Keystone.Core.Units;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Core.Problems;

/// <summary>
/// What the API, the pages, the CLI and the demo share about problems: numbering and saving a new one,
/// issuing a numbered supervision notice, and reading a scope's problems judged as of a day.
/// </summary>
public static class ProblemDesk
{
    private const int Attempts = 20;

    /// <summary>
    /// Raises a problem with the next number of its year and saves it. Two desks raising at once may pick
    /// the same number; the unique index refuses the second, which takes the next one.
    /// </summary>
    public static async Task<Problem> RaiseAsync(AppDbContext db, ProblemRaise raise, string by, DateTimeOffset at, DateOnly on, CancellationToken ct = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            var sequence = (await db.Problems.Where(p => p.Year == on.Year).MaxAsync(p => (int?)p.Sequence, ct) ?? 0) + 1;
            var problem = new Problem(on.Year, sequence, raise, by, at, on);
            db.Problems.Add(problem);
            try
            {
                await db.SaveChangesAsync(ct);
                return problem;
            }
            catch (DbUpdateException e) when (attempt < Attempts && IsUniqueViolation(e))
            {
                // Back off a little, at random, so desks that collided do not collide again.
                ForgetAdded(db);
                await Task.Delay(Random.Shared.Next(1, 20 * attempt), ct);
            }
        }
    }

    /// <summary>
    /// Issues a supervision notice on an overdue problem from <paramref name="issuer"/>, numbered next in the
    /// issuer's series for the year, and saves it. The problem must be loaded with its steps and notices. Two
    /// notices issued by one unit in the same instant would share a number: the second is refused, to be
    /// issued again.
    /// </summary>
    public static async Task<SupervisionNotice> SuperviseAsync(
        AppDbContext db, OrgTree tree, Problem problem, OrgUnitInfo issuer, DateOnly replyBy, string? requirement, LightRules levels, string by, DateTimeOffset at, DateOnly on, CancellationToken ct = default)
    {
        var number = (await db.SupervisionNotices.Where(n => n.IssuingUnitId == issuer.Id && n.Year == on.Year).MaxAsync(n => (int?)n.Number, ct) ?? 0) + 1;
        var notice = problem.Supervise(
            new NoticeIssue
            {
                IssuingUnitId = issuer.Id,
                IssuingUnitName = issuer.Name,
                ProblemUnitName = tree.Contains(problem.OrgUnitId) ? tree[problem.OrgUnitId].Name : "",
                Number = number,
                Year = on.Year,
                ReplyBy = replyBy,
                Requirement = requirement,
            },
            levels,
            by,
            at,
            on);
        try
        {
            await db.SaveChangesAsync(ct);
            return notice;
        }
        catch (DbUpdateException e) when (IsUniqueViolation(e))
        {
            throw new DomainException(new("同一时刻已发出另一份督办单，编号冲突，请重新发出", "Another notice was issued at the same moment and took the number; issue it again"), "number");
        }
    }

    /// <summary>
    /// The problems of <paramref name="visible"/> a list shows, judged as of <see cref="ProblemQuery.AsOf"/>
    /// (today by default), narrowed as the query says, overdue first. Today's status is in the table, so
    /// today's lists narrow in SQL; a past day's status is read from the steps.
    /// </summary>
    public static async Task<IReadOnlyList<JudgedProblem>> ListAsync(
        AppDbContext db, OrgTree tree, IQueryable<Problem> visible, ProblemQuery q, DateOnly today, CancellationToken ct = default)
    {
        var asOf = q.AsOf ?? today;
        var query = visible;
        if (q.Units is { } units)
        {
            query = query.Where(p => units.Contains(p.OrgUnitId));
        }

        if (q.UnitId is { } unitId)
        {
            query = query.Where(p => p.OrgUnitId == unitId);
        }

        if (q.Department is { Length: > 0 } d)
        {
            var department = d.Trim();
            query = query.Where(p => p.Department == department);
        }

        if (q.Category is { } category)
        {
            query = query.Where(p => p.Category == category);
        }

        if (q.ProjectCode is { Length: > 0 } code)
        {
            var trimmed = code.Trim();
            query = query.Where(p => p.Project!.Code == trimmed);
        }

        if (asOf == today)
        {
            query = q.Status switch
            {
                ProblemStatusFilter.Open => query.Where(p => p.Status != ProblemStatus.Closed),
                ProblemStatusFilter.Closed => query.Where(p => p.Status == ProblemStatus.Closed),
                ProblemStatusFilter.Overdue => query.Where(p => p.Status != ProblemStatus.Closed && p.Status != ProblemStatus.Answered),
                ProblemStatusFilter.Unassigned => query.Where(p => p.Status == ProblemStatus.Open),
                ProblemStatusFilter.Assigned => query.Where(p => p.Status == ProblemStatus.Assigned),
                ProblemStatusFilter.Answered => query.Where(p => p.Status == ProblemStatus.Answered),
                ProblemStatusFilter.Returned => query.Where(p => p.Status == ProblemStatus.Returned),
                ProblemStatusFilter.All => query,
            };
        }

        var rows = await RowsAsync(query, ct);
        var judged = Judge(rows, tree, await RuleBook.LoadAsync(db, tree, ct), asOf)
            .Where(p => q.Status switch
            {
                ProblemStatusFilter.Open => !p.Standing.IsClosed,
                ProblemStatusFilter.Closed => p.Standing.IsClosed,
                ProblemStatusFilter.Overdue => p.Standing.IsOverdue,
                ProblemStatusFilter.Unassigned => p.Standing.Status == ProblemStatus.Open,
                ProblemStatusFilter.Assigned => p.Standing.Status == ProblemStatus.Assigned,
                ProblemStatusFilter.Answered => p.Standing.Status == ProblemStatus.Answered,
                ProblemStatusFilter.Returned => p.Standing.Status == ProblemStatus.Returned,
                ProblemStatusFilter.All => true,
            });
        return ProblemFigures.Ordered(judged).ToList();
    }

    /// <summary>The problems of a query as rows, with their steps and notice dates.</summary>
    public static async Task<IReadOnlyList<ProblemRow>> RowsAsync(IQueryable<Problem> problems, CancellationToken ct = default)
    {
        var rows = await problems.AsNoTracking()
            .Select(p => new
            {
                p.Number,
                p.Title,
                p.Category,
                p.Source,
                p.OrgUnitId,
                p.RaisedOn,
                p.RaisedBy,
                ProjectCode = p.Project == null ? null : p.Project.Code,
                ProjectName = p.Project == null ? null : p.Project.Name,
                EnterpriseName = p.Enterprise == null ? null : p.Enterprise.Name,
                Steps = p.Steps.OrderBy(s => s.Sequence).Select(s => new { s.Kind, s.On, s.Department, s.Deadline, s.Satisfaction }).ToList(),
                Notices = p.Notices.Select(n => n.IssuedOn).ToList(),
            })
            .AsSplitQuery()
            .ToListAsync(ct);
        return rows.Select(r => new ProblemRow
        {
            Number = r.Number,
            Title = r.Title,
            Category = r.Category,
            Source = r.Source,
            UnitId = r.OrgUnitId,
            RaisedBy = r.RaisedBy,
            ProjectCode = r.ProjectCode,
            ProjectName = r.ProjectName,
            EnterpriseName = r.EnterpriseName,
            Timeline = new ProblemTimeline(r.Number, r.Title, r.OrgUnitId, r.RaisedOn, r.Steps.Select(s => new TimelineStep(s.Kind, s.On, s.Department, s.Deadline, s.Satisfaction)).ToList()),
            NoticesIssued = r.Notices,
        }).ToList();
    }

    /// <summary>A loaded problem (with its steps, notices, project and enterprise) as a row.</summary>
    public static ProblemRow RowOf(Problem problem) => new()
    {
        Number = problem.Number,
        Title = problem.Title,
        Category = problem.Category,
        Source = problem.Source,
        UnitId = problem.OrgUnitId,
        RaisedBy = problem.RaisedBy,
        ProjectCode = problem.Project?.Code,
        ProjectName = problem.Project?.Name,
        EnterpriseName = problem.Enterprise?.Name,
        Timeline = problem.Timeline,
        NoticesIssued = problem.Notices.Select(n => n.IssuedOn).ToList(),
    };

    /// <summary>Each row judged on <paramref name="asOf"/> by its own unit's service levels, escalating to the unit above; rows not yet raised are left out.</summary>
    public static IReadOnlyList<JudgedProblem> Judge(IEnumerable<ProblemRow> rows, OrgTree tree, RuleBook rules, DateOnly asOf) =>
        rows.Select(r => (Row: r, Standing: ProblemClock.Judge(r.Timeline, asOf, rules.For(r.UnitId), EscalationOf(tree, r.UnitId))))
            .Where(x => x.Standing is not null)
            .Select(x => new JudgedProblem(x.Row, x.Standing!))
            .ToList();

    /// <summary>The unit an overdue problem of <paramref name="unitId"/> escalates to: the one above (zone → city), none above the top.</summary>
    public static EscalationTarget? EscalationOf(OrgTree tree, int unitId) =>
        tree.Contains(unitId) && tree[unitId].ParentId is { } parent && tree.Contains(parent) ? new EscalationTarget(parent, tree[parent].Name) : null;

    /// <summary>The problems of a scope (and every unit below it), as the briefing tells them.</summary>
    public static async Task<ProblemSummary> SummaryAsync(AppDbContext db, OrgTree tree, OrgUnitInfo scope, int year, DateOnly asOf, CancellationToken ct = default)
    {
        var units = tree.Subtree(scope.Id);
        var rows = await RowsAsync(db.Problems.Where(p => units.Contains(p.OrgUnitId)), ct);
        var rules = await RuleBook.LoadAsync(db, tree, ct);
        return ProblemFigures.Summarize(Judge(rows, tree, rules, asOf), year, asOf);
    }

    private static void ForgetAdded(AppDbContext db)
    {
        foreach (var entry in db.ChangeTracker.Entries().Where(e => e.State == EntityState.Added).ToList())
        {
            entry.State = EntityState.Detached;
        }
    }

    private static bool IsUniqueViolation(DbUpdateException e) => e.InnerException switch
    {
        Npgsql.PostgresException pg => pg.SqlState == Npgsql.PostgresErrorCodes.UniqueViolation,
        Microsoft.Data.Sqlite.SqliteException sqlite => sqlite.SqliteErrorCode == 19,
        _ => false,
    };
}

/// <summary>Which problems a list keeps: open (未办结) means anything not closed; the rest are the statuses themselves.</summary>
public enum ProblemStatusFilter
{
    All,
    Open,
    Overdue,
    Closed,
    Unassigned,
    Assigned,
    Answered,
    Returned,
}

/// <summary>What a problem list is narrowed to; null means no narrowing.</summary>
public sealed record ProblemQuery
{
    /// <summary>The units whose problems are listed (a scope and everything below it); all when null.</summary>
    public IReadOnlyCollection<int>? Units { get; init; }

    /// <summary>One unit only.</summary>
    public int? UnitId { get; init; }

    public string? Department { get; init; }

    public ProblemCategory? Category { get; init; }

    public string? ProjectCode { get; init; }

    public ProblemStatusFilter Status { get; init; }

    /// <summary>The day the problems are judged on; today when null.</summary>
    public DateOnly? AsOf { get; init; }

    public static ProblemStatusFilter ParseStatus(string? status) => (status ?? "").Trim().ToLowerInvariant() switch
    {
        "" or "all" => ProblemStatusFilter.All,
        "open" or "未办结" => ProblemStatusFilter.Open,
        "overdue" or "逾期" => ProblemStatusFilter.Overdue,
        "closed" or "已办结" or "办结" => ProblemStatusFilter.Closed,
        "unassigned" or "待交办" => ProblemStatusFilter.Unassigned,
        "assigned" or "办理中" => ProblemStatusFilter.Assigned,
        "answered" or "已答复" => ProblemStatusFilter.Answered,
        "returned" or "退回重办" => ProblemStatusFilter.Returned,
        _ => throw new DomainException(
            new($"状态“{status}”无效：可用 open、overdue、closed、unassigned、assigned、answered、returned", $"The status \"{status}\" is not valid: use open, overdue, closed, unassigned, assigned, answered or returned"),
            "status"),
    };
}
