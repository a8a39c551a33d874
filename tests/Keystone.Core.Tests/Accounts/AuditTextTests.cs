using System.Text.RegularExpressions;
using Keystone.Core.Accounts;

namespace Keystone.Core.Tests.Accounts;

/// <summary>The history as a person would write it: labels, money, dates, statuses, a schedule's changes.</summary>
public partial class AuditTextTests
{
    private static readonly DateTimeOffset At = new(2024, 3, 5, 6, 5, 0, TimeSpan.Zero); // 14:05 in 阳泉

    private static AuditEntry Entry(string entity, string key, string action, string? before, string? after, string? reason = null, string actor = "demo-zone") =>
        new(At, actor, entity, key, action, before, after, reason);

    private static (List<string> Zh, List<string> En) Lines(string entity, string? before, string? after)
    {
        var lines = AuditText.Lines(entity, before, after);
        return (lines.Select(l => l.Zh).ToList(), lines.Select(l => l.En).ToList());
    }

    [Fact]
    public void AProjectEdit_NamesEachFieldAsTheLedgerDoes_WithMoneyDatesAreasAndStatuses()
    {
        var (zh, en) = Lines(
            "project",
            """{"landArea":null,"levels":"provincial","name":"甲项目","plannedCompletion":"2024-03-05","status":"preparing","totalInvestment":50000,"updatedAt":"2024-01-01T00:00:00+00:00"}""",
            """{"landArea":79892.88,"levels":"provincial, municipal","name":"甲项目（一期）","plannedCompletion":"2025-06-30","status":"underConstruction","totalInvestment":8000,"updatedAt":"2024-03-05T06:05:00+00:00"}""");
        Assert.Equal(
            [
                "占地面积 — → 119.84亩",
                "项目级别 省级重点 → 省级重点、市级重点",
                "项目名称 甲项目 → 甲项目（一期）",
                "计划竣工时间 2024年3月5日 → 2025年6月30日",
                "项目状态 前期 → 在建",
                "总投资 5亿元 → 8000万元",
            ],
            zh);
        Assert.Equal(
            [
                "Land area: — → 119.84 mu",
                "Level: Provincial key → Provincial key, Municipal key",
                "Project name: 甲项目 → 甲项目（一期）",
                "Planned completion: 2024-03-05 → 2025-06-30",
                "Project status: Preparing → Under construction",
                "Total investment: 5亿元 → 8000万元",
            ],
            en);
    }

    [Fact]
    public void AnApproval_ReadsSubmittedToApproved_WithTheReviewTimeOnTheDesksClock()
    {
        // Regression: the status read "submitted → approved", the enum's names.
        var (zh, en) = Lines(
            "report",
            """{"monthInvestment":500,"reviewedAt":null,"reviewedBy":null,"status":"submitted"}""",
            """{"monthInvestment":500,"reviewedAt":"2024-05-06T02:30:00+00:00","reviewedBy":"demo-zone","status":"approved"}""");
        Assert.Equal(["审核时间 — → 2024年5月6日 10:30", "审核人 — → demo-zone", "状态 提交 → 通过"], zh);
        Assert.Equal(["Reviewed at: — → 2024-05-06 10:30", "Reviewed by: — → demo-zone", "Status: Submitted → Approved"], en);
    }

    [Fact]
    public void AReturnAndAResubmission_ReadAsTheWorkflowNamesThem()
    {
        Assert.Equal(["审核意见 — → 请附现场照片", "状态 提交 → 退回"], Lines("report", """{"reviewComment":null,"status":"submitted"}""", """{"reviewComment":"请附现场照片","status":"returned"}""").Zh);
        Assert.Equal(["Invested in the month: 500万元 → 520万元", "Status: Returned → Submitted"], Lines("report", """{"monthInvestment":500,"status":"returned"}""", """{"monthInvestment":520,"status":"submitted"}""").En);
    }

    [Fact]
    public void AnImportedReport_ListsWhatItSays_NotItsIds()
    {
        var (zh, _) = Lines(
            "report",
            null,
            """{"correctionReason":null,"cumulative":202382,"imageProgress":"塔吊林立","monthInvestment":55809,"period":"2024-03","projectId":89,"reportedAt":"2024-04-03T01:00:00+00:00","status":"approved","yearToDate":55809}""");
        Assert.Equal(["累计完成投资 20.24亿元", "形象进度 塔吊林立", "当月完成投资 5.58亿元", "填报月份 2024年3月", "填报时间 2024年4月3日 09:00", "状态 通过", "本年完成投资 5.58亿元"], zh);
    }

