namespace Keystone.Core;

/// <summary>
/// An area, kept in square metres. Land is quoted in 亩: 1 亩 = 10000/15 ㎡ (666.67 ㎡), so
/// 79,892.88 ㎡ is 119.84 亩.
/// </summary>
[System.Text.Json.Serialization.JsonConverter(typeof(AreaJsonConverter))]
public readonly record struct Area
{
    public const decimal SquareMetresPerMu = 10_000m / 15m;

    public Area(decimal squareMetres)
    {
        if (squareMetres < 0)
        {
            throw new DomainException(new("面积不能为负数", "An area cannot be negative"));
        }

        SquareMetres = decimal.Round(squareMetres, 4, MidpointRounding.AwayFromZero);
    }

    public decimal SquareMetres { get; }

    /// <summary>In 亩, rounded to two decimals as ledgers print it.</summary>
    public decimal Mu => decimal.Round(SquareMetres * 15m / 10_000m, 2, MidpointRounding.AwayFromZero);

    public static Area FromMu(decimal mu) => new(mu * 10_000m / 15m);

    public override string ToString() => ChineseFormat.Trim(decimal.Round(SquareMetres, 2)) + "㎡";
}
