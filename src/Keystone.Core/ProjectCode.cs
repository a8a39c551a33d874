namespace Keystone.Core;

/// <summary>
/// 项目编号: the national investment-project code (项目代码, e.g. 2404-140300-04-01-563821) where the
/// project has one, else the zone's own code. Stable: it identifies the project in files and URLs.
/// </summary>
public readonly record struct ProjectCode
{
    public const int MaxLength = 64;

    public ProjectCode(string value)
    {
        var code = (value ?? "").Trim();
        if (code.Length == 0)
        {
            throw new DomainException(new("项目编号不能为空", "The project code is required"), "code");
        }

        if (code.Length > MaxLength)
        {
            throw new DomainException(
                new($"项目编号不能超过{MaxLength}个字符", $"The project code cannot be longer than {MaxLength} characters"), "code");
        }

        if (code.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '/' or '\\' or '?' or '#' or '%'))
        {
            throw new DomainException(
                new($"项目编号“{code}”含有空格或 / \\ ? # % 等字符", $"The project code \"{code}\" contains whitespace or one of / \\ ? # %"),
                "code");
        }

        if (LooksNational(code))
        {
            CheckNational(code);
        }

        Value = code;
    }

    public string Value { get; }

    /// <summary>Whether the code has the shape of the national 项目代码 (yymm-area-type-seq).</summary>
    public bool IsNational =>
        Value.Length == 24 && Value[4] == '-' && Value[11] == '-' && Value[14] == '-' && Value[17] == '-'
        && Value.Where((c, i) => i is not (4 or 11 or 14 or 17)).All(char.IsAsciiDigit);

    // The first two digits of a region code (行政区划代码) that name a province-level unit: 11–15 north,
    // 21–23 north-east, 31–37 east, 41–46 south-central, 50–54 south-west, 61–65 north-west, 71 台湾,
    // 81 香港, 82 澳门 (docs/domain.md, "项目编号").
    private static readonly HashSet<int> Provinces =
        [11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82];

    /// <summary>
    /// A code made only of digits and hyphens, with at least three hyphens, can only be meant as a national
    /// 项目代码: a zone's own codes carry letters (YQGX-2024-001) or fewer parts, and stay accepted as they are.
    /// </summary>
    private static bool LooksNational(string code) =>
        code.All(c => char.IsAsciiDigit(c) || c == '-') && code.Count(c => c == '-') >= 3;

    private static void CheckNational(string code)
    {
        var parts = code.Split('-');
        int[] lengths = [4, 6, 2, 2, 6];
        if (parts.Length != lengths.Length || parts.Where((p, i) => p.Length != lengths[i]).Any())
        {
            throw new DomainException(
                new($"项目代码“{code}”格式不对：应为“年月4位-区划6位-2位-2位-6位”，如2404-140300-04-01-563821",
                    $"The project code \"{code}\" is malformed: a national code is yyMM-RRRRRR-NN-NN-NNNNNN, e.g. 2404-140300-04-01-563821"),
                "code");
        }

        var month = int.Parse(parts[0].AsSpan(2), System.Globalization.CultureInfo.InvariantCulture);
        if (month is < 1 or > 12)
        {
            throw new DomainException(
                new($"项目代码“{code}”的年月部分“{parts[0]}”中月份{parts[0][2..]}不存在",
                    $"The project code \"{code}\" has no real month in its date part \"{parts[0]}\""),
                "code");
        }

        var province = int.Parse(parts[1].AsSpan(0, 2), System.Globalization.CultureInfo.InvariantCulture);
        if (!Provinces.Contains(province))
        {
            throw new DomainException(
                new($"项目代码“{code}”的区划部分“{parts[1]}”不是有效的行政区划代码：前两位{parts[1][..2]}不是省级代码",
                    $"The project code \"{code}\" has a region part \"{parts[1]}\" whose first two digits {parts[1][..2]} are no province-level code"),
                "code");
        }
    }

    public override string ToString() => Value;
}
