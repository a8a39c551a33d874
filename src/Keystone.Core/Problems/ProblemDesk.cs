using Keystone.Core.Data;
using Keystone.Core.Lights;
using Keystone.Core.Units;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Core.Problems;

/// <summary>
/// What the API, the pages, the CLI and the demo share about problems: numbering and saving a new one,
/// issuing a numbered supervision notice (the reads are <see cref="Desk.ProblemData"/>'s, the judging <see cref="ProblemJudge"/>'s).
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
                if (raise.ReportId is { } reportId && await RaisedFromAsync(db, reportId, ct) is { } other)
                {
                    // Not the number but the report collided: another officer raised it a moment ago.
                    throw AlreadyRaised(other);
                }

                await Task.Delay(Random.Shared.Next(1, 20 * attempt), ct);
            }
        }
    }

    /// <summary>The number of the problem raised from report <paramref name="reportId"/>, or null while it has raised none.</summary>
    public static async Task<string?> RaisedFromAsync(AppDbContext db, int reportId, CancellationToken ct = default) =>
        await db.Problems.AsNoTracking().Where(p => p.ReportId == reportId).Select(p => p.Number).FirstOrDefaultAsync(ct);

    /// <summary>The refusal when a report's 存在问题 is raised a second time, naming the problem it already became.</summary>
    public static ConflictException AlreadyRaised(string number) =>
        new(new($"该报告的存在问题已转为问题{number}，不能重复提出", $"This report's problems were already raised as problem {number}; they cannot be raised twice"), "report");

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
