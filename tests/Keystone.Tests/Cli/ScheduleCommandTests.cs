using System.Text.Json.Nodes;

namespace Keystone.Tests.Cli;

public class ScheduleCommandTests
{
    /// <summary>
    /// A → B → C (3, 2, 4 days) from 1 March 2024 finishes on the 9th; Side (1 day) floats. Hand-computed
    /// against a deadline of 7 March: the chain is two days short.
    /// </summary>
    private const string Chain = """
        {
          "start": "2024-03-01",
          "deadline": "2024-03-20",
          "activities": [
            {"id": "A", "name": "场地平整", "duration": 3},
            {"id": "B", "name": "桩基施工", "duration": 2, "after": ["A"]},
            {"id": "C", "name": "基础施工", "duration": 4, "after": [{"id": "B", "type": "FS", "lag": 0}]},
            {"id": "Side", "name": "临时设施", "duration": 1}
          ]
        }
        """;

    private static string PlanFile(string json, string name = "plan.json")
    {
        var dir = Path.Combine(Path.GetTempPath(), "keystone-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, name);
        File.WriteAllText(path, json);
        return path;
    }

    private static string Line(string output, string id) =>
        output.Split('\n').Single(l => l.TrimStart().StartsWith(id + " ", StringComparison.Ordinal));

    [Fact]
    public async Task Json_HasTheDocumentedShape_WithTheDeadlineOverridden()
    {
        var result = await CliRunner.RunAsync("schedule", PlanFile(Chain), "--deadline", "2024-03-07", "--as-of", "2024-03-03", "--json");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Error);
        var root = JsonNode.Parse(result.Output)!.AsObject();
        Assert.Equal(["finish", "activities"], root.Select(p => p.Key));
        Assert.Equal("2024-03-09", (string)root["finish"]!);
        var a = root["activities"]!.AsArray().Select(x => x!.AsObject()).ToList();
        Assert.Equal(["A", "B", "C", "Side"], a.Select(x => (string)x["id"]!));
        Assert.Equal(
            ["id", "name", "earlyStart", "earlyFinish", "lateStart", "lateFinish", "totalFloat", "freeFloat", "critical", "milestone", "late"],
            a[0].Select(p => p.Key));

        Assert.Equal("场地平整", (string)a[0]["name"]!);
        Assert.Equal("2024-03-01", (string)a[0]["earlyStart"]!);
        Assert.Equal("2024-03-03", (string)a[0]["earlyFinish"]!);
        Assert.Equal("2024-02-28", (string)a[0]["lateStart"]!);
        Assert.Equal("2024-03-01", (string)a[0]["lateFinish"]!);
        Assert.Equal(-2, (int)a[0]["totalFloat"]!);
        Assert.Equal(0, (int)a[0]["freeFloat"]!);
        Assert.True((bool)a[0]["critical"]!);
        Assert.True((bool)a[0]["late"]!);

        Assert.Equal("2024-03-07", (string)a[2]["lateFinish"]!);
        Assert.False((bool)a[2]["late"]!); // may still start on the 4th
        Assert.Equal(6, (int)a[3]["totalFloat"]!);
        Assert.Equal(8, (int)a[3]["freeFloat"]!);
        Assert.False((bool)a[3]["critical"]!);
    }

    [Fact]
    public async Task Json_UsesTheFilesDeadline_WhenNoneIsGiven()
    {
        var result = await CliRunner.RunAsync("schedule", PlanFile(Chain), "--json");

        var a = JsonNode.Parse(result.Output)!["activities"]!.AsArray();
        Assert.Equal(11, (int)a[0]!["totalFloat"]!); // 9 → 20 March
        Assert.Equal("2024-03-20", (string)a[2]!["lateFinish"]!);
    }

