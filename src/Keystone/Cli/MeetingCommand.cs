using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Keystone.Core;
using Keystone.Core.Data;
using Keystone.Core.Desk;
using Keystone.Core.Meetings;
using Keystone.Core.Units;
using Keystone.Features.Inspections;
using Keystone.Features.Meetings;
using Keystone.Web;
using Microsoft.EntityFrameworkCore;
using Spectre.Console;

namespace Keystone.Cli;

/// <summary>
/// `keystone meeting pack`, `keystone meetings` and `keystone inspection minutes`: a meeting's pack (会议材料) as of
/// its day and an inspection's minutes (调研纪要), written by the same builders as the API's downloads, and a
/// scope's meetings with how their decisions stand.
/// </summary>
public static class MeetingCommand
{
    /// <summary>Adds `meeting`, `meetings` and `inspection` to the command line.</summary>
    public static void AddTo(Command root, CliConsole console)
    {
        ArgumentNullException.ThrowIfNull(root);
        root.Subcommands.Add(Meeting(console));
        root.Subcommands.Add(Meetings(console));
        root.Subcommands.Add(Inspection(console));
    }

    /// <summary>`keystone meeting pack --scope NAME (--id N | --kind K --date D) [--out FILE]`.</summary>
    public static Command Meeting(CliConsole console)
    {
        var meeting = new Command("meeting", "会议：会议材料 / a meeting: its pack");
        var scopeOption = ScopeOptions.Scope();
        var idOption = new Option<int?>("--id") { Description = "会议编号（见 keystone meetings）/ the meeting's id (see keystone meetings)" };
        var kindOption = new Option<string?>("--kind") { Description = "会议类型：调度会|看述评|经济运行分析会（与 --date 同用）/ the kind: dispatch|review|economicAnalysis (with --date)" };
        var dateOption = new Option<string?>("--date") { Description = "会议日期 yyyy-MM-dd（与 --kind 同用）/ the meeting's date (with --kind)" };
        var outOption = new Option<FileInfo?>("--out") { Description = "输出文件（默认“会议名称会议材料.docx”，写到当前目录）/ the .docx to write" };
        var pack = new Command("pack", "会议材料 .docx（数据截至会议日期）/ the meeting's pack .docx, its data as of the meeting's day")
        {
            scopeOption, idOption, kindOption, dateOption, outOption,
        };
        pack.SetAction((result, ct) => KeystoneCli.Guard(KeystoneCli.WithLanguage(result, console), async () =>
        {
            var c = KeystoneCli.WithLanguage(result, console);
            var id = result.GetValue(idOption);
            var kindText = result.GetValue(kindOption);
            var dateText = result.GetValue(dateOption);
            var byId = id is not null && kindText is null && dateText is null;
            var byKindAndDate = id is null && kindText is not null && dateText is not null;
            if (!byId && !byKindAndDate)
            {
                throw new DomainException(new("请用 --id 指定会议，或同时给出 --kind 和 --date", "Name the meeting with --id, or with both --kind and --date"), "id");
            }

            MeetingKind? kind = kindText is null ? null : MeetingVocabulary.ParseKind(kindText);
            DateOnly? date = dateText is null ? null : ScopeOptions.ParseDate(dateText, c, "date");
            await using var db = await KeystoneCli.OpenAsync(result, c, ct);
            var tree = await db.LoadTreeAsync(ct);
            var scope = tree.Resolve(result.GetValue(scopeOption)!);
            var found = await FindAsync(db, tree, scope, id, kind, date, ct);
            var (bytes, name) = await MeetingActions.PackAsync(db, tree, found, c.Clock, ct);
            var path = (result.GetValue(outOption) ?? new FileInfo(name)).FullName;
            await File.WriteAllBytesAsync(path, bytes, ct);
            var asOf = found.HeldOn < DeskDate.Today(c.Clock) ? found.HeldOn : DeskDate.Today(c.Clock);
            c.Out.MarkupLine(Markup.Escape(c.English
                ? $"Wrote the pack of {found.Title} (data as of {asOf:yyyy-MM-dd}): {path}"
                : $"已写入{found.Title}会议材料（数据截至{ChineseFormat.Date(asOf)}）：{path}"));
            return 0;
        }));
        meeting.Subcommands.Add(pack);
        return meeting;
    }

