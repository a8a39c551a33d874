namespace Keystone.Core;

/// <summary>
/// A share in percent (52.27… for 23/44). Kept exact; rounded only when printed or serialised, to one
/// decimal half away from zero (四舍五入), as docs/domain.md "Printing numbers" requires.
/// </summary>
[System.Text.Json.Serialization.JsonConverter(typeof(PercentJsonConverter))]
public readonly record struct Percent(decimal Value) : IComparable<Percent>
{
    /// <summary>numerator / denominator in percent, or null when the denominator is 0 (printed "—", never 0%).</summary>
    public static Percent? Of(decimal numerator, decimal denominator) =>
        denominator == 0 ? null : new Percent(numerator * 100m / denominator);

    public static Percent? Of(Money numerator, Money denominator) => Of(numerator.Wan, denominator.Wan);

    /// <summary>Rounded to one decimal, half away from zero: the number the API returns.</summary>
    public decimal Rounded => decimal.Round(Value, 1, MidpointRounding.AwayFromZero);

    public int CompareTo(Percent other) => Value.CompareTo(other.Value);

    /// <summary>"52.3%", "100%", "55%".</summary>
    public override string ToString() => ChineseFormat.Percent(this);
}
