using System.Globalization;

namespace Keystone.Core;

/// <summary>
/// An amount of money in 万元 (ten thousand yuan), the unit every ledger and briefing uses.
/// Exact to the fen (0.000001 万元): finer amounts are rounded half away from zero. Stored as an integer
/// number of fen so both SQLite and PostgreSQL can sum it in SQL (ADR 0003).
/// </summary>
[System.Text.Json.Serialization.JsonConverter(typeof(MoneyJsonConverter))]
public readonly record struct Money : IComparable<Money>
{
    /// <summary>Fen per 万元.</summary>
    public const long FenPerWan = 1_000_000;

    public static readonly Money Zero = new(0m);

    public Money(decimal wan) => Wan = decimal.Round(wan, 6, MidpointRounding.AwayFromZero);

    public decimal Wan { get; }

    public decimal Yi => Wan / 10_000m;

    public long Fen => checked((long)(Wan * FenPerWan));

    public static Money FromFen(long fen) => new((decimal)fen / FenPerWan);

    public static Money FromYi(decimal yi) => new(yi * 10_000m);

    public static Money FromYuan(decimal yuan) => new(yuan / 10_000m);

    public bool IsNegative => Wan < 0;

    public static Money operator +(Money a, Money b) => new(a.Wan + b.Wan);

    public static Money operator -(Money a, Money b) => new(a.Wan - b.Wan);

    public static bool operator <(Money a, Money b) => a.Wan < b.Wan;

    public static bool operator >(Money a, Money b) => a.Wan > b.Wan;

    public static bool operator <=(Money a, Money b) => a.Wan <= b.Wan;

    public static bool operator >=(Money a, Money b) => a.Wan >= b.Wan;

    public int CompareTo(Money other) => Wan.CompareTo(other.Wan);

    public static Money Sum(IEnumerable<Money> amounts) => new(amounts.Sum(a => a.Wan));

    /// <summary>As the newspapers print it: 332亿元, 86.27亿元, 8000万元.</summary>
    public override string ToString() => ChineseFormat.Money(this);

    /// <summary>The plain number of 万元, for tables and files ("61235", "119.5").</summary>
    public string ToPlainString() => Wan.ToString("0.######", CultureInfo.InvariantCulture);
}
