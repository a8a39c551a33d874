using System.Text.Json.Nodes;
using Keystone.Core.Data;
using Keystone.Core.Documents;
using Keystone.Testing;

namespace Keystone.Tests.Cli;

public class MeetingCommandTests
{
    private static BriefingDocxText Read(string path)
    {
        using var file = File.OpenRead(path);
        return BriefingDocx.ReadText(file);
    }

    [Theory]
    [DatabaseData]
    public async Task MeetingPack_WritesTheMarchDispatchMeetingsPack_AsOfItsDay(DbProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, demo: true);
        var dir = Directory.CreateTempSubdirectory("keystone-pack-");
        try
        {
            var path = Path.Combine(dir.FullName, "pack.docx");
            var result = await CliRunner.RunAsync("meeting", "pack", "--db", db.Target.ConnectionString, "--scope", "阳泉高新区", "--kind", "调度会", "--date", "2024-03-29", "--out", path);
            Assert.Equal(0, result.ExitCode);
            Assert.Contains("已写入阳泉高新区2024年3月重点项目建设调度会会议材料（数据截至2024年3月29日）", result.Output.Replace("\n", "", StringComparison.Ordinal));
            var text = Read(path);
            Assert.Equal("阳泉高新区2024年3月重点项目建设调度会会议材料", text.Title);
            var p = text.Paragraphs;
            Assert.Contains("本材料数据截至2024年3月29日。", p);

            // The sections in order: the figures, then against the year's targets (seed 004's 26 new starts), the lit projects, the overdue problems, the previous meeting.
            var headings = p.Where(x => x.Length > 2 && x[1] == '、' && "一二三四五六七八九十".Contains(x[0], StringComparison.Ordinal)).ToList();
            Assert.Equal(["一、会议基本情况", "二、重点项目建设总体情况", "三、年度目标完成情况", "四、专项行动", "五、招商引资", "六、红黄灯项目", "七、逾期问题和督办情况", "八、要素保障缺口", "九、上次调度会交办事项办理情况"], headings);
            Assert.Contains(p, x => x.Contains("推动新开工项目达到26个", StringComparison.Ordinal));

            // Targets: 18 of seed 004's 26 new starts (69.2%), 7.4 of 8.1亿元 (91.4%), as of 29 March.
            Assert.Contains(p, x => x.Contains("目前新开工18个，完成目标的69.2%", StringComparison.Ordinal) && x.Contains("完成投资7.4亿元，完成目标的91.4%", StringComparison.Ordinal));

            // Red and yellow with their reasons: the battery project is red for February's job-fair decision, one working day late and escalated.
            Assert.Contains("红灯项目1个，黄灯项目13个。", p);
            Assert.Contains("1.太行世纪（阳泉）年产10GWh动力储能两用高端固态锂（钠）离子电池生产线项目（红灯）：问题“组织电池项目技术工人专场招聘”限2024年3月28日前办结，已逾期1个工作日，已提级至阳泉市督办。", p);
            Assert.Contains(p, x => x.StartsWith("2.侯家沟（B区）项目（黄灯）：投资完成率13.9%，落后序时进度10.4个百分点", StringComparison.Ordinal));
            Assert.Contains(p, x => x.Contains("“组织电池项目技术工人专场招聘”", StringComparison.Ordinal) && x.Contains("会议交办；阳泉高新区人力资源和社会保障局，限2024年3月28日前办结，已逾期1个工作日，已提级至阳泉市督办", StringComparison.Ordinal));

            // February's four decisions judged on 29 March: two closed, the job fair (due 28 March) one working day late, the plan still with 经济发展局.
            Assert.Contains("2024年2月27日召开的阳泉高新区2024年2月重点项目建设调度会。上次调度会交办事项4项，已办结2项，逾期1项。", p);
            Assert.Contains("1.协调解决智慧物流园配套主干道征地（责任单位：阳泉高新区土地储备中心；办理时限：2024年3月15日）：已办结。", p);
            Assert.Contains("3.组织电池项目技术工人专场招聘（责任单位：阳泉高新区人力资源和社会保障局；办理时限：2024年3月28日）：逾期1个工作日。", p);
            Assert.Contains("4.高新区要倒排新建项目开工计划，确保二季度应开尽开（责任单位：阳泉高新区；办理时限：2024年4月30日）：办理中。", p);

            // By id, to the default file name in the working directory of --out's choosing.
            var list = await CliRunner.RunAsync("meetings", "--db", db.Target.ConnectionString, "--scope", "阳泉高新区", "--json");
            Assert.Equal(0, list.ExitCode);
            var items = JsonNode.Parse(list.Output)!["items"]!.AsArray();
            Assert.Equal(["阳泉高新区2024年3月重点项目建设调度会", "阳泉高新区2024年2月重点项目建设调度会"], items.Select(i => (string)i!["title"]!));
            var february = items[1]!;
            Assert.Equal((4, 2, 0), ((int)february["decisions"]!["total"]!, (int)february["decisions"]!["closed"]!, (int)february["decisions"]!["overdue"]!)); // as of 10 April the job fair is answered (2 April), not yet closed
            var byId = Path.Combine(dir.FullName, "february.docx");
            var again = await CliRunner.RunAsync("meeting", "pack", "--db", db.Target.ConnectionString, "--scope", "阳泉高新区", "--id", february["id"]!.ToString(), "--out", byId);
            Assert.Equal(0, again.ExitCode);
            var feb = Read(byId);
            Assert.Contains("本材料数据截至2024年2月27日。", feb.Paragraphs);
            Assert.DoesNotContain(feb.Paragraphs, x => x.Contains("上次调度会", StringComparison.Ordinal));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Theory]
    [DatabaseData]
    public async Task MeetingPack_RefusesWhatNamesNoMeeting(DbProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, demo: true);
        var none = await CliRunner.RunAsync("meeting", "pack", "--db", db.Target.ConnectionString, "--scope", "阳泉高新区", "--kind", "调度会", "--date", "2024-03-28");
        Assert.Equal(2, none.ExitCode);
        Assert.Contains("阳泉高新区在2024年3月28日没有召开调度会", none.Error);
        var both = await CliRunner.RunAsync("meeting", "pack", "--db", db.Target.ConnectionString, "--scope", "阳泉高新区", "--id", "1", "--kind", "调度会", "--date", "2024-03-29");
        Assert.Equal(2, both.ExitCode);
        Assert.Contains("请用 --id 指定会议，或同时给出 --kind 和 --date", both.Error);
        var kind = await CliRunner.RunAsync("meeting", "pack", "--db", db.Target.ConnectionString, "--scope", "阳泉高新区", "--kind", "茶话会", "--date", "2024-03-29");
        Assert.Equal(2, kind.ExitCode);

