using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Keystone.Core.Schedule;

/// <summary>
/// How big one project's schedule may be (settings Keystone:Schedule:MaxActivities, …:MaxLinks). A plan is
/// computed on every read of the project's lights, the zone's lights and the battle map, so its size is the
/// price of each of those reads; real node plans have tens to a few hundred activities.
/// </summary>
public sealed record ScheduleLimits
{
    public int MaxActivities { get; init; } = 2_000;

    /// <summary>Predecessor links in all (a plan of the most activities may average five each).</summary>
    public int MaxLinks { get; init; } = 10_000;

    public static readonly ScheduleLimits Default = new();

    public static ScheduleLimits From(Func<string, string?> setting)
    {
        int? Int(string name) => setting("Keystone:Schedule:" + name) is { Length: > 0 } v && int.TryParse(v, out var n) && n > 0 ? n : null;
        return new ScheduleLimits
        {
            MaxActivities = Int("MaxActivities") ?? Default.MaxActivities,
            MaxLinks = Int("MaxLinks") ?? Default.MaxLinks,
        };
    }

    public DomainException TooManyActivities(int count) => new(
        new($"进度计划有{count}项以上工作，超过每个项目{MaxActivities}项的上限，未作任何更改", $"The schedule has {count} or more activities, more than the {MaxActivities} allowed per project; nothing was changed"),
        "activities");

    public DomainException TooManyLinks(int count) => new(
        new($"进度计划有{count}条以上前置关系，超过每个项目{MaxLinks}条的上限，未作任何更改", $"The schedule has {count} or more predecessor links, more than the {MaxLinks} allowed per project; nothing was changed"),
        "after");

    /// <summary>Refuses a plan over either limit.</summary>
    public void Check(SchedulePlanFile.Plan plan)
    {
        if (plan.Activities.Count > MaxActivities)
        {
            throw TooManyActivities(plan.Activities.Count);
        }

        var links = plan.Activities.Sum(a => a.After.Count);
        if (links > MaxLinks)
        {
            throw TooManyLinks(links);
        }
    }
}

/// <summary>
/// Reads the schedule file. Every refusal names the file, the place (activities[2] "C".duration) and why,
/// in one line: site engineers write these by hand.
/// </summary>
public static class SchedulePlanFile
{
    public sealed record Plan(DateOnly Start, DateOnly? Deadline, IReadOnlyList<ScheduleActivity> Activities)
    {
        /// <summary>How its durations, lags and floats are counted: "days": "calendar" (the default, when absent) or "working".</summary>
        public ScheduleDays Days { get; init; }
    }

    private static readonly JsonDocumentOptions Options = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    /// <summary>A plan as Keystone stored it (a project's schedule, or a closed month's copy).</summary>
    public static Plan Stored(string json) => Parse(Encoding.UTF8.GetBytes(json), "schedule");

