using System.Text;

namespace Keystone.Core.Promotion;

/// <summary>
/// The same investor signed in two zones (docs/domain.md "Investment promotion"): the same USCC, or, when a
/// lead has none, a near-identical name — equal once spaces, punctuation, brackets and the company form
/// (有限公司, 股份有限公司, 集团…) are dropped. Pure: the loader hands in every signed lead.
/// </summary>
public static class LeadDuplicates
{
    private static readonly string[] Forms = ["股份有限公司", "有限责任公司", "有限公司", "集团公司", "集团", "公司"];

    /// <summary>The USCC when known ("U:…"), else the name's core ("N:…").</summary>
    public static string Key(Uscc? uscc, string investor) =>
        uscc is { } u ? "U:" + u.Value : "N:" + NameCore(investor);

    /// <summary>The name without spaces, punctuation, full- or half-width brackets and a trailing company form.</summary>
    public static string NameCore(string name)
    {
        var b = new StringBuilder();
        foreach (var c in (name ?? "").Normalize(NormalizationForm.FormKC))
        {
            if (char.IsLetterOrDigit(c))
            {
                b.Append(char.ToUpperInvariant(c));
            }
        }

        var core = b.ToString();
        foreach (var form in Forms)
        {
            if (core.Length > form.Length && core.EndsWith(form, StringComparison.Ordinal))
            {
                core = core[..^form.Length];
                break;
            }
        }

        return core;
    }

    /// <summary>
    /// For each signed lead whose investor is signed in another unit too, the ids of those other leads. Leads
    /// with a USCC and leads without one meet by name: a lead without a USCC matches a lead with one when
    /// their names' cores agree.
    /// </summary>
    public static IReadOnlyDictionary<int, IReadOnlyList<int>> Find(IEnumerable<(int Id, int UnitId, Uscc? Uscc, string Investor)> signed)
    {
        var leads = signed.ToList();
        var result = new Dictionary<int, IReadOnlyList<int>>();
        foreach (var a in leads)
        {
            var others = leads
                .Where(b => b.Id != a.Id && b.UnitId != a.UnitId && Same(a.Uscc, a.Investor, b.Uscc, b.Investor))
                .Select(b => b.Id)
                .Order()
                .ToList();
            if (others.Count > 0)
            {
                result[a.Id] = others;
            }
        }

        return result;
    }

    /// <summary>Two investors are one: the same USCC, or (one USCC missing) the same name core.</summary>
    public static bool Same(Uscc? a, string aName, Uscc? b, string bName) =>
        a is { } ua && b is { } ub ? ua == ub : NameCore(aName) is { Length: > 0 } core && core == NameCore(bName);
}