    /// <summary>`keystone meetings --scope NAME [--kind K] [--as-of D] [--json]`: the scope's meetings, the latest first.</summary>
    public static Command Meetings(CliConsole console)
    {
        var scopeOption = ScopeOptions.Scope();
        var kindOption = new Option<string?>("--kind") { Description = "会议类型：调度会|看述评|经济运行分析会 / the kind" };
        var asOfOption = ScopeOptions.AsOf();
        var json = new Option<bool>("--json") { Description = "以 JSON 输出 / print JSON" };
        var command = new Command("meetings", "会议列表及议定事项办理情况 / a scope's meetings and how their decisions stand") { scopeOption, kindOption, asOfOption, json };
        command.SetAction((result, ct) => KeystoneCli.Guard(KeystoneCli.WithLanguage(result, console), async () =>
        {
            var c = KeystoneCli.WithLanguage(result, console);
            var asOf = ScopeOptions.ParseDate(result.GetValue(asOfOption), c);
            MeetingKind? kind = result.GetValue(kindOption) is { } k ? MeetingVocabulary.ParseKind(k) : null;
            await using var db = await KeystoneCli.OpenAsync(result, c, ct);
            var tree = await db.LoadTreeAsync(ct);
            var scope = tree.Resolve(result.GetValue(scopeOption)!);
            var units = tree.Subtree(scope.Id);
            var meetings = await db.Meetings.AsNoTracking()
                .Where(m => units.Contains(m.OrgUnitId) && (kind == null || m.Kind == kind) && m.HeldOn <= asOf)
                .OrderByDescending(m => m.HeldOn).ThenByDescending(m => m.Id).ToListAsync(ct);
            var items = new List<MeetingItem>();
            foreach (var m in meetings)
            {
                var tally = FollowUp.Tally(await MeetingData.DecisionsAsync(db, tree, m.Id, asOf, ct));
                items.Add(new MeetingItem(m.Id, m.Title, m.Kind, MeetingVocabulary.Name(m.Kind).For(c.Culture), m.HeldOn, tree[m.OrgUnitId].Name, m.Chair, TallyDto.Of(tally)));
            }

            if (result.GetValue(json))
            {
                c.Raw(JsonSerializer.Serialize(new ListResponse<MeetingItem>(items, items.Count), ApiJson.Options));
                return 0;
            }

            Print(c, scope.Name, asOf, items);
            return 0;
        }));
        return command;
    }

