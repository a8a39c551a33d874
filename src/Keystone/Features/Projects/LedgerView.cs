using System.Globalization;
using Keystone.Core;
using Keystone.Core.Ledger;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace Keystone.Features.Projects;

/// <summary>The unit a ledger prints its money columns in: one unit per column, as a 台账 does.</summary>
public enum LedgerMoneyUnit
{
    /// <summary>万元, the template's unit.</summary>
    Wan,

    /// <summary>亿元, two decimals.</summary>
    Yi,
}

/// <summary>
/// One column the ledger page can show: <paramref name="Key"/> as it stands in <c>cols=</c>, its heading,
/// whether it holds money (printed in the chosen unit), a number (right-aligned), the sort key when the
/// heading sorts, and the Bootstrap classes that hide it on narrow screens when the default columns are shown.
/// </summary>
public sealed record LedgerColumn(string Key, string Zh, string En, bool Money = false, bool Number = false, string? Sort = null, string? Narrow = null);

/// <summary>
/// How the ledger page is shown, apart from what it lists: the money unit (<c>money=wan|yi</c>), the page
/// size (<c>size=20|50|100|200</c>) and the columns (<c>cols=unit,level,…</c>; <c>cols=none</c> for code and
/// name alone). A choice stated in the URL is remembered in a cookie for the next visit without it; links
/// carry the choices that differ from the defaults, so a link sent to a colleague shows what was seen.
/// </summary>
public sealed record LedgerView(LedgerMoneyUnit Money, int Size, IReadOnlyList<string> Columns)
{
    /// <summary>The cookie that remembers the choices (the output cache varies by it).</summary>
    public const string Cookie = "ks-ledger";

    public const int DefaultSize = LedgerFilters.DefaultPageSize;

    /// <summary>Every column the page offers, in the standard template's order; code and name are always shown.</summary>
    public static readonly IReadOnlyList<LedgerColumn> All =
    [
        new("unit", "所属区域", "Unit", Sort: "unit", Narrow: "d-none d-md-table-cell"),
        new("level", "级别", "Level", Narrow: "d-none d-lg-table-cell"),
        new("category", "类别", "Category", Narrow: "d-none d-xl-table-cell"),
        new("chain", "产业链", "Chain", Narrow: "d-none d-xl-table-cell"),
        new("nature", "性质", "Nature", Narrow: "d-none d-lg-table-cell"),
        new("enterprise", "项目单位", "Company"),
        new("total", "总投资", "Total", Money: true, Sort: "total", Narrow: "d-none d-sm-table-cell"),
        new("plan", "年度计划", "Plan", Money: true, Sort: "plan"),
        new("ytd", "本年完成", "Year to date", Money: true, Narrow: "d-none d-md-table-cell"),
        new("cumulative", "累计完成投资", "Cumulative", Money: true),
        new("rate", "投资完成率", "Completion rate", Number: true),
        new("plannedStart", "计划开工时间", "Planned start"),
        new("actualStart", "开工时间", "Started"),
        new("yearStart", "本年开复工时间", "Started this year"),
        new("completion", "计划竣工时间", "Planned completion"),
        new("status", "状态", "Status", Sort: "status", Narrow: "d-none d-lg-table-cell"),
        new("image", "形象进度", "Progress"),
        new("leader", "责任领导", "Leader"),
        new("responsible", "责任单位", "Responsible unit"),
        new("light", "灯", "Light"),
    ];

    /// <summary>The columns shown until the user chooses: the page as it has always been.</summary>
    public static readonly IReadOnlyList<string> DefaultColumns = ["unit", "level", "category", "chain", "nature", "total", "plan", "ytd", "status", "light"];

    public static readonly LedgerView Default = new(LedgerMoneyUnit.Wan, DefaultSize, DefaultColumns);

    private static readonly string[] Keys = ["money", "size", "cols"];

    /// <summary>Whether the columns are the user's choice (then all are shown at every width, the table scrolling inside its box).</summary>
    public bool CustomColumns => !Columns.SequenceEqual(DefaultColumns);

    public IEnumerable<LedgerColumn> Shown => All.Where(c => Columns.Contains(c.Key));

    public bool Shows(string key) => Columns.Contains(key);

    public string UnitName => Money == LedgerMoneyUnit.Yi ? "亿元" : "万元";

