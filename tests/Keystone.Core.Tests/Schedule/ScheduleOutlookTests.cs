using System.Text;
using Keystone.Core.Ledger;
using Keystone.Core.Lights;
using Keystone.Core.Schedule;

namespace Keystone.Core.Tests.Schedule;

/// <summary>The schedule's summary agrees with its table: late work is never "可按期完成".</summary>
public class ScheduleOutlookTests
{
    private static ComputedSchedule Demo(DateOnly asOf) =>
        ComputedSchedule.Of(SchedulePlanFile.Parse(Encoding.UTF8.GetBytes(DemoData.SchedulePlan), "demo"), asOf, LightRules.Default);

    [Fact]
    public void TheDemoSchedule_EarlyInItsPlan_IsOnTime_WithItsMargin()
    {
        // A done 3/1–3/15; B from 3/16 (60 days) → D (90) ends 8/12; C from 3/28 (45) → E (120) ends 9/8 = M1;
        // the deadline 11/30 leaves 83 days, and on 3/20 nothing is behind.
        var outlook = Demo(new DateOnly(2024, 3, 20)).Outlook;
        Assert.Equal(new ScheduleOutlook(ScheduleStanding.OnTime, 83, 0, 0), outlook);
    }

    [Fact]
    public void TheDemoSchedule_ReadAtTheYearsEnd_IsAtRisk_NotOnTime()
    {
        // The regression: "可按期完成，富余83天" beside "已滞后6项". On 12/31 everything after A is
        // unfinished past its latest dates (B, C, D, E, F and the node M1), and M1's due date 11/30 is past.
        var computed = Demo(new DateOnly(2024, 12, 31));
        Assert.Equal(6, computed.Result.Late.Count());
        var outlook = computed.Outlook;
        Assert.Equal(ScheduleStanding.AtRisk, outlook.Standing);
        Assert.Equal(6, outlook.LateActivities);
        Assert.True(outlook.OverdueNodes >= 1);
    }

    [Fact]
    public void ASchedulePastItsDeadline_IsLate_AndOneWithoutADeadline_HasNone()
    {
        var late = ScheduleOutlook.Of(new ScheduleResult(new(2024, 3, 1), new(2024, 12, 10), new(2024, 11, 30), null, -10, []), []);
        Assert.Equal(new ScheduleOutlook(ScheduleStanding.Late, -10, 0, 0), late);
        var none = ScheduleOutlook.Of(new ScheduleResult(new(2024, 3, 1), new(2024, 12, 10), null, null, 0, []), []);
        Assert.Equal(ScheduleStanding.NoDeadline, none.Standing);
    }
}
