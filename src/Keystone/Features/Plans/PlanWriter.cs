using Keystone.Core.Accounts;
using Keystone.Core.Data;
using Keystone.Core.Periods;
using Keystone.Core.Plans;
using Keystone.Core.Projects;
using Keystone.Core.Units;

namespace Keystone.Features.Plans;

/// <summary>
/// Writes a project's entry in a year's plan for the API and the plan page alike: against the months of that
/// year closed for the project's unit, with the caller's reason, now, under the caller's name (so a change that
/// restates a closed month is refused without a reason, docs/domain.md "Closed months and corrections").
/// </summary>
public static class PlanWriter
{
    public static async Task<AnnualPlan> PlanAsync(
        AppDbContext db, OrgTree tree, Caller caller, TimeProvider clock, Project project, int year, PlanEntry entry, string? correctionReason, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(project);
        var closed = year is < 1990 or > 2200 ? [] : await PeriodClosing.ClosedMonthsAsync(db, tree, project.OrgUnitId, year, ct);
        return project.Plan(year, entry, closed, new PlanCorrection(correctionReason, clock.GetUtcNow(), caller.UserName));
    }
}
