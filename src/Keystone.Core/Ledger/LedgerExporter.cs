using System.Globalization;
using System.Text;
using Keystone.Core.Data;
using Keystone.Core.Plans;
using Keystone.Core.Progress;
using Keystone.Core.Projects;
using Keystone.Core.Units;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Core.Ledger;

public enum LedgerExportFormat
{
    Xlsx,
    Csv,
}

/// <summary>
/// Writes a scope's ledger for a year in the standard format: a title row naming the scope, year and the
/// month the progress figures are stated for (which an import reads back as its period), the standard
/// header, one row per plan entry. Export then import changes nothing.
/// </summary>
public sealed class LedgerExporter(AppDbContext db)
{
    private const int Batch = 2000;

    /// <summary>When set, checked every batch of projects: an export past its time or memory limit stops there.</summary>
    public ImportGuard? Guard { get; init; }

    public static readonly IReadOnlyList<double> Widths =
        [26, 40, 10, 22, 16, 12, 14, 10, 28, 22, 40, 14, 14, 14, 14, 13, 13, 13, 13, 10, 40, 12, 14, 14, 12, 10, 10, 16, 16, 30, 20, 26];

    /// <summary>The projects of <paramref name="scopeUnitIds"/> in year <paramref name="year"/>'s plan, progress as of <paramref name="period"/>.</summary>
    public Task<int> WriteAsync(
        Stream output, LedgerExportFormat format, OrgTree tree, string scopeName, IReadOnlyList<int> scopeUnitIds, int year, Period period, CancellationToken ct = default) =>
        WriteAsync(output, format, tree, scopeName, scopeUnitIds, year, period, null, ct);

    /// <summary>As above, narrowed to <paramref name="projectIds"/> when given (a filtered ledger page's export).</summary>
    public async Task<int> WriteAsync(
        Stream output, LedgerExportFormat format, OrgTree tree, string scopeName, IReadOnlyList<int> scopeUnitIds, int year, Period period, IReadOnlyCollection<int>? projectIds, CancellationToken ct = default)
    {
        var title = $"{scopeName}{year}年重点项目台账（数据截至{period.Year}年{period.Month}月）";
        var headers = LedgerFormat.Fields.Select(LedgerFormat.Header).ToList();
        var count = 0;
        if (format == LedgerExportFormat.Xlsx)
        {
            using var writer = new XlsxWriter(output, $"{year}年重点项目台账", Widths, 2, 2, new XlsxPageSetup(Landscape: true, FitToWidth: true));
            writer.Row([new XCell(title, XStyle.Title)], height: 30, mergeAcross: headers.Count);
            writer.Row(headers.Select(h => new XCell(h, XStyle.Header)).ToList(), height: 32);
            writer.HeaderRow();
            await foreach (var row in RowsAsync(tree, scopeUnitIds, year, period, projectIds, ct))
            {
                writer.Row(row.Select(Styled).ToList());
                count++;
            }
        }
        else
        {
            await using var text = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true);
            await text.WriteLineAsync(Csv([title]));
            await text.WriteLineAsync(Csv(headers));
            await foreach (var row in RowsAsync(tree, scopeUnitIds, year, period, projectIds, ct))
            {
                await text.WriteLineAsync(Csv(row.Select(CsvText)));
                count++;
            }
        }