    /// <summary>
    /// The view a request asks for: each choice from the URL when it states one, else from the remembered
    /// cookie, else the default. Whether the URL stated any (then the cookie is to be rewritten). A bad value
    /// in the URL is an error; a bad value in the cookie (a column since renamed) is quietly dropped.
    /// </summary>
    public static (LedgerView View, bool Stated) From(IQueryCollection query, string? cookie, List<DomainException> errors)
    {
        ArgumentNullException.ThrowIfNull(query);
        var remembered = cookie is { Length: > 0 } ? QueryHelpers.ParseQuery(cookie) : [];
        var stated = Keys.Any(query.ContainsKey);
        var money = query.TryGetValue("money", out var m) && m.ToString() is { Length: > 0 } ms ? ParseMoney(ms, errors)
            : remembered.TryGetValue("money", out var rm) ? ParseMoney(rm.ToString(), null) : null;
        var size = query.TryGetValue("size", out var s) && s.ToString() is { Length: > 0 } ss ? ParseSize(ss, errors)
            : remembered.TryGetValue("size", out var rs) ? ParseSize(rs.ToString(), null) : null;
        var columns = query.TryGetValue("cols", out var c) ? ParseColumns(c, errors)
            : remembered.TryGetValue("cols", out var rc) ? ParseColumns(rc, null) : null;
        return (new LedgerView(money ?? Default.Money, size ?? DefaultSize, columns ?? DefaultColumns), stated);
    }

    /// <summary>The choices that differ from the defaults, as query parameters for links.</summary>
    public (string Key, object? Value)[] Parameters() =>
    [
        ("money", Money == Default.Money ? null : Code(Money)),
        ("size", Size == DefaultSize ? null : Size),
        ("cols", CustomColumns ? (Columns.Count == 0 ? "none" : string.Join(',', Columns)) : null),
    ];

    /// <summary>The cookie's value: the non-default choices, or null when all are the defaults (the cookie is then deleted).</summary>
    public string? CookieValue()
    {
        var parts = Parameters().Where(p => p.Value is not null).Select(p => p.Key + "=" + Uri.EscapeDataString(Convert.ToString(p.Value, CultureInfo.InvariantCulture)!)).ToList();
        return parts.Count == 0 ? null : string.Join('&', parts);
    }

    /// <summary>Remembers this view for the user's next visit to the ledger (a year, this site's ledger pages only).</summary>
    public void Remember(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var options = new CookieOptions { Path = "/projects", MaxAge = TimeSpan.FromDays(365), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true, Secure = http.Request.IsHttps };
        if (CookieValue() is { } value)
        {
            http.Response.Cookies.Append(Cookie, value, options);
        }
        else if (http.Request.Cookies.ContainsKey(Cookie))
        {
            http.Response.Cookies.Delete(Cookie, options);
        }
    }

    /// <summary>An amount in the chosen unit, without the unit (the heading names it): 万元 to two decimals, trailing zeros dropped; 亿元 with two decimals.</summary>
    public string Amount(Money amount) => Money == LedgerMoneyUnit.Yi
        ? decimal.Round(amount.Yi, 2, MidpointRounding.AwayFromZero).ToString("0.00", CultureInfo.InvariantCulture)
        : ChineseFormat.Trim(decimal.Round(amount.Wan, 2, MidpointRounding.AwayFromZero));

    public static string Code(LedgerMoneyUnit unit) => unit == LedgerMoneyUnit.Yi ? "yi" : "wan";

    private static LedgerMoneyUnit? ParseMoney(string value, List<DomainException>? errors) => value.Trim().ToLowerInvariant() switch
    {
        "wan" or "万元" => LedgerMoneyUnit.Wan,
        "yi" or "亿元" => LedgerMoneyUnit.Yi,
        _ => Refuse<LedgerMoneyUnit>(errors, "money", $"金额单位“{value}”无效，应为 wan（万元）或 yi（亿元）", $"The money unit \"{value}\" is not valid: use wan (万元) or yi (亿元)"),
    };

    private static int? ParseSize(string value, List<DomainException>? errors) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && LedgerFilters.PageSizes.Contains(n) ? n
        : Refuse<int>(errors, "size", $"每页条数“{value}”无效，应为 {string.Join("、", LedgerFilters.PageSizes)} 之一", $"The page size \"{value}\" is not valid: use one of {string.Join(", ", LedgerFilters.PageSizes)}");

    /// <summary><c>cols=a,b</c> or repeated <c>cols=a&amp;cols=b</c> (a form's checkboxes); empty values are a form's marker, <c>none</c> an empty choice.</summary>
    private static List<string>? ParseColumns(StringValues values, List<DomainException>? errors)
    {
        var keys = values.SelectMany(v => (v ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).Where(k => k != "none").ToList();
        var unknown = keys.Where(k => !All.Any(c => string.Equals(c.Key, k, StringComparison.OrdinalIgnoreCase))).ToList();
        if (unknown.Count > 0 && errors is not null)
        {
            Refuse<int>(errors, "cols", $"列“{string.Join("、", unknown)}”不存在，可选：{string.Join("、", All.Select(c => c.Key))}", $"No column \"{string.Join(", ", unknown)}\"; the columns are {string.Join(", ", All.Select(c => c.Key))}");
            return null;
        }

        // In the standard order whatever order they came in, each once.
        return All.Where(c => keys.Contains(c.Key, StringComparer.OrdinalIgnoreCase)).Select(c => c.Key).ToList();
    }

    private static T? Refuse<T>(List<DomainException>? errors, string field, string zh, string en)
        where T : struct
    {
        errors?.Add(new DomainException(new(zh, en), field));
        return null;
    }
}
