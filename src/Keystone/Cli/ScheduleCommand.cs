using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Keystone.Core;
using Keystone.Core.Schedule;
using Spectre.Console;

namespace Keystone.Cli;

/// <summary>
/// `keystone schedule FILE.json`: the critical path of a plan, and with a deadline its reverse schedule
/// (倒排工期): the latest dates each activity may start and finish, the floats, and what is already late.
/// Dates follow ADR 0007.
/// </summary>
public static class ScheduleCommand
{
    private static readonly Argument<FileInfo> File = new("FILE")
    {
        Description = "进度计划 JSON：{\"start\", \"deadline\", \"activities\": [{\"id\", \"name\", \"duration\", \"after\"}]} / the plan as JSON",
    };

    private static readonly Option<string?> Deadline = new("--deadline") { Description = "完成期限 yyyy-MM-dd，覆盖文件中的 deadline / the deadline, overriding the file's" };
    private static readonly Option<string?> AsOf = new("--as-of") { Description = "判断滞后的日期 yyyy-MM-dd（默认今天）/ judge lateness as of this date (default today)" };
    private static readonly Option<bool> Json = new("--json") { Description = "以 JSON 输出 / print JSON" };

    public static Command Create(CliConsole console)
    {
        var command = new Command("schedule", "计算关键线路与倒排工期 / critical path and reverse scheduling from a deadline")
        {
            File, Deadline, AsOf, Json,
        };
        command.SetAction((result, ct) =>
        {
            // The language is chosen before the guard, so that refusals are in it too.
            var c = KeystoneCli.WithLanguage(result, console);
            return KeystoneCli.Guard(c, () => RunAsync(c, result, ct));
        });
        return command;
    }

    private static async Task<int> RunAsync(CliConsole c, ParseResult result, CancellationToken ct)
    {
        var file = result.GetValue(File)!;
        if (!file.Exists)
        {
            throw new DomainException(new($"找不到文件“{file.FullName}”", $"No file at \"{file.FullName}\""), "file");
        }

        var plan = ScheduleFile.Parse(await System.IO.File.ReadAllBytesAsync(file.FullName, ct), file.Name);
        var deadline = result.GetValue(Deadline) is { } d ? ScheduleFile.Date(d, "--deadline") : plan.Deadline;
        var asOf = result.GetValue(AsOf) is { } a ? ScheduleFile.Date(a, "--as-of") : DateOnly.FromDateTime(c.Clock.GetLocalNow().DateTime);
        var schedule = Scheduler.Compute(plan.Activities, plan.Start, deadline, asOf);
        if (result.GetValue(Json))
        {
            // Straight to the writer: the console would wrap a long line at its width and break the JSON.
            var writer = c.Out.Profile.Out.Writer;
            await writer.WriteLineAsync(JsonSerializer.Serialize(JsonSchedule.Of(schedule), CliJson.Options).AsMemory(), ct);
            await writer.FlushAsync(ct);
        }
        else
        {
            Print(c, schedule);
        }

        return 0;
    }