    [Fact]
    public void APlanChange_ReadsAsTheFiguresChanged()
    {
        var (zh, en) = Lines(
            "plan",
            """{"correctedAt":null,"correctionReason":null,"nature":"continuing","plannedInvestment":500,"projectId":3,"startDate":null,"startDateApproximate":false,"year":2024}""",
            """{"correctedAt":"2024-03-05T06:05:00+00:00","correctionReason":"调整计划","nature":"new","plannedInvestment":800,"projectId":3,"startDate":"2024-03-01","startDateApproximate":true,"year":2024}""");
        Assert.Equal(
            ["更正时间 — → 2024年3月5日 14:05", "更正原因 — → 调整计划", "建设性质 续建 → 新建", "年度计划投资 500万元 → 800万元", "本年开复工时间 — → 2024年3月1日", "开复工时间仅到月 否 → 是"],
            zh);
        Assert.Equal(
            ["Corrected at: — → 2024-03-05 14:05", "Reason for the correction: — → 调整计划", "Nature: Continuing → New", "Annual planned investment: 500万元 → 800万元", "Start this year: — → 2024-03-01", "Start date to the month only: no → yes"],
            en);
    }

    [Fact]
    public void AnImportedPlan_ShowsItsValues_WithoutTheNullsOrTheProject()
    {
        Assert.Equal(
            ["建设性质 续建", "年度计划投资 20亿元", "本年开复工时间 2024年2月20日", "开复工时间仅到月 否", "计划年度 2024年"],
            Lines("plan", null, """{"correctedAt":null,"correctedBy":null,"correctionReason":null,"nature":"continuing","plannedInvestment":200000,"plannedStart":null,"projectId":89,"startDate":"2024-02-20","startDateApproximate":false,"year":2024}""").Zh);
    }

    private const string Schedule1 = """{"start":"2024-03-01","deadline":"2024-11-30","activities":[{"id":"A","name":"场平及临建","duration":15},{"id":"B","name":"厂房基础","duration":60,"after":["A"]},{"id":"C","name":"临时道路","duration":5,"after":["A"]}]}""";

    private const string Schedule2 = """{"start":"2024-03-01","deadline":"2024-12-31","activities":[{"id":"A","name":"场平及临建","duration":15,"actualFinish":"2024-03-15"},{"id":"B","name":"厂房基础","duration":90,"after":["A"]},{"id":"M1","name":"完成主体结构","duration":0,"after":["B"]}]}""";

