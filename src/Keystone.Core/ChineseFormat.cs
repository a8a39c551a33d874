using System.Globalization;

namespace Keystone.Core;

/// <summary>Numbers as zh-CN newspapers and briefings print them (docs/domain.md "Printing numbers").</summary>
public static class ChineseFormat
{
    /// <summary>≥ 1亿元 in 亿元 with at most two decimals (332亿元, 86.27亿元); below in 万元 (8000万元).</summary>
    public static string Money(Money amount)
    {
        var wan = amount.Wan;
        if (Math.Abs(wan) >= 10_000m)
        {
            return Trim(decimal.Round(wan / 10_000m, 2, MidpointRounding.AwayFromZero)) + "亿元";
        }

        return Trim(decimal.Round(wan, 2, MidpointRounding.AwayFromZero)) + "万元";
    }

    /// <summary>One decimal, half away from zero, a trailing ".0" dropped: 52.3%, 100%, 55%.</summary>
    public static string Percent(Percent percent) => Trim(percent.Rounded) + "%";

    /// <summary>A rate that may have no denominator: "—" then, never 0%.</summary>
    public static string Percent(Percent? percent) => percent is { } p ? Percent(p) : "—";

    /// <summary>Percentage points, one decimal ("3.2个百分点").</summary>
    public static string Points(decimal points) =>
        Trim(decimal.Round(points, 1, MidpointRounding.AwayFromZero)) + "个百分点";

    public static string Date(DateOnly date) =>
        date.ToString("yyyy年M月d日", CultureInfo.InvariantCulture);

    /// <summary>A decimal without trailing zeros and without exponent: 332, 86.27, 0.5.</summary>
    public static string Trim(decimal value) =>
        value.ToString("0.############################", CultureInfo.InvariantCulture);
}
