using System.Globalization;
using System.Text.RegularExpressions;

namespace Keystone.Core.Ledger;

/// <summary>Where a ledger's plan year came from, so the preview can say it and the user can correct it.</summary>
public enum PlanYearSource
{
    /// <summary>Given by the user (`--year`, the form's 计划年度).</summary>
    Option,

    /// <summary>The year of the month given for the progress columns (`--period`).</summary>
    Period,

    /// <summary>A title row above the header ("2024年重点项目台账").</summary>
    Title,

    /// <summary>The sheet's name ("2024年台账").</summary>
    Sheet,

    /// <summary>The file's name ("demo-ledger-2024.xlsx").</summary>
    FileName,

    /// <summary>Nothing in the file names one: the current year.</summary>
    Calendar,
}

/// <summary>
/// The plan year of a ledger: what the user gave, else what the file says (its title, its sheet's name, its
/// file name), and only then the calendar — a 2024 ledger imported in 2026 is a 2024 ledger.
/// </summary>
public static partial class LedgerPlanYear
{
    public static (int Year, PlanYearSource From) Choose(LedgerImportOptions options, HeaderMatch header, string sheet, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(header);
        if (options.Year is { } given)
        {
            return (given, PlanYearSource.Option);
        }

        if (options.Period is { } period)
        {
            return (period.Year, PlanYearSource.Period);
        }

        if ((header.StatedYear ?? header.StatedPeriod?.Year) is { } stated)
        {
            return (stated, PlanYearSource.Title);
        }

        if (InName(sheet) is { } inSheet)
        {
            return (inSheet, PlanYearSource.Sheet);
        }

        if (InName(options.SourceName) is { } inFile)
        {
            return (inFile, PlanYearSource.FileName);
        }

        return (DeskDate.Today(clock).Year, PlanYearSource.Calendar);
    }

    /// <summary>The year a sheet or file name carries as four digits of their own ("2024年台账", "ledger_2024.xlsx"); null when none does.</summary>
    public static int? InName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        var match = YearInName().Match(Path.GetFileNameWithoutExtension(name.Trim()));
        return match.Success ? int.Parse(match.Value, CultureInfo.InvariantCulture) : null;
    }

    /// <summary>How the preview says where the year came from ("取自文件名").</summary>
    public static Text Describe(PlanYearSource from) => from switch
    {
        PlanYearSource.Option => new("按所选年度", "as chosen"),
        PlanYearSource.Period => new("取自报告期", "from the period"),
        PlanYearSource.Title => new("取自表格标题", "from the sheet's title"),
        PlanYearSource.Sheet => new("取自工作表名称", "from the sheet's name"),
        PlanYearSource.FileName => new("取自文件名", "from the file name"),
        _ => new("文件中未写明，按当前年度", "not stated in the file: the current year"),
    };

    [GeneratedRegex(@"(?<!\d)(?:199\d|20\d\d|21\d\d)(?!\d)")]
    private static partial Regex YearInName();
}
