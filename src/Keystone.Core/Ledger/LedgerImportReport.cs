using System.Globalization;

namespace Keystone.Core.Ledger;

public sealed record ColumnReport(int Index, string Header, string Field, decimal ToWan);

public sealed record ProblemReport(string Sheet, int Row, string? Column, string? Value, string Reason);

public sealed record ChangeReport(int Row, string Code, string Name, ChangeKind Kind, IReadOnlyList<FieldChange> Fields);

/// <summary>An import's outcome as the CLI's --json and the API return it, with reasons in the caller's language.</summary>
public sealed record LedgerImportReport
{
    public required bool Applied { get; init; }

    public required string Sheet { get; init; }

    public required int Year { get; init; }

    /// <summary>Where the plan year came from (option, period, title, sheet, fileName, calendar).</summary>
    public PlanYearSource YearFrom { get; init; }

    public required string Period { get; init; }

    public required int HeaderRow { get; init; }

    public required int Rows { get; init; }

    public required int New { get; init; }

    public required int Updated { get; init; }

    public required int Unchanged { get; init; }

    public required int BadRows { get; init; }

    public required IReadOnlyList<ColumnReport> Columns { get; init; }

    public required IReadOnlyList<string> UnknownHeaders { get; init; }

    public required IReadOnlyList<string> CreatedUnits { get; init; }

    public required IReadOnlyList<ProblemReport> Problems { get; init; }

    public required IReadOnlyList<ChangeReport> Changes { get; init; }

    public string? ErrorWorkbook { get; init; }

    public static LedgerImportReport Of(LedgerImportResult r, string? errorWorkbook, CultureInfo culture) => new()
    {
        Applied = r.Applied,
        Sheet = r.Sheet,
        Year = r.Year,
        YearFrom = r.YearFrom,
        Period = r.Period.ToString(),
        HeaderRow = r.HeaderRow,
        Rows = r.Rows,
        New = r.New,
        Updated = r.Updated,
        Unchanged = r.Unchanged,
        BadRows = r.BadRows,
        Columns = r.Columns.Select(c => new ColumnReport(c.Index, c.Header, LedgerFormat.Key(c.Field), c.ToWan)).ToList(),
        UnknownHeaders = r.UnknownHeaders,
        CreatedUnits = r.CreatedUnits,
        Problems = r.Problems.Select(p => new ProblemReport(p.Sheet, p.Row, p.Column, p.Value, p.Reason.For(culture))).ToList(),
        Changes = r.Changes.Where(c => c.Kind != ChangeKind.Unchanged).Select(c => new ChangeReport(c.Row, c.Code, c.Name, c.Kind, c.Fields)).ToList(),
        ErrorWorkbook = errorWorkbook,
    };
}
