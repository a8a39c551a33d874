using System.Globalization;

namespace Keystone.Core;

/// <summary>
/// A user-facing sentence in both languages Keystone speaks. zh-CN comes first because the people at a
/// zone's desk read Chinese; en-US is for the Accept-Language header and `--lang en`.
/// </summary>
public readonly record struct Text(string Zh, string En)
{
    public string For(CultureInfo culture) =>
        culture.TwoLetterISOLanguageName == "en" ? En : Zh;

    /// <summary>The text in the current UI culture (set per request from Accept-Language, per command from --lang).</summary>
    public override string ToString() => For(CultureInfo.CurrentUICulture);
}
