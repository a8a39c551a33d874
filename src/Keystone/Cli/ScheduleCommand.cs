using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Keystone.Core;
using Keystone.Core.Schedule;
using Keystone.Web;
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

        var plan = SchedulePlanFile.Parse(await System.IO.File.ReadAllBytesAsync(file.FullName, ct), file.Name);
        var deadline = result.GetValue(Deadline) is { } d ? SchedulePlanFile.Date(d, "--deadline") : plan.Deadline;
        var asOf = result.GetValue(AsOf) is { } a ? SchedulePlanFile.Date(a, "--as-of") : DeskDate.Today(c.Clock);
        var schedule = Scheduler.Compute(plan.Activities, plan.Start, deadline, asOf, plan.Days);
        if (result.GetValue(Json))
        {
            // Straight to the writer: the console would wrap a long line at its width and break the JSON.
            var writer = c.Out.Profile.Out.Writer;
            await writer.WriteLineAsync(JsonSerializer.Serialize(ScheduleReport.Of(schedule), ApiJson.Options).AsMemory(), ct);
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
        if (s.Deadline is { } deadline && s.DeadlineMargin is { } margin)
        {
            c.Out.MarkupLine(en
                ? $"Forecast finish {Iso(s.Finish)}, deadline {Iso(deadline)}: " + (s.MeetsDeadline ? $"[green]{Days(margin, s.Days)} to spare[/]" : $"[red]{Days(-margin, s.Days)} short[/]")
                : $"预计完工{ChineseFormat.Date(s.Finish)}，期限{ChineseFormat.Date(deadline)}：" + (s.MeetsDeadline ? $"[green]尚余{s.Days.Count(margin).Zh}[/]" : $"[red]还差{s.Days.Count(-margin).Zh}[/]"));
        }
        else
        {
            c.Out.MarkupLine(en ? $"Forecast finish {Iso(s.Finish)}" : $"预计完工{ChineseFormat.Date(s.Finish)}");
        }

        c.Out.MarkupLine((en ? "Critical path: " : "关键工作：") + Markup.Escape(critical));
        foreach (var a in s.Activities)
        {
            if (a.DaysPastDue is { } slip && a.Activity.Due is { } due)
            {
                c.Out.MarkupLine(en
                    ? $"[red]{Markup.Escape(a.Id)} is due {Iso(due)} but forecast for {Iso(a.EarlyFinish)}: {Days(slip, s.Days)} late[/]"
                    : $"[red]{Markup.Escape(a.Id)} 节点目标{ChineseFormat.Date(due)}，预计{ChineseFormat.Date(a.EarlyFinish)}完成，将逾期{s.Days.Count(slip).Zh}[/]");
            }
        }

        var late = s.Late.Select(a => a.Id).ToList();
        if (late.Count > 0 && s.AsOf is { } asOf)
        {
            c.Out.MarkupLine(en
                ? $"[yellow]Late as of {Iso(asOf)}:[/] " + Markup.Escape(string.Join(", ", late))
                : $"[yellow]截至{ChineseFormat.Date(asOf)}已滞后：[/]" + Markup.Escape(string.Join("、", late)));
        }
    }

    private static string Days(int days, ScheduleDays kind = ScheduleDays.Calendar)
    {
        var working = kind == ScheduleDays.Working ? " working" : "";
        return days == 1 ? $"1{working} day" : $"{Invariant(days)}{working} days";
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