    [Fact]
    public async Task Json_LinkTypes_Lags_Milestones_AndActualDates()
    {
        var plan = PlanFile("""
            {
              "start": "2024-03-01",
              "activities": [
                {"id": "开工", "name": "开工", "duration": 0},
                {"id": "A", "name": "场平", "duration": 3, "after": ["开工"], "actualStart": "2024-03-02", "actualFinish": "2024-03-05"},
                {"id": "B", "name": "桩基", "duration": 5, "after": [{"id": "A", "lag": 1}]},
                {"id": "C", "name": "基础", "duration": 4, "after": [{"id": "B", "type": "ss", "lag": 2}]},
                {"id": "D", "name": "验收", "duration": 2, "after": [{"id": "C", "type": "FF", "lag": -1}]},
                {"id": "E", "name": "移交", "duration": 3, "after": [{"id": "D", "type": "SF", "lag": 4}]},
                {"id": "封顶", "name": "主体封顶", "duration": 0, "after": ["C", "D", "E"], "actualFinish": null}
              ]
            }
            """);

        var result = await CliRunner.RunAsync("schedule", plan, "--json", "--as-of", "2024-03-01");

        Assert.Equal(0, result.ExitCode);
        var rows = JsonNode.Parse(result.Output)!["activities"]!.AsArray()
            .ToDictionary(x => (string)x!["id"]!, x => $"{(string)x!["earlyStart"]!} {(string)x["earlyFinish"]!}");
        Assert.Equal("2024-03-01 2024-03-01", rows["开工"]);
        Assert.Equal("2024-03-02 2024-03-05", rows["A"]); // actual dates, 4 days instead of 3
        Assert.Equal("2024-03-07 2024-03-11", rows["B"]); // FS+1: 6 March idle
        Assert.Equal("2024-03-09 2024-03-12", rows["C"]); // SS+2
        Assert.Equal("2024-03-10 2024-03-11", rows["D"]); // FF−1: finishes a day before C
        Assert.Equal("2024-03-11 2024-03-13", rows["E"]); // SF+4: finishes no earlier than D's start (10th) + 4 − 1
        Assert.Equal("2024-03-13 2024-03-13", rows["封顶"]); // on the day the last work finishes
        var topped = JsonNode.Parse(result.Output)!["activities"]![6]!;
        Assert.True((bool)topped["milestone"]!);
        Assert.Equal("2024-03-13", (string)JsonNode.Parse(result.Output)!["finish"]!);
    }

    [Fact]
    public async Task Table_InChinese_MarksTheCriticalRows_AndSaysWhatIsLate()
    {
        var result = await CliRunner.RunAsync("schedule", PlanFile(Chain), "--deadline", "2024-03-07", "--as-of", "2024-03-03");

        Assert.Equal(0, result.ExitCode);
        foreach (var header in new[] { "编号", "名称", "工期", "最早开始", "最早完成", "最迟开始", "最迟完成", "总时差", "自由时差", "关键" })
        {
            Assert.Contains(header, result.Output);
        }

        var a = Line(result.Output, "A");
        Assert.Contains("场地平整", a);
        Assert.Contains("2024-03-01   2024-03-03   2024-02-28   2024-03-01", a);
        Assert.Contains("★ 滞后", a);
        Assert.Contains("★", Line(result.Output, "C"));
        Assert.DoesNotContain("★", Line(result.Output, "Side"));
        Assert.Contains("预计完工2024年3月9日，期限2024年3月7日：还差2天", result.Output);
        Assert.Contains("关键工作：A、B、C", result.Output);
        Assert.Contains("截至2024年3月3日已滞后：A、B", result.Output);
    }

    [Fact]
    public async Task Table_InEnglish()
    {
        var result = await CliRunner.RunAsync("schedule", PlanFile(Chain), "--lang", "en", "--as-of", "2024-03-01");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Early start", result.Output);
        Assert.Contains("Total float", result.Output);
        Assert.Contains("Forecast finish 2024-03-09, deadline 2024-03-20: 11 days to spare", result.Output);
        Assert.Contains("Critical path: A, B, C", result.Output);
        Assert.DoesNotContain("Late as of", result.Output);
        Assert.DoesNotContain("最早开始", result.Output);
    }

