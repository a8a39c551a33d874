using Keystone.Core.Plans;
using Keystone.Core.Progress;
using Keystone.Core.Projects;

namespace Keystone.Core.Ledger;

/// <summary>
/// What a row states, merged with what is recorded: a column the sheet does not have keeps the recorded
/// value (a new project takes the row's, or the default). Pure: it reads the project, it does not change it.
/// </summary>
internal sealed class LedgerRowMerge(HeaderMatch header, Period period, string? correctionReason = null)
{
    /// <summary>The row's facts over <paramref name="current"/> (null: a new project).</summary>
    public ProjectFacts Facts(LedgerRow row, ProjectFacts? current)
    {
        T Pick<T>(LedgerField field, T fromRow, T fromCurrent) => current is null || header.Has(field) ? fromRow : fromCurrent;
        return new ProjectFacts
        {
            Name = row.Name,
            Levels = Pick(LedgerField.Levels, row.Levels, current?.Levels ?? row.Levels),
            Category = Pick(LedgerField.Category, row.Category, current?.Category ?? row.Category),
            TotalInvestment = row.TotalInvestment,
            Status = Pick(LedgerField.Status,
                row.Status ?? (row.ActualStart is not null || row.StartDate is not null ? ProjectStatus.UnderConstruction : ProjectStatus.Preparing),
                current?.Status ?? ProjectStatus.Preparing),
            IndustryChain = Pick(LedgerField.IndustryChain, row.IndustryChain, current?.IndustryChain),
            Content = Pick(LedgerField.Content, row.Content, current?.Content),
            LandArea = Pick(LedgerField.LandArea, row.LandArea, current?.LandArea),
            FloorArea = Pick(LedgerField.FloorArea, row.FloorArea, current?.FloorArea),
            OutputValueTarget = Pick(LedgerField.OutputValue, row.OutputValue, current?.OutputValueTarget),
            TaxTarget = Pick(LedgerField.Tax, row.Tax, current?.TaxTarget),
            JobsTarget = Pick(LedgerField.Jobs, row.Jobs, current?.JobsTarget),
            ActualStart = Pick(LedgerField.ActualStart, row.ActualStart, current?.ActualStart),
            PlannedCompletion = Pick(LedgerField.PlannedCompletion, row.PlannedCompletion, current?.PlannedCompletion),
            ResponsibleLeader = Pick(LedgerField.Leader, row.Leader, current?.ResponsibleLeader),
            ResponsibleUnit = Pick(LedgerField.ResponsibleUnit, row.ResponsibleUnit, current?.ResponsibleUnit),
            Contact = Pick(LedgerField.Contact, row.Contact, current?.Contact),
            ProblemsNote = Pick(LedgerField.Problems, row.Problems, current?.ProblemsNote),
            Remarks = Pick(LedgerField.Remarks, row.Remarks, current?.Remarks),
        };
    }

    /// <summary>The row's plan entry for the plan year over <paramref name="current"/> (null: none recorded); 建设性质 always comes from the row.</summary>
    public PlanEntry Plan(LedgerRow row, AnnualPlan? current) => new()
    {
        Nature = row.Nature,
        PlannedInvestment = header.Has(LedgerField.AnnualPlan) ? row.AnnualPlan ?? Money.Zero : current?.PlannedInvestment ?? Money.Zero,
        PlannedStart = header.Has(LedgerField.PlannedStart) ? row.PlannedStart : current?.PlannedStart,
        StartDate = header.Has(LedgerField.StartDate) ? row.StartDate : current?.StartDate,
        StartDateApproximate = header.Has(LedgerField.StartDate) ? row.StartDateApproximate : current?.StartDateApproximate ?? false,
    };

    /// <summary>
    /// The report a row states for the import period (the ledger's 本年完成投资/累计完成投资/形象进度): the month
    /// is the year to date less the latest earlier report's of the year, so the two reconcile by construction.
    /// Null when the row states no progress, or the same as is already recorded.
    /// </summary>
    public ProgressFigures? Progress(Project project, LedgerRow row)
    {
        if (!header.Has(LedgerField.YearToDate) && !header.Has(LedgerField.Cumulative) && !header.Has(LedgerField.ImageProgress))
        {
            return null;
        }

        var existing = project.Reports.FirstOrDefault(r => r.Period == period);
        var ytd = header.Has(LedgerField.YearToDate) ? row.YearToDate ?? Money.Zero : existing?.YearToDate ?? Money.Zero;
        var earlier = project.Reports.Where(r => r.Period < period).MaxBy(r => r.Period);
        var cumulative = header.Has(LedgerField.Cumulative) && row.Cumulative is { } c
            ? c
            : existing?.Cumulative ?? new Money(Math.Max(ytd.Wan, earlier?.Cumulative.Wan ?? 0m));
        var image = header.Has(LedgerField.ImageProgress) ? row.ImageProgress : existing?.ImageProgress;
        if (existing is null && ytd == Money.Zero && cumulative == Money.Zero && image is null)
        {
            return null;
        }

        var earlierInYear = earlier is not null && earlier.Period.Year == period.Year ? earlier.YearToDate : Money.Zero;
        var figures = new ProgressFigures
        {
            Month = ytd - earlierInYear,
            YearToDate = ytd,
            Cumulative = cumulative,
            ImageProgress = image,
            CorrectionReason = existing?.CorrectionReason,
        };
        if (existing is not null && existing.Figures == figures)
        {
            return null;
        }

        // A changed report of a closed month takes the import's reason (更正原因); otherwise it keeps its own.
        figures = figures with { CorrectionReason = string.IsNullOrWhiteSpace(correctionReason) ? existing?.CorrectionReason : correctionReason };

        // The same figures as the latest earlier report of the year restate it: no new progress, no new report.
        if (existing is null && earlier is not null && earlier.Period.Year == period.Year
            && earlier.YearToDate == ytd && earlier.Cumulative == cumulative && earlier.ImageProgress == image)
        {
            return null;
        }

        return figures;
    }
}
