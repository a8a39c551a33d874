using Keystone.Core.Campaigns;
using Keystone.Core.Lights;

namespace Keystone.Core.Tests.Campaigns;

/// <summary>A campaign judged by hand: 1 April to 9 July 2024 (100 days), as of 10 April unless said.</summary>
public class CampaignEngineTests
{
    private static readonly DateOnly AsOf = new(2024, 4, 10);

    private static DateOnly D(int month, int day) => new(2024, month, day);

    private static CampaignTaskFacts Task(int id, string code, CampaignTaskKind kind, DateOnly due, DateOnly? done = null, string? reference = null) => new()
    {
        TaskId = id,
        ProjectId = int.Parse(code[1..], System.Globalization.CultureInfo.InvariantCulture),
        Code = code,
        ProjectName = code + "项目",
        Kind = kind,
        Reference = reference,
        DueBy = due,
        DoneOn = done,
    };

    /// <summary>
    /// P1 started on 5 April (due 30 April: met on time); P2 resumed on 9 April (due 8 April: met a day late); P3's 施工许可
    /// applied for on 20 March, due 5 April, not approved (overdue 5 days); P3's 环评 not on its checklist (due 30 June);
    /// P4's node M1 完成主体结构 due 15 April, not reached (5 days left).
    /// </summary>
    private static CampaignFacts Campaign(CampaignTargets? targets = null) => new()
    {
        Id = 1,
        UnitId = 7,
        UnitName = "阳泉高新区",
        Name = "项目前期手续办理“百日攻坚”",
        StartsOn = D(4, 1),
        EndsOn = D(7, 9),
        Targets = targets ?? new CampaignTargets { Starts = 4 },
        Tasks =
        [
            Task(1, "P1", CampaignTaskKind.Start, D(4, 30), D(4, 5)),
            Task(2, "P2", CampaignTaskKind.Start, D(4, 8), D(4, 9)) with { Continuing = true },
            Task(3, "P3", CampaignTaskKind.Approval, D(4, 5), reference: "施工许可") with { AppliedOn = D(3, 20) },
            Task(4, "P3", CampaignTaskKind.Approval, D(6, 30), reference: "环评") with { Found = false },
            Task(5, "P4", CampaignTaskKind.Node, D(4, 15), reference: "M1") with { NodeName = "完成主体结构" },
        ],
    };

    [Fact]
    public void EachTask_IsLitAndWorded_AsOfTheDay()
    {
        var p = CampaignEngine.Judge(Campaign(), AsOf);
        var items = p.ProjectProgress.SelectMany(x => x.Items).OrderBy(i => i.Task.TaskId).ToList();
        Assert.Equal(
            [
                (Light.Green, "已于4月5日开工"),
                (Light.Green, "已于4月9日复工，晚于期限（4月8日）1天"),
                (Light.Red, "施工许可已于3月20日申报，应于4月5日前办结，已逾期5天"),
                (Light.Yellow, "手续清单中尚无“环评”，应于6月30日前办结，还剩81天"),
                (Light.Yellow, "节点“完成主体结构”应于4月15日前完成，还剩5天"),
            ],
            items.Select(i => (i.Light, i.Reason.Zh)));
        Assert.Equal([true, true, false, false, false], items.Select(i => i.Met));
        Assert.Equal([false, true, false, false, false], items.Select(i => i.Late));
    }

    [Fact]
    public void TheCampaign_CountsMetLateOverdueAndDueSoon_AndTakesTheWorstLight()
    {
        var p = CampaignEngine.Judge(Campaign(), AsOf);
        Assert.Equal((CampaignPhase.Running, 4, 5, 2, 1, 1, 2), (p.Phase, p.Projects, p.Tasks, p.Met, p.MetLate, p.Overdue, p.DueSoon));
        Assert.Equal(("40%", "10%"), (ChineseFormat.Percent(p.Rate), ChineseFormat.Percent(p.Elapsed)));
        Assert.Equal((Light.Red, "逾期未完成1项"), (p.Light, p.Reason.Zh));

        // Projects: the worst first (P3 red, P4 yellow), then by code; each light is its worst task's.
        Assert.Equal([("P3", Light.Red), ("P4", Light.Yellow), ("P1", Light.Green), ("P2", Light.Green)], p.ProjectProgress.Select(x => (x.Code, x.Light)));

        // The start target: 2 of 4 started, 50%, 2 to go.
        var starts = Assert.Single(p.Against);
        Assert.Equal((CampaignEngine.Starts, 4m, 2m, 50m, 2m), (starts.Key, starts.Target, starts.Actual, starts.Rate!.Value.Rounded, starts.Gap));
    }

