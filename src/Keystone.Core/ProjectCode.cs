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

        Value = code;
    }

    public string Value { get; }

    /// <summary>Whether the code has the shape of the national 项目代码 (yymm-area-type-seq).</summary>
    public bool IsNational =>
        Value.Length == 24 && Value[4] == '-' && Value[11] == '-' && Value[14] == '-' && Value[17] == '-'
        && Value.Where((c, i) => i is not (4 or 11 or 14 or 17)).All(char.IsAsciiDigit);

    public override string ToString() => Value;
}