    /// <summary>`keystone inspection minutes --id N [--out FILE]`: the 调研纪要 .docx, its instructions judged today.</summary>
    public static Command Inspection(CliConsole console)
    {
        var inspection = new Command("inspection", "领导调研：调研纪要 / a leader's inspection: its minutes");
        var idOption = new Option<int>("--id") { Description = "调研编号 / the inspection's id", Required = true };
        var outOption = new Option<FileInfo?>("--out") { Description = "输出文件（默认“调研主题纪要（日期）.docx”）/ the .docx to write" };
        var minutes = new Command("minutes", "调研纪要 .docx（交办事项截至今天的办理情况）/ the minutes .docx, its instructions as they stand today") { idOption, outOption };
        minutes.SetAction((result, ct) => KeystoneCli.Guard(KeystoneCli.WithLanguage(result, console), async () =>
        {
            var c = KeystoneCli.WithLanguage(result, console);
            var id = result.GetValue(idOption);
            await using var db = await KeystoneCli.OpenAsync(result, c, ct);
            var tree = await db.LoadTreeAsync(ct);
            var found = await db.Inspections.Include(i => i.Stops).ThenInclude(s => s.Instructions).AsSplitQuery().AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, ct)
                ?? throw InspectionActions.NotFound(id);
            var (bytes, name) = await InspectionActions.MinutesAsync(db, tree, found, c.Clock, ct);
            var path = (result.GetValue(outOption) ?? new FileInfo(name)).FullName;
            await File.WriteAllBytesAsync(path, bytes, ct);
            c.Out.MarkupLine(Markup.Escape((c.English ? "Wrote " : "已写入 ") + path));
            return 0;
        }));
        inspection.Subcommands.Add(minutes);
        return inspection;
    }

    /// <summary>The meeting named by id (held within the scope) or by kind and date (the scope's own first, then one below it).</summary>
    private static async Task<Meeting> FindAsync(AppDbContext db, OrgTree tree, OrgUnitInfo scope, int? id, MeetingKind? kind, DateOnly? date, CancellationToken ct)
    {
        var units = tree.Subtree(scope.Id);
        var query = db.Meetings.Include(m => m.Agenda).Include(m => m.Decisions).AsSplitQuery().AsNoTracking().Where(m => units.Contains(m.OrgUnitId));
        if (id is { } n)
        {
            return await query.FirstOrDefaultAsync(m => m.Id == n, ct)
                ?? throw new NotFoundException(new($"{scope.Name}没有编号为{n}的会议（见 keystone meetings --scope {scope.Name}）", $"{scope.Name} has no meeting {n} (see keystone meetings --scope {scope.Name})"));
        }

        var matches = await query.Where(m => m.Kind == kind && m.HeldOn == date).OrderBy(m => m.Id).ToListAsync(ct);
        var own = matches.Where(m => m.OrgUnitId == scope.Id).ToList();
        var candidates = own.Count > 0 ? own : matches;
        var name = MeetingVocabulary.Name(kind!.Value);
        return candidates.Count switch
        {
            0 => throw new NotFoundException(new(
                $"{scope.Name}在{ChineseFormat.Date(date!.Value)}没有召开{name.Zh}（见 keystone meetings --scope {scope.Name}）",
                $"{scope.Name} held no {name.En.ToLowerInvariant()} on {date:yyyy-MM-dd} (see keystone meetings --scope {scope.Name})")),
            1 => candidates[0],
            _ => throw new DomainException(new(
                $"{ChineseFormat.Date(date!.Value)}有{candidates.Count}个{name.Zh}（编号{string.Join("、", candidates.Select(m => m.Id.ToString(CultureInfo.InvariantCulture)))}）：请用 --id 指定",
                $"{candidates.Count} meetings of that kind on {date:yyyy-MM-dd} (ids {string.Join(", ", candidates.Select(m => m.Id.ToString(CultureInfo.InvariantCulture)))}): name one with --id"), "id"),
        };
    }

    private static void Print(CliConsole c, string scope, DateOnly asOf, IReadOnlyList<MeetingItem> items)
    {
        var en = c.English;
        var title = en ? $"{scope}: {items.Count} meetings as of {asOf:yyyy-MM-dd}" : $"{scope} 会议{items.Count}个（截至{ChineseFormat.Date(asOf)}）";
        if (items.Count == 0)
        {
            c.Out.MarkupLine(Markup.Escape(title));
            return;
        }

        var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape(title));
        table.AddColumn(new TableColumn(en ? "Id" : "编号").RightAligned());
        table.AddColumn(new TableColumn(en ? "Date" : "日期").NoWrap());
        table.AddColumn(new TableColumn(en ? "Kind" : "类型").NoWrap());
        table.AddColumn(en ? "Meeting" : "会议");
        table.AddColumn(en ? "Decisions" : "议定事项");
        foreach (var m in items)
        {
            var t = m.Decisions;
            var decisions = t.Total == 0
                ? (en ? "none" : "无")
                : en ? $"{t.Total}, {t.Closed} closed, {t.Overdue} overdue" : $"{t.Total}项，已办结{t.Closed}项，逾期{t.Overdue}项";
            table.AddRow(
                Markup.Escape(m.Id.ToString(CultureInfo.InvariantCulture)),
                Markup.Escape(m.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
                Markup.Escape(m.KindName),
                Markup.Escape(m.Title),
                t.Overdue > 0 ? $"[red]{Markup.Escape(decisions)}[/]" : Markup.Escape(decisions));
        }

        c.Out.Write(table);
    }
}