    [Fact]
    public void ATaskDoneAfterTheDay_IsNotMetYet_AndNothingDoneBeforeTheStart_IsNotStarted()
    {
        // P1 starts on 5 April: as of 3 April it is owed, 27 days left, green.
        var early = CampaignEngine.Judge(Campaign(), D(4, 3));
        var p1 = early.ProjectProgress.Single(x => x.Code == "P1").Items.Single();
        Assert.False(p1.Met);
        Assert.Equal((Light.Green, "应于4月30日前开工，还剩27天"), (p1.Light, p1.Reason.Zh));
        Assert.Equal(CampaignPhase.NotStarted, CampaignEngine.Judge(Campaign(), D(3, 31)).Phase);
        Assert.Equal("0%", ChineseFormat.Percent(CampaignEngine.Judge(Campaign(), D(3, 31)).Elapsed));
    }

    [Fact]
    public void YellowDays_ComeFromTheRules_AndADeadlineTodayIsSaid()
    {
        var node = Campaign().Tasks[4];
        Assert.Equal(Light.Green, CampaignEngine.JudgeTask(node, AsOf, yellowDays: 3).Light);
        Assert.Equal(Light.Green, CampaignEngine.JudgeTask(node, AsOf, yellowDays: null).Light);
        var today = CampaignEngine.JudgeTask(node, D(4, 15));
        Assert.Equal((Light.Yellow, "节点“完成主体结构”应于4月15日前完成，今日到期"), (today.Light, today.Reason.Zh));
        Assert.Equal(Light.Red, CampaignEngine.JudgeTask(node, D(4, 16)).Light);
    }

    [Fact]
    public void ACampaignWithoutProjects_IsGreen_WithNoRate()
    {
        var p = CampaignEngine.Judge(Campaign() with { Tasks = [] }, AsOf);
        Assert.Equal((Light.Green, "尚未列入项目", (Percent?)null), (p.Light, p.Reason.Zh, p.Rate));
        Assert.Equal("项目前期手续办理“百日攻坚”（4月1日至7月9日）开展以来，尚未列入项目。", CampaignWording.Paragraph(p, null));
    }

    [Fact]
    public void TheRunningParagraph_SaysWhatIsDone_AgainstTheTargets_AndNamesTheOverdue()
    {
        var p = CampaignEngine.Judge(Campaign(), AsOf);
        Assert.Equal(
            "项目前期手续办理“百日攻坚”（4月1日至7月9日）开展以来，纳入行动的4个项目共5项任务，已完成2项，完成率40%；"
            + "其中开工2个（目标4个，完成目标的50%），手续办结0项，节点完成0个。"
            + "逾期未完成1项：P3项目（施工许可已于3月20日申报，应于4月5日前办结，已逾期5天）。",
            CampaignWording.Paragraph(p, null));

        // A city's briefing names the zone whose campaign it is.
        Assert.StartsWith("阳泉高新区项目前期手续办理“百日攻坚”（4月1日至7月9日）开展以来，", CampaignWording.Paragraph(p, "阳泉高新区"));
    }

    [Fact]
    public void TheClosingSummary_CountsOnTimeLateAndUnmet_AndNamesTheUnmet()
    {
        var campaign = Campaign(CampaignTargets.None) with { Tasks = Campaign().Tasks.Take(3).ToList() };
        var p = CampaignEngine.Judge(campaign, D(7, 20));
        Assert.Equal(CampaignPhase.Ended, p.Phase);
        Assert.Equal(
            "项目前期手续办理“百日攻坚”（4月1日至7月9日）已结束，纳入行动的3个项目共3项任务，按期完成1项，逾期完成1项，未完成1项，完成率66.7%；"
            + "其中开工2个，手续办结0项。未完成：P3项目（施工许可已于3月20日申报，应于4月5日前办结，已逾期106天）。",
            CampaignWording.Paragraph(p, null));
    }
}