    [Fact]
    public async Task ANodeForecastPastItsDueDate_HasNegativeFloat_IsNamed_AndTheDeadlineMarginIsTheProjects()
    {
        // 主体 (200 days from 1 March) ends 16 September; the node closing it is due 1 September: −15 days,
        // late on 1 June already. The project still has 45 days before its deadline of 30 November.
        const string plan = """
            {"start": "2024-03-01", "deadline": "2024-11-30", "activities": [
              {"id": "A", "name": "主体施工", "duration": 200},
              {"id": "B", "name": "主体封顶", "duration": 0, "after": ["A"], "due": "2024-09-01"},
              {"id": "C", "name": "装饰装修", "duration": 30, "after": ["B"]}]}
            """;
        var result = await CliRunner.RunAsync("schedule", PlanFile(plan), "--as-of", "2024-06-01");

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"主体封顶\s+节点\s+2024-09-16\s+2024-09-16\s+2024-09-01\s+2024-09-01\s+-15\s", result.Output);
        Assert.Contains("B 节点目标2024年9月1日，预计2024年9月16日完成，将逾期15天", result.Output);
        Assert.Contains("期限2024年11月30日：尚余45天", result.Output);
        Assert.Contains("截至2024年6月1日已滞后：A、B", result.Output);

        var english = await CliRunner.RunAsync("schedule", PlanFile(plan), "--lang", "en", "--as-of", "2024-06-01");
        Assert.Contains("B is due 2024-09-01 but forecast for 2024-09-16: 15 days late", english.Output);
        Assert.Contains("deadline 2024-11-30: 45 days to spare", english.Output);
    }

    [Fact]
    public async Task AsOf_DefaultsToToday()
    {
        // The runner's clock says 10 April 2024: by then everything due by 7 March is late.
        var result = await CliRunner.RunAsync("schedule", PlanFile(Chain), "--deadline", "2024-03-07");

        Assert.Contains("截至2024年4月10日已滞后：A、B、C、Side", result.Output);
    }

    [Theory]
    [InlineData("""{"start": "2024-03-01", "activities": [{"id": "A", "duration": 3,} {"id": "B"}]}""", "plan.json 不是有效的 JSON：第1行第68列附近有错")]
    [InlineData("""{"activities": []}""", "plan.json：缺少“start”")]
    [InlineData("""{"start": "2024-03-01"}""", "plan.json：缺少“activities”")]
    [InlineData("""{"start": "2024-03-01", "activities": [{"id": "A", "duration": 3}, {"id": "B", "name": "桩基"}]}""", "plan.json：activities[1] \"B\" 缺少“duration”")]
    [InlineData("""{"start": "2024-03-01", "activities": [{"name": "桩基", "duration": 3}]}""", "plan.json：activities[0] 缺少“id”")]
    [InlineData("""{"start": "2024-03-01", "activities": [{"id": "A", "duration": -3}]}""", "plan.json：activities[0] \"A\".duration 不能为负数（-3）")]
    [InlineData("""{"start": "2024-03-01", "activities": [{"id": "A", "duration": 2.5}]}""", "activities[0] \"A\".duration 工期应为整数天数，而不是 2.5")]
    [InlineData("""{"start": "2024-02-30", "activities": [{"id": "A", "duration": 1}]}""", "plan.json：start 的日期 \"2024-02-30\" 无效")]
    [InlineData("""{"start": "2024-03-01", "activities": [{"id": "A", "duration": 1, "actualStart": "2024/3/2"}]}""", "activities[0] \"A\".actualStart 的日期 \"2024/3/2\" 无效")]
    [InlineData("""{"start": "2024-03-01", "activities": [{"id": "A", "duration": 1, "after": [{"id": "A", "type": "XS"}]}]}""", "activities[0] \"A\".after[0].type 搭接类型“XS”无效")]
    [InlineData("""{"start": "2024-03-01", "activities": [{"id": "A", "duration": 1, "after": ["C"]}, {"id": "B", "duration": 1, "after": ["A"]}, {"id": "C", "duration": 1, "after": ["B"]}]}""", "工作之间存在循环依赖：A → B → C → A")]
    [InlineData("""{"start": "2024-03-01", "activities": [{"id": "A", "duration": 1, "after": ["Z"]}]}""", "工作“A”的前置工作“Z”不存在")]
    [InlineData("""{"start": "2024-03-01", "activities": [{"id": "A", "duration": 1}, {"id": "A", "duration": 2}]}""", "工作编号“A”重复：第1项和第2项")]
    [InlineData("""{"start": "2024-03-01", "activities": []}""", "进度计划中没有任何工作")]
    [InlineData("""[1, 2]""", "plan.json：应为一个 JSON 对象")]
    public async Task BadInput_Exits2_WithOneLineSayingWhatAndWhere(string json, string expected)
    {
        var result = await CliRunner.RunAsync("schedule", PlanFile(json));

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Output);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("错误：", line);
        Assert.Contains(expected, line);
        Assert.DoesNotContain(" at ", line);
    }

    [Fact]
    public async Task MalformedJson_CountsColumnsInCharacters_OnTheRightLine()
    {
        var plan = PlanFile("{\"start\": \"2024-03-01\",\n\"activities\": [{\"id\": \"主体\" \"duration\": 1}]}");

        var result = await CliRunner.RunAsync("schedule", plan);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("第2行第28列", result.Error); // the quote after "主体 ", not byte 32
    }

    [Fact]
    public async Task AFileSavedWithAByteOrderMark_IsRead()
    {
        var path = PlanFile("");
        await File.WriteAllTextAsync(path, Chain, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true));

        var result = await CliRunner.RunAsync("schedule", path, "--json");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("2024-03-09", (string)JsonNode.Parse(result.Output)!["finish"]!);
    }

    [Fact]
    public async Task BadInput_InEnglish()
    {
        var cycle = PlanFile("""{"start": "2024-03-01", "activities": [{"id": "A", "duration": 1, "after": ["B"]}, {"id": "B", "duration": 1, "after": ["A"]}]}""");
        var result = await CliRunner.RunAsync("schedule", cycle, "--lang", "en");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: The activities depend on each other in a cycle: A → B → A", result.Error.Trim());

        var negative = await CliRunner.RunAsync("schedule", PlanFile("""{"start": "2024-03-01", "activities": [{"id": "A", "duration": -1}]}"""), "--lang", "en");
        Assert.Equal("error: plan.json: activities[0] \"A\".duration: cannot be negative (-1)", negative.Error.Trim());
    }

    [Fact]
    public async Task BadOptions_AndAMissingFile_Exit2()
    {
        var deadline = await CliRunner.RunAsync("schedule", PlanFile(Chain), "--deadline", "2024-3-7");
        Assert.Equal(2, deadline.ExitCode);
        Assert.Contains("--deadline 的日期“2024-3-7”无效，应为 yyyy-MM-dd", deadline.Error);

        var asOf = await CliRunner.RunAsync("schedule", PlanFile(Chain), "--as-of", "yesterday", "--lang", "en");
        Assert.Equal(2, asOf.ExitCode);
        Assert.Contains("--as-of: \"yesterday\" is not a date; use yyyy-MM-dd", asOf.Error);

        var missing = await CliRunner.RunAsync("schedule", Path.Combine(Path.GetTempPath(), "keystone-tests", "no-such-plan.json"));
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("找不到文件", missing.Error);
    }

    [Fact]
    public async Task LongNames_DoNotBreakTheJson()
    {
        var name = new string('长', 200);
        var result = await CliRunner.RunAsync("schedule", PlanFile($$"""{"start": "2024-03-01", "activities": [{"id": "A", "name": "{{name}}", "duration": 1}]}"""), "--json");

        Assert.Equal(name, (string)JsonNode.Parse(result.Output)!["activities"]![0]!["name"]!);
    }
}
