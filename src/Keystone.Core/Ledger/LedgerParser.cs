using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Keystone.Core.Plans;
using Keystone.Core.Projects;

namespace Keystone.Core.Ledger;

/// <summary>
/// Turns raw ledger rows into checked <see cref="LedgerRow"/>s. Every problem of a row is collected (not
/// just the first), each naming sheet, row, column, value and reason, so the user can fix them in one go.
/// </summary>
public sealed partial class LedgerParser(string sheet, HeaderMatch header, int year)
{
    public string Sheet { get; } = sheet;

    public HeaderMatch Header { get; } = header;

    public int Year { get; } = year;

    /// <summary>The row, or null when it has problems (added to <paramref name="problems"/>).</summary>
    public LedgerRow? Parse(RawRow row, List<LedgerProblem> problems)
    {
        var before = problems.Count;
        var name = Text(row, LedgerField.Name);
        var unit = Text(row, LedgerField.Unit);
        if (name is null)
        {
            Problem(problems, row, LedgerField.Name, null, new("项目名称不能为空", "The project name is required"));
        }

        if (unit is null)
        {
            Problem(problems, row, LedgerField.Unit, null, new("所属区域不能为空", "The unit (所属区域) is required"));
        }

        var levels = Vocabulary(row, LedgerField.Levels, ProjectVocabulary.ParseLevels, problems,
            new("项目级别应为省级重点、市级重点、区级或一般", "The level must be provincial, municipal, zone or ordinary"));
        var category = Vocabulary(row, LedgerField.Category, ProjectVocabulary.ParseCategory, problems,
            new("项目类别应为产业类、基础设施类、民生类或其他", "The category must be industrial, infrastructure, livelihood or other"));
        var nature = Vocabulary(row, LedgerField.Nature, ParseNature, problems,
            new("建设性质应为新建（新开工）或续建", "The nature must be new (新建) or continuing (续建)"));
        if (nature is null && Header[LedgerField.Nature] is not null && Text(row, LedgerField.Nature) is null)
        {
            Problem(problems, row, LedgerField.Nature, null, new("建设性质不能为空", "The nature (新建/续建) is required"));
        }

        var status = Vocabulary(row, LedgerField.Status, ProjectVocabulary.ParseStatus, problems,
            new("项目状态应为前期、在建、竣工、投产或停缓建", "The status must be preparing, under construction, completed, in production or suspended"));

        var total = Amount(row, LedgerField.TotalInvestment, problems);
        if (total is null && Text(row, LedgerField.TotalInvestment) is null)
        {
            Problem(problems, row, LedgerField.TotalInvestment, null, new("总投资不能为空", "The total investment is required"));
        }

        var plan = Amount(row, LedgerField.AnnualPlan, problems);
        var ytd = Amount(row, LedgerField.YearToDate, problems);
        var cumulative = Amount(row, LedgerField.Cumulative, problems);
        var output = Amount(row, LedgerField.OutputValue, problems);
        var tax = Amount(row, LedgerField.Tax, problems);
        if (plan is { } p && total is { } t && p > t)
        {
            Problem(problems, row, LedgerField.AnnualPlan, Text(row, LedgerField.AnnualPlan),
                new($"年度计划投资{p.ToPlainString()}万元超过总投资{t.ToPlainString()}万元", $"The annual plan {p.ToPlainString()} 万元 exceeds the total investment {t.ToPlainString()} 万元"));
        }

        if (ytd is { } y && cumulative is { } c && y > c)
        {
            Problem(problems, row, LedgerField.YearToDate, Text(row, LedgerField.YearToDate),
                new($"本年完成投资{y.ToPlainString()}万元超过累计完成投资{c.ToPlainString()}万元", $"The year-to-date investment {y.ToPlainString()} 万元 exceeds the cumulative {c.ToPlainString()} 万元"));
        }

        var plannedStart = Date(row, LedgerField.PlannedStart, problems);
        var actualStart = Date(row, LedgerField.ActualStart, problems);
        var startDate = Date(row, LedgerField.StartDate, problems);
        var plannedCompletion = Date(row, LedgerField.PlannedCompletion, problems);
        if (startDate is { } sd && sd.Year != Year)
        {
            Problem(problems, row, LedgerField.StartDate, Text(row, LedgerField.StartDate),
                new($"本年开复工时间不在{Year}年内", $"The start date in the year is not in {Year}"));
        }

        Uscc? uscc = null;
        if (Text(row, LedgerField.Uscc) is { } usccText)
        {
            try
            {
                uscc = new Uscc(FoldWidth(usccText));
            }
            catch (DomainException e)
            {
                Problem(problems, row, LedgerField.Uscc, usccText, e.Text);
            }
        }

        var land = Decimal(row, LedgerField.LandArea, problems);
        var floor = Decimal(row, LedgerField.FloorArea, problems);
        var jobs = Decimal(row, LedgerField.Jobs, problems);
        if (jobs is { } j && j != decimal.Truncate(j))
        {
            Problem(problems, row, LedgerField.Jobs, Text(row, LedgerField.Jobs), new("就业岗位应为整数", "Jobs must be a whole number"));
        }

        var code = Text(row, LedgerField.Code);
        if (code is not null)
        {
            (code, var refused) = Code(code);
            if (refused is { } reason)
            {
                Problem(problems, row, LedgerField.Code, code, reason);
            }
        }

        var parent = Text(row, LedgerField.Parent);
        if (parent is not null)
        {
            try
            {
                parent = new ProjectCode(FoldWidth(parent)).Value;
            }
            catch (DomainException e)
            {
                Problem(problems, row, LedgerField.Parent, parent, e.Text);
            }
        }

        CheckLength(row, LedgerField.Name, Project.MaxNameLength, problems);
        CheckLength(row, LedgerField.Unit, 100, problems);
        CheckLength(row, LedgerField.City, 100, problems);
        CheckLength(row, LedgerField.Enterprise, 200, problems);
        CheckLength(row, LedgerField.IndustryChain, 50, problems);
        foreach (var f in new[] { LedgerField.Content, LedgerField.ImageProgress, LedgerField.Problems, LedgerField.Remarks })
        {
            CheckLength(row, f, Project.MaxTextLength, problems);
        }

        if (problems.Count > before)
        {
            return null;
        }

        return new LedgerRow
        {
            RowNumber = row.Number,
            Code = code,
            Name = name!,
            City = Text(row, LedgerField.City),
            Unit = unit!,
            Levels = levels ?? ProjectLevels.Ordinary,
            Category = category ?? ProjectCategory.Other,
            IndustryChain = Text(row, LedgerField.IndustryChain),
            Nature = nature!.Value,
            Enterprise = Text(row, LedgerField.Enterprise),
            Uscc = uscc,
            Content = Text(row, LedgerField.Content),
            TotalInvestment = total!.Value,
            AnnualPlan = plan,
            YearToDate = ytd,
            Cumulative = cumulative,
            PlannedStart = plannedStart,
            ActualStart = actualStart,
            StartDate = startDate,
            StartDateApproximate = startDate is not null && !LedgerDates.IsDayPrecise(Cell(row, LedgerField.StartDate)),
            PlannedCompletion = plannedCompletion,
            Status = status,
            ImageProgress = Text(row, LedgerField.ImageProgress),
            LandArea = land is { } mu ? Area.FromMu(mu) : null,
            FloorArea = floor is { } m2 ? new Area(m2) : null,
            OutputValue = output,
            Tax = tax,
            Jobs = jobs is { } jj ? (int)jj : null,
            Leader = Text(row, LedgerField.Leader),
            ResponsibleUnit = Text(row, LedgerField.ResponsibleUnit),
            Contact = Text(row, LedgerField.Contact),
            Problems = Text(row, LedgerField.Problems),
            Remarks = Text(row, LedgerField.Remarks),
            Parent = parent,
        };
    }

