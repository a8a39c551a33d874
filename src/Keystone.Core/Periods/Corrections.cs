namespace Keystone.Core.Periods;

/// <summary>
/// 更正原因: why data of a closed month is corrected (a report, a plan entry) or a figure restated below an
/// earlier month's. One rule for every path that takes one: trimmed, blank means none, and at most
/// <see cref="MaxReasonLength"/> characters (docs/domain.md "Closed months and corrections").
/// </summary>
public static class Corrections
{
    /// <summary>The most a reason may hold; the columns that keep one are this long.</summary>
    public const int MaxReasonLength = 500;

    /// <summary>The reason trimmed, or null when none is given; refused, naming <c>correctionReason</c>, when too long.</summary>
    public static string? Reason(string? reason)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            return null;
        }

        var trimmed = reason.Trim();
        if (trimmed.Length > MaxReasonLength)
        {
            throw new DomainException(
                new($"更正原因不能超过{MaxReasonLength}字（现为{trimmed.Length}字）", $"The correction reason cannot be longer than {MaxReasonLength} characters (it has {trimmed.Length})"),
                "correctionReason");
        }

        return trimmed;
    }

    /// <summary>A month as the refusals name it: "2024年3月" / "2024-03".</summary>
    public static Text Month(Period month) => new($"{month.Year}年{month.Month}月", month.ToString());
}
