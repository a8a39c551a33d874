using System.Text.RegularExpressions;

namespace Keystone.Core.Enterprises;

/// <summary>
/// What the register (企业库) records of an enterprise beyond its name and credit code: its industry, whether it
/// is above designated size (规上) and since when, whether it leads a chain (链主), its size and last year's
/// figures, where it is and whom to call. <see cref="Checked"/> trims and validates, naming each bad field.
/// </summary>
public sealed partial record EnterpriseProfile
{
    public const int MaxTextLength = 200;

    public string? IndustryCode { get; init; }

    public string? IndustryName { get; init; }

    public bool AboveScale { get; init; }

    public Period? AboveScaleSince { get; init; }

    public bool ChainLeader { get; init; }

    public int? Employees { get; init; }

    public Money? LastYearOutput { get; init; }

    public Money? LastYearRevenue { get; init; }

    public string? Address { get; init; }

    public string? Contact { get; init; }

    public string? Phone { get; init; }

    public static EnterpriseProfile Empty { get; } = new();

    /// <summary>The profile trimmed (blank text is none), or every problem at once.</summary>
    public EnterpriseProfile Checked()
    {
        var errors = new List<DomainException>();
        string? Text(string? value, string field, string zh, string en)
        {
            var t = string.IsNullOrWhiteSpace(value) ? null : value.Trim();
            if (t is { Length: > MaxTextLength })
            {
                errors.Add(new(new($"{zh}不超过{MaxTextLength}字", $"{en} is at most {MaxTextLength} characters"), field));
            }

            return t;
        }

        var code = Text(IndustryCode, "industryCode", "行业代码", "The industry code")?.ToUpperInvariant();
        if (code is not null && !IndustryCodeShape().IsMatch(code))
        {
            errors.Add(new(new($"行业代码“{code}”无效：应为国民经济行业分类代码，如“C3311”或“0610”", $"The industry code \"{code}\" is not valid: use a GB/T 4754 code such as \"C3311\" or \"0610\""), "industryCode"));
        }

        if (AboveScaleSince is not null && !AboveScale)
        {
            errors.Add(new(new("填写了入规时间的企业应为规上企业", "A month of entering the statistics is given, but the enterprise is not marked above-scale"), "aboveScaleSince"));
        }

        if (Employees is < 0)
        {
            errors.Add(new(new("从业人员不能为负数", "Employees cannot be negative"), "employees"));
        }

        if (LastYearOutput is { IsNegative: true })
        {
            errors.Add(new(new("上年产值不能为负数", "Last year's output cannot be negative"), "lastYearOutput"));
        }

        if (LastYearRevenue is { IsNegative: true })
        {
            errors.Add(new(new("上年营业收入不能为负数", "Last year's revenue cannot be negative"), "lastYearRevenue"));
        }

        var profile = this with
        {
            IndustryCode = code,
            IndustryName = Text(IndustryName, "industryName", "行业名称", "The industry name"),
            Address = Text(Address, "address", "地址", "The address"),
            Contact = Text(Contact, "contact", "联系人", "The contact"),
            Phone = Text(Phone, "phone", "联系电话", "The phone"),
        };
        return errors.Count == 0 ? profile : throw new ValidationException(errors);
    }

    /// <summary>The section letter (门类) of the industry code, when it has one: "C" for manufacturing.</summary>
    public char? Section => IndustryCode is { Length: > 0 } c && char.IsAsciiLetter(c[0]) ? c[0] : null;

    [GeneratedRegex(@"^[A-T]?\d{2,4}$")]
    private static partial Regex IndustryCodeShape();
}

/// <summary>
/// An enterprise's liaison officer (包联干部): a user of the system (<see cref="UserId"/>), or a named person
/// and department without an account. <see cref="Name"/> is always set, so a visit can be matched to it.
/// </summary>
public sealed record Liaison(int? UserId, string Name, string? Department)
{
    public const int MaxLength = 100;

    public Liaison Checked()
    {
        var name = (Name ?? "").Trim();
        var department = string.IsNullOrWhiteSpace(Department) ? null : Department.Trim();
        if (name.Length is 0 or > MaxLength)
        {
            throw new DomainException(new("包联干部姓名不能为空，且不超过100字", "The liaison officer's name is required and at most 100 characters"), "liaison");
        }

        if (department is { Length: > MaxLength })
        {
            throw new DomainException(new("包联单位不超过100字", "The liaison department is at most 100 characters"), "liaisonDepartment");
        }

        return this with { Name = name, Department = department };
    }
}
