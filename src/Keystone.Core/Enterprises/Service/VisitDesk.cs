using Keystone.Core.Data;
using Keystone.Core.Problems;
using Keystone.Core.Projects;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Core.Enterprises.Service;

/// <summary>A problem raised on a visit, as the officer writes it down.</summary>
public sealed record VisitProblemInput(string Title, ProblemCategory Category, DateOnly Deadline, string? Department, string? Detail);

/// <summary>
/// Records a visit and the problems raised on it together: each problem enters the problem loop with source
/// "visit" (who, when, whom), in the visit's unit, and is linked to the visit. All or nothing: a bad problem
/// leaves no visit behind.
/// </summary>
public static class VisitDesk
{
    public static async Task<(EnterpriseVisit Visit, IReadOnlyList<Problem> Problems)> RecordAsync(
        AppDbContext db, EnterpriseVisit visit, IReadOnlyList<VisitProblemInput> problems, string by, DateTimeOffset at, DateOnly today, CancellationToken ct = default)
    {
        var enterprise = visit.Enterprise ?? throw new InvalidOperationException("Record a visit with its enterprise loaded");
        var origin = ProblemOrigin.Visit(visit.Visitor, visit.VisitedOn, visit.Met);
        var raises = problems.Select(p => new ProblemRaise
        {
            UnitId = visit.OrgUnitId,
            EnterpriseId = enterprise.Id,
            Title = p.Title,
            Detail = p.Detail,
            Category = p.Category,
            Deadline = p.Deadline,
            Department = p.Department,
            Origin = origin,
        }).ToList();

        // Check every problem before anything is written, numbering them only to check them.
        var errors = new List<DomainException>();
        for (var i = 0; i < raises.Count; i++)
        {
            try
            {
                _ = new Problem(today.Year, 1, raises[i], by, at, today);
            }
            catch (ValidationException e)
            {
                errors.AddRange(e.Errors.Select(x => new DomainException(x.Text, $"problems[{i}].{x.Field}")));
            }
            catch (DomainException e)
            {
                errors.Add(new DomainException(e.Text, $"problems[{i}].{e.Field}"));
            }
        }

        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }

        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        db.EnterpriseVisits.Add(visit);
        await db.SaveChangesAsync(ct);
        var raised = new List<Problem>();
        foreach (var raise in raises)
        {
            var problem = await ProblemDesk.RaiseAsync(db, raise, by, at, today, ct);
            db.VisitProblems.Add(new VisitProblem(visit.Id, problem.Id));
            await db.SaveChangesAsync(ct);
            raised.Add(problem);
        }

        if (transaction is not null)
        {
            await transaction.CommitAsync(ct);
        }

        return (visit, raised);
    }
}