        // The city's inspection is not the zone's: a meeting id outside the scope is not found.
        var list = JsonNode.Parse((await CliRunner.RunAsync("meetings", "--db", db.Target.ConnectionString, "--scope", "阳泉高新区", "--json")).Output)!;
        var march = (int)list["items"]![0]!["id"]!;
        var elsewhere = await CliRunner.RunAsync("meeting", "pack", "--db", db.Target.ConnectionString, "--scope", "大同市", "--id", march.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(2, elsewhere.ExitCode);
        Assert.Contains($"大同市没有编号为{march}的会议", elsewhere.Error);
    }

    [Theory]
    [DatabaseData]
    public async Task InspectionMinutes_WritesSeed003sMinutes_WithTheTally(DbProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, demo: true);
        int id;
        await using (var context = db.NewContext())
        {
            id = context.Inspections.Select(i => i.Id).Single();
        }

        var dir = Directory.CreateTempSubdirectory("keystone-minutes-");
        try
        {
            var path = Path.Combine(dir.FullName, "minutes.docx");
            var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2024, 8, 1, 9, 0, 0, TimeSpan.FromHours(8)));
            var result = await CliRunner.RunAsync(clock, "inspection", "minutes", "--db", db.Target.ConnectionString, "--id", id.ToString(System.Globalization.CultureInfo.InvariantCulture), "--out", path);
            Assert.Equal(0, result.ExitCode);
            var text = Read(path);
            Assert.Equal("卢东亮在新荣区云州区调研重点工程项目纪要", text.Title);
            Assert.Equal("截至2024年8月1日，调研交办事项8项，已办结6项，逾期2项。", text.Paragraphs[^1]);
            Assert.Contains(text.Paragraphs, x => x.StartsWith("四、天黎高速", StringComparison.Ordinal));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
