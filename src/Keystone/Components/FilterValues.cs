using Keystone.Core;
using Keystone.Core.Figures;
using Keystone.Core.Lights;

namespace Keystone.Components;

/// <summary>
/// Query-string values the desk filters share (the ledger's, the battle map's). Each parser adds what it
/// cannot read to the caller's errors, so a request with several bad values hears of all of them at once.
/// </summary>
public static class FilterValues
{
    /// <summary>
    /// <c>light=red|yellow|green</c>: that light; <c>lit</c> (red or yellow, which the caller reads itself) and
    /// none: null.
    /// </summary>
    public static Light? Light(string? value, List<DomainException> errors) => value?.ToLowerInvariant() switch
    {
        null or "lit" => null,
        "red" => Core.Lights.Light.Red,
        "yellow" => Core.Lights.Light.Yellow,
        "green" => Core.Lights.Light.Green,
        _ => Invalid<Light>(errors, "light", "灯", "light", value),
    };

    /// <summary>Records that <paramref name="value"/> is not a valid <paramref name="en"/> and answers null.</summary>
    public static T? Invalid<T>(List<DomainException> errors, string field, string zh, string en, string value)
        where T : struct
    {
        errors.Add(new(new($"{zh}“{value}”无效", $"The {en} \"{value}\" is not valid"), field));
        return null;
    }
}