    private static void Print(CliConsole c, ScheduleResult s)
    {
        var en = c.English;
        var responsible = s.Activities.Any(a => a.Responsible is not null);
        var table = new Table().Border(TableBorder.Simple);
        table.AddColumn(en ? "Id" : "编号");
        table.AddColumn(en ? "Name" : "名称");
        if (responsible)
        {
            table.AddColumn(en ? "Responsible" : "责任单位");
        }

        table.AddColumn(new TableColumn(en ? "Days" : "工期").RightAligned());
        table.AddColumn(en ? "Early start" : "最早开始");
        table.AddColumn(en ? "Early finish" : "最早完成");
        table.AddColumn(en ? "Late start" : "最迟开始");
        table.AddColumn(en ? "Late finish" : "最迟完成");
        table.AddColumn(new TableColumn(en ? "Total float" : "总时差").RightAligned());
        table.AddColumn(new TableColumn(en ? "Free float" : "自由时差").RightAligned());
        table.AddColumn(en ? "Critical" : "关键");
        foreach (var a in s.Activities)
        {
            var style = a.Critical ? "bold red" : a.Late ? "yellow" : "default";
            List<string> cells = [Markup.Escape(a.Id), Markup.Escape(a.Name)];
            if (responsible)
            {
                cells.Add(Markup.Escape(a.Responsible ?? ""));
            }

            cells.Add(a.IsMilestone ? (en ? "milestone" : "节点") : Invariant(a.Duration));
            cells.AddRange([Iso(a.EarlyStart), Iso(a.EarlyFinish), Iso(a.LateStart), Iso(a.LateFinish), Invariant(a.TotalFloat), Invariant(a.FreeFloat)]);
            cells.Add(string.Join(" ", new[] { a.Critical ? "★" : "", a.Late ? (en ? "late" : "滞后") : "" }.Where(x => x.Length > 0)));
            table.AddRow(cells.Select(cell => $"[{style}]{cell}[/]").ToArray());
        }

        // Eleven columns do not fit 80: a terminal's width is respected, but a pipe or a file gets whole
        // rows rather than dates broken over three lines.
        if (!c.Interactive)
        {
            c.Out.Profile.Width = Math.Max(c.Out.Profile.Width, 400);
        }

        c.Out.Write(table);
        var critical = string.Join(en ? ", " : "、", s.Critical.Select(a => a.Id));
        if (s.Deadline is { } deadline)
        {
            c.Out.MarkupLine(en
                ? $"Forecast finish {Iso(s.Finish)}, deadline {Iso(deadline)}: " + (s.MeetsDeadline ? $"[green]{Days(s.CriticalFloat)} to spare[/]" : $"[red]{Days(-s.CriticalFloat)} short[/]")
                : $"预计完工{ChineseFormat.Date(s.Finish)}，期限{ChineseFormat.Date(deadline)}：" + (s.MeetsDeadline ? $"[green]尚余{Invariant(s.CriticalFloat)}天[/]" : $"[red]还差{Invariant(-s.CriticalFloat)}天[/]"));
        }
        else
        {
            c.Out.MarkupLine(en ? $"Forecast finish {Iso(s.Finish)}" : $"预计完工{ChineseFormat.Date(s.Finish)}");
        }

        c.Out.MarkupLine((en ? "Critical path: " : "关键工作：") + Markup.Escape(critical));
        var late = s.Late.Select(a => a.Id).ToList();
        if (late.Count > 0 && s.AsOf is { } asOf)
        {
            c.Out.MarkupLine(en
                ? $"[yellow]Late as of {Iso(asOf)}:[/] " + Markup.Escape(string.Join(", ", late))
                : $"[yellow]截至{ChineseFormat.Date(asOf)}已滞后：[/]" + Markup.Escape(string.Join("、", late)));
        }
    }

    private static string Days(int days) => days == 1 ? "1 day" : $"{Invariant(days)} days";

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The `--json` shape: the names are an interface, do not rename them.</summary>
    private sealed record JsonSchedule(DateOnly Finish, IReadOnlyList<JsonActivity> Activities)
    {
        public static JsonSchedule Of(ScheduleResult s) => new(
            s.Finish,
            s.Activities.Select(a => new JsonActivity(
                a.Id, a.Name, a.EarlyStart, a.EarlyFinish, a.LateStart, a.LateFinish, a.TotalFloat, a.FreeFloat, a.Critical, a.IsMilestone, a.Late)).ToList());
    }

    private sealed record JsonActivity(
        string Id,
        string Name,
        DateOnly EarlyStart,
        DateOnly EarlyFinish,
        DateOnly LateStart,
        DateOnly LateFinish,
        int TotalFloat,
        int FreeFloat,
        bool Critical,
        bool Milestone,
        bool Late);
}

/// <summary>
/// Reads the schedule file. Every refusal names the file, the place (activities[2] "C".duration) and why,
/// in one line: site engineers write these by hand.
/// </summary>
internal static class ScheduleFile
{
    public sealed record Plan(DateOnly Start, DateOnly? Deadline, IReadOnlyList<ScheduleActivity> Activities);

    private static readonly JsonDocumentOptions Options = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    public static Plan Parse(byte[] bytes, string file)
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
            var list = Required(root, "activities", file, null);
            if (list.ValueKind != JsonValueKind.Array)
            {
                throw Bad(file, "activities", "应为数组", "must be an array");
            }

            List<ScheduleActivity> activities = [];
            var i = 0;
            foreach (var item in list.EnumerateArray())
            {
                activities.Add(Activity(item, i++, file));
            }

            return new Plan(start, deadline, activities);
        }
    }

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

    /// <summary>An ISO date (yyyy-MM-dd) given on the command line as <paramref name="option"/>.</summary>
    public static DateOnly Date(string text, string option) =>
        TryIso(text, out var date)
            ? date
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

    private static DateOnly Date(JsonElement value, string file, string where) =>
        value.ValueKind == JsonValueKind.String && TryIso(value.GetString()!, out var date)
            ? date
            : throw Bad(file, where, $"的日期 {value.GetRawText()} 无效，应为 yyyy-MM-dd，如 2024-11-30", $"{value.GetRawText()} is not a date; use yyyy-MM-dd, e.g. 2024-11-30");

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
