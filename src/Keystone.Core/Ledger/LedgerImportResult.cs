namespace Keystone.Core.Ledger;

/// <summary>What an import did to a row's project.</summary>
public enum ChangeKind
{
    New,
    Updated,
    Unchanged,
}

/// <summary>One column of a known project that the row changed, as the ledger shows it before and after.</summary>
public sealed record FieldChange(string Column, string Before, string After);

/// <summary>What one row did to its project (by the row's code, or the code generated for it).</summary>
public sealed record ProjectChange(int Row, string Code, string Name, ChangeKind Kind, IReadOnlyList<FieldChange> Fields);

/// <summary>A row that names a shared enterprise differently from its owner's record: a proposal to the owner, not a rename.</summary>
public sealed record EnterpriseNameProposal(int Row, string Uscc, string Name);

/// <summary>How far an import has come: <c>Done</c> rows in <c>Stage</c> ("read" or "write") of the <c>Total</c> read so far (0 while the read stage runs).</summary>
public sealed record ImportProgress(int Done, int Total, string Stage);

/// <summary>What an import read, found wrong and (unless refused or a dry run) changed.</summary>
public sealed record LedgerImportResult
{
    public required string Sheet { get; init; }

    public required int Year { get; init; }

    /// <summary>Where the plan year came from: the user, the file's title, sheet or name, or the calendar.</summary>
    public PlanYearSource YearFrom { get; init; } = PlanYearSource.Option;

    public required int HeaderRow { get; init; }

    public required IReadOnlyList<LedgerColumn> Columns { get; init; }

    public required IReadOnlyList<string> UnknownHeaders { get; init; }

    public required Period Period { get; init; }

    /// <summary>The data rows read: blank and total rows (合计, 小计…) are not counted.</summary>
    public int Rows { get; init; }

    public int New { get; init; }

    public int Updated { get; init; }

    public int Unchanged { get; init; }

    public required IReadOnlyList<LedgerProblem> Problems { get; init; }

    /// <summary>The paths of the units the import created for rows that named units not yet recorded.</summary>
    public required IReadOnlyList<string> CreatedUnits { get; init; }

    public required IReadOnlyList<ProjectChange> Changes { get; init; }

    /// <summary>Enterprise names the file gives that only the enterprise's owner may apply: proposed to it instead.</summary>
    public IReadOnlyList<EnterpriseNameProposal> Proposals { get; init; } = [];

    /// <summary>True when the database was changed (not a dry run, and no bad row, or good rows only).</summary>
    public bool Applied { get; init; }

    public int BadRows => Problems.Select(p => p.Row).Distinct().Count();
}
