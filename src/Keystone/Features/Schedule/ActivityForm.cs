using System.Globalization;
using Keystone.Core.Schedule;
using Keystone.Web;

namespace Keystone.Features.Schedule;

/// <summary>A predecessor row of the activity form, as typed.</summary>
public sealed record LinkInput(string Id, string Type, string Lag);

/// <summary>
/// The schedule page's activity form (add or change one activity) as typed: every field a string, so a typo
/// comes back beside its field with what was typed, never as a 400. The predecessors are rows of three
/// repeated fields (after-id, after-type, after-lag), one row per link; a row with no id is no link.
/// </summary>
public sealed class ActivityForm
{
    /// <summary>Blank predecessor rows offered beyond the activity's links, to add new ones without script.</summary>
    public const int BlankLinks = 2;

    public string Id { get; init; } = "";

    public string Name { get; init; } = "";

    public string Duration { get; init; } = "";

    public string Due { get; init; } = "";

    public string ActualStart { get; init; } = "";

    public string ActualFinish { get; init; } = "";

    public string Responsible { get; init; } = "";

    public IReadOnlyList<LinkInput> Links { get; init; } = [];

    /// <summary>Errors by field (id, name, duration, due, actualStart, actualFinish, after, after-0, after-1 …), in the reader's language.</summary>
    public List<(string Field, string Message)> Errors { get; } = [];

    public static ActivityForm Of(ScheduleActivity a) => new()
    {
        Id = a.Id,
        Name = a.Name,
        Duration = a.Duration.ToString(CultureInfo.InvariantCulture),
        Due = Iso(a.Due),
        ActualStart = Iso(a.ActualStart),
        ActualFinish = Iso(a.ActualFinish),
        Responsible = a.Responsible ?? "",
        Links = a.After.Select(p => new LinkInput(p.Id, p.Type.Code(), p.Lag.ToString(CultureInfo.InvariantCulture))).ToList(),
    };

    public static ActivityForm From(IFormCollection form)
    {
        string Get(string key) => form.TryGetValue(key, out var v) ? v.ToString().Trim() : "";
        var ids = form["after-id"];
        var types = form["after-type"];
        var lags = form["after-lag"];
        var links = new List<LinkInput>();
        for (var i = 0; i < ids.Count; i++)
        {
            links.Add(new LinkInput((ids[i] ?? "").Trim(), i < types.Count ? (types[i] ?? "").Trim() : "", i < lags.Count ? (lags[i] ?? "").Trim() : ""));
        }

        return new ActivityForm
        {
            Id = Get("id"),
            Name = Get("name"),
            Duration = Get("duration"),
            Due = Get("due"),
            ActualStart = Get("actualStart"),
            ActualFinish = Get("actualFinish"),
            Responsible = Get("responsible"),
            Links = links,
        };
    }

    /// <summary>The links and the blank rows the form shows.</summary>
    public IEnumerable<LinkInput> Rows => Links.Where(l => l.Id.Length > 0).Concat(Enumerable.Repeat(new LinkInput("", "FS", "0"), BlankLinks));

    /// <summary>The activity the form describes, or null with <see cref="Errors"/> saying why.</summary>
    public ScheduleActivity? ToActivity()
    {
        if (Id.Length == 0)
        {
            Errors.Add(("id", L.T("请填写工作编号，如 A、B1", "Give the activity an id, e.g. A or B1")));
        }
        else if (Id.Length > 50 || Id.Contains(',', StringComparison.Ordinal) || Id.Contains('，', StringComparison.Ordinal))
        {
            Errors.Add(("id", L.T("工作编号不超过50个字符，且不含逗号", "An id has at most 50 characters and no comma")));
        }

        if (Name.Length > 200)
        {
            Errors.Add(("name", L.T("名称不超过200个字符", "The name has at most 200 characters")));
        }

        int duration = 0;
        if (!int.TryParse(Duration, NumberStyles.Integer, CultureInfo.InvariantCulture, out duration) || duration < 0)
        {
            Errors.Add(("duration", Duration.Length == 0
                ? L.T("请填写工期（天），节点填0", "Give the duration in days (0 for a node)")
                : L.T($"工期“{Duration}”应为不小于0的整数天数（节点填0）", $"The duration \"{Duration}\" must be a whole number of days, 0 or more (0 for a node)")));
        }

        var after = new List<Predecessor>();
        var row = 0;
        foreach (var link in Links)
        {
            var field = string.Create(CultureInfo.InvariantCulture, $"after-{row++}");
            if (link.Id.Length == 0)
            {
                continue;
            }

            if (!LinkTypes.TryParse(link.Type.Length == 0 ? "FS" : link.Type, out var type))
            {
                Errors.Add((field, L.T($"搭接类型“{link.Type}”无效，应为 FS、SS、FF 或 SF", $"The link type \"{link.Type}\" is not FS, SS, FF or SF")));
                continue;
            }

            var lag = 0;
            if (link.Lag.Length > 0 && !int.TryParse(link.Lag.Replace("+", "", StringComparison.Ordinal), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out lag))
            {
                Errors.Add((field, L.T($"搭接时间“{link.Lag}”应为整数天数（可为负，如 -3）", $"The lag \"{link.Lag}\" must be a whole number of days (may be negative, e.g. -3)")));
                continue;
            }

            after.Add(new Predecessor(link.Id, type, lag));
        }

        var due = Date(Due, "due");
        var actualStart = Date(ActualStart, "actualStart");
        var actualFinish = Date(ActualFinish, "actualFinish");
        return Errors.Count > 0 ? null : new ScheduleActivity(Id, Name.Length == 0 ? Id : Name, duration)
        {
            After = after,
            Due = due,
            ActualStart = actualStart,
            ActualFinish = actualFinish,
            Responsible = Responsible.Length == 0 ? null : Responsible,
        };
    }

    /// <summary>
    /// Where a refusal of the whole plan belongs on this form: the scheduler names a field like
    /// activities[3].after; a cycle or an unknown predecessor is about the links just typed.
    /// </summary>
    public static string FieldOf(string? field) => field switch
    {
        null => "after",
        _ when field.EndsWith(".duration", StringComparison.Ordinal) => "duration",
        _ when field.EndsWith(".actualStart", StringComparison.Ordinal) => "actualStart",
        _ when field.EndsWith(".actualFinish", StringComparison.Ordinal) => "actualFinish",
        _ when field.EndsWith(".id", StringComparison.Ordinal) || field == "id" => "id",
        "deadline" => "due",
        _ => "after",
    };

    public string? Error(string field) =>
        Errors.Where(e => e.Field == field).Select(e => e.Message).DefaultIfEmpty().Aggregate((a, b) => a + (L.English ? " " : "") + b);

    private DateOnly? Date(string text, string field)
    {
        if (text.Length == 0)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            if (Keystone.Core.SaneDate.Contains(date))
            {
                return date;
            }

            Errors.Add((field, L.T(Keystone.Core.SaneDate.OutOfRange(date))));
            return null;
        }

        Errors.Add((field, L.T($"日期“{text}”无效，应写作 2024-11-30", $"\"{text}\" is not a date; write 2024-11-30")));
        return null;
    }

    private static string Iso(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
}
