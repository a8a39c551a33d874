using Keystone.Core.Plans;
using Keystone.Core.Progress;
using Keystone.Core.Projects;

namespace Keystone.Core.Ledger;

/// <summary>
/// A project as ledger cells, in the standard format: what export writes, and what an import compares
/// before and after to tell new, updated and unchanged rows apart and to say what changed.
/// </summary>
public static class LedgerCells
{
    public static Dictionary<LedgerField, string> Of(Project project, string? city, string unit, AnnualPlan? plan, ProgressReport? report)
    {
        var f = project.Facts;
        return new Dictionary<LedgerField, string>
        {
            [LedgerField.Code] = project.Code,
            [LedgerField.Name] = f.Name,
            [LedgerField.City] = city ?? "",
            [LedgerField.Unit] = unit,
            [LedgerField.Levels] = ProjectVocabulary.Name(f.Levels),
            [LedgerField.Category] = ProjectVocabulary.Name(f.Category),
            [LedgerField.IndustryChain] = f.IndustryChain ?? "",
            [LedgerField.Nature] = plan is null ? "" : LedgerParser.NatureName(plan.Nature),
            [LedgerField.Enterprise] = project.Enterprise?.Name ?? "",
            [LedgerField.Uscc] = project.Enterprise?.Uscc.Value ?? "",
            [LedgerField.Content] = f.Content ?? "",
            [LedgerField.TotalInvestment] = f.TotalInvestment.ToPlainString(),
            [LedgerField.AnnualPlan] = plan?.PlannedInvestment.ToPlainString() ?? "",
            [LedgerField.YearToDate] = report?.YearToDate.ToPlainString() ?? "",
            [LedgerField.Cumulative] = report?.Cumulative.ToPlainString() ?? "",
            [LedgerField.PlannedStart] = Date(plan?.PlannedStart),
            [LedgerField.ActualStart] = Date(f.ActualStart),
            [LedgerField.StartDate] = plan is { StartDateApproximate: true, StartDate: { } approximate } ? (LedgerDates.MonthText(approximate) as string ?? Date(approximate)) : Date(plan?.StartDate),
            [LedgerField.PlannedCompletion] = Date(f.PlannedCompletion),
            [LedgerField.Status] = ProjectVocabulary.Name(f.Status),
            [LedgerField.ImageProgress] = report?.ImageProgress ?? "",
            [LedgerField.LandArea] = f.LandArea is { } land ? ChineseFormat.Trim(land.Mu) : "",
            [LedgerField.FloorArea] = f.FloorArea is { } floor ? ChineseFormat.Trim(decimal.Round(floor.SquareMetres, 2)) : "",
            [LedgerField.OutputValue] = f.OutputValueTarget?.ToPlainString() ?? "",
            [LedgerField.Tax] = f.TaxTarget?.ToPlainString() ?? "",
            [LedgerField.Jobs] = f.JobsTarget?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
            [LedgerField.Leader] = f.ResponsibleLeader ?? "",
            [LedgerField.ResponsibleUnit] = f.ResponsibleUnit ?? "",
            [LedgerField.Contact] = f.Contact ?? "",
            [LedgerField.Problems] = f.ProblemsNote ?? "",
            [LedgerField.Remarks] = f.Remarks ?? "",
            [LedgerField.Parent] = project.Parent?.Code ?? "",
        };
    }

    private static string Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "";
}