    public static Nature? ParseNature(string text) => ProjectVocabulary.Normalize(text) switch
    {
        "new" or "新建" or "新开工" or "新开" or "新建项目" or "新开工项目" or "拟新开工" => Nature.New,
        "continuing" or "续建" or "续建项目" or "复工" or "在建续建" => Nature.Continuing,
        _ => null,
    };

    public static string NatureName(Nature nature) => nature switch
    {
        Nature.New => "新建",
        Nature.Continuing => "续建",
    };

    private object? Cell(RawRow row, LedgerField field) =>
        Header[field] is { } column && column.Index < row.Cells.Count ? row.Cells[column.Index] : null;

    /// <summary>The row's project code as the importer compares codes (folded to half width), even when the rest of the row is bad.</summary>
    public string? CodeOf(RawRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        // A code that is not one is still compared as written; its own problem is Parse's to report.
        return Text(row, LedgerField.Code) is { } code ? Code(code).Code : null;
    }

    /// <summary>A code cell as Keystone keeps it (folded to half width, checked), or as written with the reason it is refused.</summary>
    private static (string Code, Text? Refused) Code(string text)
    {
        try
        {
            return (new ProjectCode(FoldWidth(text)).Value, null);
        }
        catch (DomainException e)
        {
            return (text, e.Text);
        }
    }