        return count;
    }

    /// <summary>The latest month with a report of year <paramref name="year"/> in the scope, else December (past years) or the current month.</summary>
    public async Task<Period?> LatestPeriodAsync(IReadOnlyList<int> scopeUnitIds, int year, CancellationToken ct = default)
    {
        var from = new Period(year, 1);
        var to = new Period(year, 12);
        var latest = await db.ProgressReports.AsNoTracking()
            .Where(r => scopeUnitIds.Contains(r.Project!.OrgUnitId) && r.Period >= from && r.Period <= to)
            .MaxAsync(r => (int?)EF.Property<int>(r, nameof(ProgressReport.Period)), ct);
        return latest is { } key ? Period.FromKey(key) : null;
    }

    private async IAsyncEnumerable<object?[]> RowsAsync(
        OrgTree tree, IReadOnlyList<int> unitIds, int year, Period period, IReadOnlyCollection<int>? projectIds, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var plans = db.AnnualPlans.AsNoTracking().Where(a => a.Year == year && unitIds.Contains(a.Project!.OrgUnitId));
        if (projectIds is not null)
        {
            plans = plans.Where(a => projectIds.Contains(a.ProjectId));
        }

        var ids = await plans
            .OrderBy(a => a.Project!.Code)
            .Select(a => a.ProjectId)
            .ToListAsync(ct);
        var first = new Period(year, 1);
        for (var i = 0; i < ids.Count; i += Batch)
        {
            Guard?.Check();
            var batch = ids.GetRange(i, Math.Min(Batch, ids.Count - i));
            var projects = await db.Projects.AsNoTracking()
                .Where(p => batch.Contains(p.Id))
                .Include(p => p.Enterprise)
                .Include(p => p.Parent)
                .Include(p => p.Plans.Where(a => a.Year == year))
                .Include(p => p.Reports.Where(r => r.Period >= first && r.Period <= period))
                .AsSplitQuery()
                .ToListAsync(ct);
            foreach (var project in projects.OrderBy(p => p.Code, StringComparer.Ordinal))
            {
                yield return Row(project, tree, project.Plans.Single(), project.Reports.MaxBy(r => r.Period));
            }
        }
    }

    private static object?[] Row(Project p, OrgTree tree, AnnualPlan plan, ProgressReport? report)
    {
        var unit = tree[p.OrgUnitId];
        var city = unit.Kind == OrgUnitKind.City ? unit.Name
            : unit.ParentId is { } parent && tree[parent].Kind == OrgUnitKind.City ? tree[parent].Name : null;
        var f = p.Facts;
        return
        [
            p.Code, f.Name, city, unit.Name, ProjectVocabulary.Name(f.Levels), ProjectVocabulary.Name(f.Category), f.IndustryChain,
            LedgerParser.NatureName(plan.Nature), p.Enterprise?.Name, p.Enterprise?.Uscc.Value, f.Content,
            f.TotalInvestment.Wan, plan.PlannedInvestment.Wan, report?.YearToDate.Wan, report?.Cumulative.Wan,
            plan.PlannedStart, f.ActualStart, plan is { StartDateApproximate: true, StartDate: { } approximate } ? LedgerDates.MonthText(approximate) : plan.StartDate, f.PlannedCompletion,
            ProjectVocabulary.Name(f.Status), report?.ImageProgress,
            f.LandArea?.Mu, f.FloorArea is { } floor ? decimal.Round(floor.SquareMetres, 2) : null,
            f.OutputValueTarget?.Wan, f.TaxTarget?.Wan, f.JobsTarget,
            f.ResponsibleLeader, f.ResponsibleUnit, f.Contact, f.ProblemsNote, f.Remarks, p.Parent?.Code,
        ];
    }

    private static XCell Styled(object? value, int column) => value switch
    {
        decimal when LedgerFormat.Fields[column] == LedgerField.Jobs => new XCell(value, XStyle.Integer),
        int => new XCell(value, XStyle.Integer),
        decimal => new XCell(value, XStyle.Number),
        DateOnly => new XCell(value, XStyle.Date),
        string s when s.Length > 40 => new XCell(FormulaText.Neutralise(s), XStyle.Wrap),
        string s => new XCell(FormulaText.Neutralise(s), XStyle.Text),
        _ => new XCell(value, XStyle.Text),
    };

    private static string CsvText(object? value) => value switch
    {
        null => "",
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        decimal m => ChineseFormat.Trim(m),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        string s => FormulaText.Neutralise(s),
        _ => FormulaText.Neutralise(value.ToString() ?? ""),
    };

    private static string Csv(IEnumerable<string> fields) =>
        string.Join(",", fields.Select(f => f.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + f.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : f));
}