    private static string Wrap(string plan) => System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object> { ["planJson"] = plan, ["projectId"] = 1, ["updatedAt"] = "2024-03-05T06:05:00+00:00" });

    [Fact]
    public void AScheduleChange_IsSummarisedAsWhatChangedInIt_NeverItsJson()
    {
        var (zh, en) = Lines("schedule", Wrap(Schedule1), Wrap(Schedule2));
        Assert.Equal(
            ["工期计划期限 2024年11月30日 → 2024年12月31日", "“场平及临建”实际完成 — → 2024年3月15日", "“厂房基础”工期 60天 → 90天", "新增节点“完成主体结构”", "删除工作“临时道路”"],
            zh);
        Assert.Equal(
            ["Schedule deadline: 2024-11-30 → 2024-12-31", "“场平及临建” actual finish: — → 2024-03-15", "“厂房基础” duration: 60 → 90 days", "Added the milestone “完成主体结构”", "Removed the activity “临时道路”"],
            en);
    }

    [Fact]
    public void ANewSchedule_IsItsStartDeadlineAndSize()
    {
        var (zh, en) = Lines("schedule", null, Wrap(Schedule1));
        Assert.Equal(["工期计划：开始2024年3月1日，期限2024年11月30日，共3项"], zh);
        Assert.Equal(["Schedule: starts 2024-03-01, deadline 2024-11-30, 3 activities"], en);
    }

    [Fact]
    public void AWorkItem_ReadsByItsStageAndShare()
    {
        Assert.Equal(
            ["完成比例 80% → 100%", "施工阶段 基础 → 主体", "阶段已完成 否 → 是"],
            Lines("workItem", """{"group":null,"name":"a1","percent":80,"projectId":66,"stage":"foundation","stageDone":false}""", """{"group":null,"name":"a1","percent":100,"projectId":66,"stage":"mainStructure","stageDone":true}""").Zh);
    }

    [Fact]
    public void AFieldNoOneNamed_StillReadsAsWords_AndItsJsonAsTheLeavesThatChanged()
    {
        var (zh, en) = Lines(
            "campaignTask",
            """{"dueOn":"2024-06-30","targetCount":3,"kind":"startEvent","rulesJson":"{\"red\":{\"behind\":30},\"names\":[\"a\"]}"}""",
            """{"dueOn":"2024-07-31","targetCount":5,"kind":"signing","rulesJson":"{\"red\":{\"behind\":40},\"names\":[\"a\",\"b\"]}"}""");
        Assert.Equal(["due on 2024年6月30日 → 2024年7月31日", "target count 3 → 5", "kind start event → signing", "rules json red behind 30 → 40", "rules json names 第2项 — → b"], zh);
        Assert.Equal(["Due on: 2024-06-30 → 2024-07-31", "Target count: 3 → 5", "Kind: start event → signing", "Rules json Red Behind: 30 → 40", "Rules json Names item 2: — → b"], en);
    }

    [Fact]
    public void TheHeadline_SaysWhatAndWhat_WasDone_WithinTheProject()
    {
        Assert.Equal(new Text("年度计划 2024年 · 修改", "Plan 2024 · updated"), AuditText.Headline(Entry("plan", "P-1/2024", "updated", null, null), "P-1"));
        Assert.Equal(new Text("月度进度 2024年3月 · 通过", "Report March 2024 · approved"), AuditText.Headline(Entry("report", "P-1/2024-03", "approved", null, null), "P-1"));
        Assert.Equal(new Text("项目 · 导入", "Project · imported"), AuditText.Headline(Entry("project", "P-1", "imported", null, null), "P-1"));
        Assert.Equal(new Text("campaign task 7 · 新增", "Campaign task 7 · created"), AuditText.Headline(Entry("campaignTask", "7", "created", null, null)));
    }

    [Fact]
    public void WhoAndWhen_AreTheUserAndTheDesksClock()
    {
        Assert.Equal(new Text("2024年3月5日 14:05", "2024-03-05 14:05"), AuditText.When(At));
        Assert.Equal(new Text("系统", "System"), AuditText.Who("system"));
        Assert.Equal(new Text("demo-zone", "demo-zone"), AuditText.Who("demo-zone"));
    }

    [Fact]
    public void TheSentence_CarriesWhenWhoWhatTheChangesAndWhy()
    {
        var entry = Entry("report", "P-1/2024-04", "returned", """{"status":"submitted"}""", """{"status":"returned"}""", reason: "请附现场照片");
        Assert.Equal(
            new Text("2024年3月5日 14:05 demo-zone 月度进度 P-1/2024-04 · 退回：状态 提交 → 退回（原因：请附现场照片）", "2024-03-05 14:05 demo-zone: Report P-1/2024-04 · returned: Status: Submitted → Returned (reason: 请附现场照片)"),
            AuditText.Sentence(entry));
    }

    /// <summary>One sample of every kind of entry the log writes today, as the interceptor and the importers write them.</summary>
    public static TheoryData<string, string?, string?> EveryKind() => new()
    {
        { "project", null, """{"actualStart":"2022-10-01","category":"industrial","code":"2204-140215","contact":null,"content":"2台机组","enterpriseId":89,"floorArea":1200.5,"industryChain":"新能源","jobsTarget":300,"landArea":79892.88,"latitude":37.8,"levels":"provincial","longitude":113.5,"name":"国电“上大压小”项目","orgUnitId":14,"outputValueTarget":10000,"parentId":null,"plannedCompletion":"2026-06-30","problemsNote":"用地","remarks":"无","responsibleLeader":"张三","responsibleUnit":"发改局","status":"underConstruction","taxTarget":500,"totalInvestment":828200}""" },
        { "project", """{"category":"industrial","status":"preparing","levels":"zone"}""", """{"category":"livelihood","status":"suspended","levels":"ordinary, zone"}""" },
        { "project", """{"name":"乙","totalInvestment":100}""", null },
        { "plan", """{"nature":"new","plannedInvestment":1,"year":2024}""", """{"nature":"continuing","plannedInvestment":2,"year":2024,"correctedAt":"2024-01-01T00:00:00+00:00","correctedBy":"demo-zone"}""" },
        { "report", """{"status":"submitted","period":"2024-04","reportedAt":"2024-05-01T01:00:00.1234567+00:00"}""", """{"status":"approved","period":"2024-04","reviewedAt":"2024-05-02T01:00:00+00:00"}""" },
        { "schedule", Wrap(Schedule1), Wrap(Schedule2) },
        { "schedule", null, Wrap(Schedule2) },
        { "schedule", Wrap(Schedule1), null },
        { "schedule", """{"planJson":"{broken"}""", """{"planJson":"[1,2]"}""" },
        { "workItem", null, """{"group":"A地块","name":"1#楼","percent":null,"projectId":1,"stage":"toppedOut","stageDone":true,"updatedAt":"2024-03-05T06:05:00+00:00"}""" },
        { "photo", null, """{"contentType":"image/jpeg","fileName":"现场.jpg","latitude":37.9,"period":"2024-03","projectId":1,"size":123456,"takenAt":"2024-03-05T06:05:00+00:00"}""" },
        { "problem", """{"status":"open","assignedUnitId":null}""", """{"status":"answered","assignedUnitId":7,"answer":"已协调“用地”"}""" },
        { "notice", null, """{"reference":"督〔2024〕1号","replyText":null,"dueOn":"2024-04-01"}""" },
        { "lightRules", """{"orgUnitId":3,"rulesJson":"{\"notStartedMonths\":3,\"paceYellow\":10}"}""", """{"orgUnitId":3,"rulesJson":"{\"notStartedMonths\":4,\"paceYellow\":10}"}""" },
        { "closedPeriod", null, """{"closedAt":"2024-04-10T00:00:00+00:00","closedBy":"demo-city","orgUnitId":3,"period":"2024-03"}""" },
        { "enterprise", null, """{"name":"国电","uscc":"91140000MA0K1234X5","lastYearOutput":12000,"tags":["规上","高新"]}""" },
        { "user", """{"disabled":false,"role":"zoneOfficer"}""", """{"disabled":true,"role":"cityOfficer"}""" },
        { "signIn", null, """{"ip":"127.0.0.1","succeeded":false,"userAgent":"Mozilla/5.0 (X11; Linux x86_64)"}""" },
        { "factors", null, """{"landStage":"supplied","energyReview":"approved","neededMu":12.5}""" },
        { "funds", null, """{"source":"specialBond","amount":5000}""" },
        { "procedure", """{"done":false,"mode":"parallelReview"}""", """{"done":true,"mode":"parallelReview","doneOn":"2024-03-05"}""" },
        { "robot", null, """{"maskedWebhook":"https://qyapi.weixin.qq.com/…key=****","name":"项目群"}""" },
        { "calendar", null, """{"date":"2024-10-01","kind":"holiday","name":"国庆节"}""" },
        { "campaignTask", null, """{"target":{"count":3,"unitKind":"zone"},"names":[["a","b"],{"x":1}]}""" },
        { "unit", "not json", "[1,2]" },
    };

    [GeneratedRegex(@"\b[a-z]+[A-Z][A-Za-z0-9]*\b")]
    private static partial Regex CamelCase();

    [Theory]
    [MemberData(nameof(EveryKind))]
    public void NoLine_OfAnyKind_CarriesBracesQuotesOrCamelCase(string entity, string? before, string? after)
    {
        var lines = AuditText.Lines(entity, before, after);
        var entry = Entry(entity, "P-1/2024-03", "updated", before, after, reason: "因“政策”调整");
        foreach (var text in lines.Append(AuditText.Headline(entry)).Append(AuditText.Sentence(entry)))
        {
            foreach (var line in new[] { text.Zh, text.En })
            {
                Assert.DoesNotContain("{", line, StringComparison.Ordinal);
                Assert.DoesNotContain("\"", line, StringComparison.Ordinal);
                Assert.False(CamelCase().IsMatch(line), $"{entity}: {line}");
            }
        }
    }
}