    private string? Text(RawRow row, LedgerField field)
    {
        var text = LedgerValues.AsText(Cell(row, field));
        return text.Length == 0 ? null : text;
    }

    private T? Vocabulary<T>(RawRow row, LedgerField field, Func<string, T?> parse, List<LedgerProblem> problems, Text reason)
        where T : struct
    {
        if (Text(row, field) is not { } text)
        {
            return null;
        }

        if (parse(text) is { } value)
        {
            return value;
        }

        Problem(problems, row, field, text, reason);
        return null;
    }

    private Money? Amount(RawRow row, LedgerField field, List<LedgerProblem> problems)
    {
        var cell = Cell(row, field);
        if (LedgerValues.AsText(cell).Length == 0)
        {
            return null;
        }

        var factor = Header[field]!.ToWan;
        try
        {
            var (number, cellUnit) = ParseNumber(cell);
            var wan = number * (cellUnit is { } u ? LedgerHeader.MoneyFactor(u) ?? throw new FormatException() : factor);
            if (wan < 0)
            {
                Problem(problems, row, field, LedgerValues.AsText(cell), new("金额不能为负数", "An amount cannot be negative"));
                return null;
            }

            return new Money(wan);
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            Problem(problems, row, field, LedgerValues.AsText(cell),
                new("不是金额：应为数字，可带单位（万元、亿元、元）", "Not an amount: a number, optionally with a unit (万元, 亿元, 元)"));
            return null;
        }
    }

    private decimal? Decimal(RawRow row, LedgerField field, List<LedgerProblem> problems)
    {
        var cell = Cell(row, field);
        if (LedgerValues.AsText(cell).Length == 0)
        {
            return null;
        }

        try
        {
            var (number, _) = ParseNumber(cell);
            if (number < 0)
            {
                Problem(problems, row, field, LedgerValues.AsText(cell), new("不能为负数", "Cannot be negative"));
                return null;
            }

            return number;
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            Problem(problems, row, field, LedgerValues.AsText(cell), new("不是数字", "Not a number"));
            return null;
        }
    }

    /// <summary>A number from a numeric cell or from text with thousands separators, full-width digits and an optional trailing unit.</summary>
    public static (decimal Number, string? Unit) ParseNumber(object? cell)
    {
        switch (cell)
        {
            case double d:
                return ((decimal)d, null);
            case decimal m:
                return (m, null);
            case int i:
                return (i, null);
            case long l:
                return (l, null);
        }

        var text = FoldWidth(LedgerValues.AsText(cell)).Replace(",", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal);
        var match = NumberWithUnit().Match(text);
        if (!match.Success)
        {
            throw new FormatException();
        }

        var number = decimal.Parse(match.Groups["n"].Value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        var unit = match.Groups["u"].Success && match.Groups["u"].Length > 0 ? match.Groups["u"].Value : null;
        return (number, unit);
    }

    private DateOnly? Date(RawRow row, LedgerField field, List<LedgerProblem> problems)
    {
        var cell = Cell(row, field);
        if (LedgerValues.AsText(cell).Length == 0)
        {
            return null;
        }

        if (LedgerDates.Parse(cell, Year, out var date, out var reason))
        {
            return date;
        }

        Problem(problems, row, field, LedgerValues.AsText(cell), reason);
        return null;
    }

    private void CheckLength(RawRow row, LedgerField field, int max, List<LedgerProblem> problems)
    {
        if (Text(row, field) is { } text && text.Length > max)
        {
            Problem(problems, row, field, text[..20] + "…", new($"超过{max}字", $"Longer than {max} characters"));
        }
    }

    private void Problem(List<LedgerProblem> problems, RawRow row, LedgerField field, string? value, Text reason) =>
        problems.Add(new LedgerProblem(Sheet, row.Number, Header.HeaderOf(field), value, reason));

    /// <summary>Full-width digits, letters and punctuation folded to ASCII.</summary>
    public static string FoldWidth(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var ch in text)
        {
            sb.Append(ch switch
            {
                >= '！' and <= '～' => (char)(ch - 0xFEE0),
                '\u3000' => ' ',
                _ => ch,
            });
        }

        return sb.ToString().Trim();
    }

    [GeneratedRegex(@"^(?<n>[+-]?\d+(\.\d+)?)(?<u>亿元|万元|千元|百万元|元|亿|万)?$")]
    private static partial Regex NumberWithUnit();
}
