namespace Keystone.Core.Ledger;

/// <summary>
/// Text that a spreadsheet would take for a formula (OWASP's CSV injection): an exported text cell starting
/// with =, +, -, @, a tab or a carriage return gets one leading apostrophe, so Excel and WPS show it as text
/// and never run it. Numbers are numbers and are never touched (-5 stays -5). A text that already starts with
/// an apostrophe before one of those characters gets one more, so that reading our own export back removes
/// exactly the apostrophe that was added and every text round-trips.
/// </summary>
public static class FormulaText
{
    private static bool Leads(char c) => c is '=' or '+' or '-' or '@' or '\t' or '\r';

    private static bool Guarded(string s) => s.Length >= 2 && s[0] == '\'' && (Leads(s[1]) || Guarded(s[1..]));

    /// <summary>The text as it is exported.</summary>
    public static string Neutralise(string s) => s.Length > 0 && (Leads(s[0]) || Guarded(s)) ? "'" + s : s;

    /// <summary>The exported text as it was before: the one apostrophe <see cref="Neutralise"/> added is removed.</summary>
    public static string Restore(string s) => Guarded(s) ? s[1..] : s;
}