    /// <summary>The plan in <paramref name="bytes"/>; with <paramref name="limits"/>, refused as soon as it passes them, before the rest is read.</summary>
    public static Plan Parse(byte[] bytes, string file, ScheduleLimits? limits = null)
    {
        // Notepad saves UTF-8 with a byte order mark, which the JSON reader refuses.
        var utf8 = bytes.AsMemory(bytes.AsSpan().StartsWith("\uFEFF"u8) ? 3 : 0);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8, Options);
        }
        catch (JsonException e)
        {
            var line = (e.LineNumber ?? 0) + 1;
            var column = Column(utf8.Span, (int)(e.LineNumber ?? 0), (int)(e.BytePositionInLine ?? 0)) + 1;
            throw new DomainException(
                new($"{file} 不是有效的 JSON：第{line}行第{column}列附近有错", $"{file} is not valid JSON: error near line {line}, column {column}"),
                "file");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Bad(file, null, "应为一个 JSON 对象 {\"start\": …, \"activities\": […]}", "must be a JSON object {\"start\": …, \"activities\": […]}");
            }

            var start = Date(Required(root, "start", file, null), file, "start");
            var deadline = Optional(root, "deadline") is { } d ? Date(d, file, "deadline") : (DateOnly?)null;
            var days = ScheduleDays.Calendar;
            if (Optional(root, "days") is { } kind && (kind.ValueKind != JsonValueKind.String || !ScheduleDayKinds.TryParse(kind.GetString(), out days)))
            {
                throw Bad(file, "days", $"计日方式 {kind.GetRawText()} 无效，应为 \"calendar\"（日历天）或 \"working\"（工作日）", $"{kind.GetRawText()} is not a way of counting days; use \"calendar\" or \"working\"");
            }

            var list = Required(root, "activities", file, null);
            if (list.ValueKind != JsonValueKind.Array)
            {
                throw Bad(file, "activities", "应为数组", "must be an array");
            }

            List<ScheduleActivity> activities = [];
            var i = 0;
            var links = 0;
            foreach (var item in list.EnumerateArray())
            {
                if (limits is not null && i >= limits.MaxActivities)
                {
                    throw limits.TooManyActivities(i + 1);
                }

                var activity = Activity(item, i++, file);
                links += activity.After.Count;
                if (limits is not null && links > limits.MaxLinks)
                {
                    throw limits.TooManyLinks(links);
                }

                activities.Add(activity);
            }

            return new Plan(start, deadline, activities) { Days = days };
        }
    }

    /// <summary>The plan as the file format (what is stored for a project, and what GET returns): Parse(Write(p)) == p.</summary>
    public static string Write(Plan plan)
    {
        static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var activities = plan.Activities.Select(a =>
        {
            var item = new Dictionary<string, object?> { ["id"] = a.Id, ["name"] = a.Name, ["duration"] = a.Duration };
            if (a.After.Count > 0)
            {
                item["after"] = a.After.Select(p => p is { Type: LinkType.FinishToStart, Lag: 0 } ? (object)p.Id : new Dictionary<string, object> { ["id"] = p.Id, ["type"] = p.Type.Code(), ["lag"] = p.Lag }).ToList();
            }

            if (a.Responsible is not null)
            {
                item["responsible"] = a.Responsible;
            }

            if (a.Due is { } due)
            {
                item["due"] = Iso(due);
            }

            if (a.ActualStart is { } s)
            {
                item["actualStart"] = Iso(s);
            }

            if (a.ActualFinish is { } f)
            {
                item["actualFinish"] = Iso(f);
            }

            return item;
        }).ToList();
        var root = new Dictionary<string, object?> { ["start"] = Iso(plan.Start) };
        if (plan.Deadline is { } deadline)
        {
            root["deadline"] = Iso(deadline);
        }

        if (plan.Days != ScheduleDays.Calendar)
        {
            root["days"] = plan.Days.Code();
        }

        root["activities"] = activities;
        return JsonSerializer.Serialize(root, WriteOptions);
    }

    private static readonly JsonSerializerOptions WriteOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All) };

    /// <summary>The reader counts bytes; a user counts characters (a Chinese name is 3 bytes a character).</summary>
    private static int Column(ReadOnlySpan<byte> utf8, int line, int bytes)
    {
        var start = 0;
        for (var l = 0; l < line && start < utf8.Length; l++)
        {
            var next = utf8[start..].IndexOf((byte)'\n');
            start = next < 0 ? utf8.Length : start + next + 1;
        }

        return Encoding.UTF8.GetCharCount(utf8.Slice(start, Math.Min(bytes, utf8.Length - start)));
    }

    /// <summary>An ISO date (yyyy-MM-dd) within <see cref="SaneDate"/>'s range, given as <paramref name="option"/> (a form field, a command-line option).</summary>
    public static DateOnly Date(string text, string option) =>
        TryIso(text, out var date)
            ? SaneDate.Check(date, option.TrimStart('-'))
            : throw new DomainException(
                new($"{option} 的日期“{text}”无效，应为 yyyy-MM-dd，如 2024-11-30", $"{option}: \"{text}\" is not a date; use yyyy-MM-dd, e.g. 2024-11-30"),
                option.TrimStart('-'));

    private static bool TryIso(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    private static ScheduleActivity Activity(JsonElement item, int index, string file)
    {
        var where = Invariant($"activities[{index}]");
        if (item.ValueKind != JsonValueKind.Object)
        {
            throw Bad(file, where, "应为一个对象 {\"id\", \"duration\", …}", "must be an object {\"id\", \"duration\", …}");
        }

        var id = Id(Required(item, "id", file, where), file, where + ".id");
        where += $" \"{id}\"";
        var name = Optional(item, "name") is { } n
            ? n.ValueKind == JsonValueKind.String ? n.GetString()! : throw Bad(file, where + ".name", "应为字符串", "must be a string")
            : id;
        var responsible = Optional(item, "responsible") is { } r
            ? r.ValueKind == JsonValueKind.String ? r.GetString() : throw Bad(file, where + ".responsible", "应为字符串", "must be a string")
            : null;
        var duration = Integer(Required(item, "duration", file, where), file, where + ".duration", "工期应为整数天数", "must be a whole number of days");
        if (duration < 0)
        {
            throw Bad(file, where + ".duration", Invariant($"不能为负数（{duration}）"), Invariant($"cannot be negative ({duration})"));
        }

        List<Predecessor> after = [];
        if (Optional(item, "after") is { } links)
        {
            if (links.ValueKind != JsonValueKind.Array)
            {
                throw Bad(file, where + ".after", "应为数组", "must be an array");
            }

            var k = 0;
            foreach (var link in links.EnumerateArray())
            {
                after.Add(Link(link, file, Invariant($"{where}.after[{k++}]")));
            }
        }

        return new ScheduleActivity(id, name, duration)
        {
            After = after,
            Responsible = responsible,
            ActualStart = Optional(item, "actualStart") is { } s ? Date(s, file, where + ".actualStart") : null,
            ActualFinish = Optional(item, "actualFinish") is { } f ? Date(f, file, where + ".actualFinish") : null,
            Due = Optional(item, "due") is { } due ? Date(due, file, where + ".due") : null,
        };
    }

    /// <summary>"B" (FS, lag 0) or {"id": "B", "type": "SS", "lag": -2}.</summary>
    private static Predecessor Link(JsonElement link, string file, string where)
    {
        if (link.ValueKind is JsonValueKind.String or JsonValueKind.Number)
        {
            return new Predecessor(Id(link, file, where));
        }

        if (link.ValueKind != JsonValueKind.Object)
        {
            throw Bad(file, where, "应为前置工作编号或 {\"id\", \"type\", \"lag\"}", "must be an id or {\"id\", \"type\", \"lag\"}");
        }

        var id = Id(Required(link, "id", file, where), file, where + ".id");
        var type = LinkType.FinishToStart;
        if (Optional(link, "type") is { } t
            && (t.ValueKind != JsonValueKind.String || !LinkTypes.TryParse(t.GetString(), out type)))
        {
            throw Bad(file, where + ".type", $"搭接类型“{t}”无效，应为 FS、SS、FF 或 SF", $"link type \"{t}\" is not FS, SS, FF or SF");
        }

        var lag = Optional(link, "lag") is { } l ? Integer(l, file, where + ".lag", "搭接时间应为整数天数（可为负）", "must be a whole number of days (may be negative)") : 0;
        return new Predecessor(id, type, lag);
    }

    private static string Id(JsonElement value, string file, string where) => value.ValueKind switch
    {
        JsonValueKind.String when !string.IsNullOrWhiteSpace(value.GetString()) => value.GetString()!.Trim(),
        JsonValueKind.Number when value.TryGetInt64(out var number) => Invariant($"{number}"),
        _ => throw Bad(file, where, "编号应为非空字符串", "must be a non-empty string id"),
    };

    private static int Integer(JsonElement value, string file, string where, string zh, string en) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number)
            ? number
            : throw Bad(file, where, $"{zh}，而不是 {value.GetRawText()}", $"{en}, not {value.GetRawText()}");

    private static DateOnly Date(JsonElement value, string file, string where)
    {
        if (value.ValueKind != JsonValueKind.String || !TryIso(value.GetString()!, out var date))
        {
            throw Bad(file, where, $"的日期 {value.GetRawText()} 无效，应为 yyyy-MM-dd，如 2024-11-30", $"{value.GetRawText()} is not a date; use yyyy-MM-dd, e.g. 2024-11-30");
        }

        if (!SaneDate.Contains(date))
        {
            var range = SaneDate.OutOfRange(date);
            throw Bad(file, where, "：" + range.Zh, range.En);
        }

        return date;
    }

    private static JsonElement Required(JsonElement obj, string property, string file, string? where) =>
        Optional(obj, property) ?? throw new DomainException(
            new($"{file}：{(where is null ? "" : where + " ")}缺少“{property}”", $"{file}: {(where is null ? "" : where + ": ")}\"{property}\" is missing"),
            property);

    /// <summary>The property, or null when absent or JSON null (a blank optional date is no date).</summary>
    private static JsonElement? Optional(JsonElement obj, string property) =>
        obj.TryGetProperty(property, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    private static DomainException Bad(string file, string? where, string zh, string en) =>
        new(new($"{file}：{(where is null ? "" : where + " ")}{zh}", $"{file}: {(where is null ? "" : where + ": ")}{en}"), where);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
