using System.Text.Json;

namespace Keystone.Core.Lights;

/// <summary>
/// An org unit's own traffic-light rules. A unit without a set uses its nearest ancestor's, and the
/// province without one uses docs/domain.md's defaults. Kept as JSON so a new rule needs no migration.
/// </summary>
public sealed class LightRuleSet : Keystone.Core.Data.IVersioned
{
    /// <inheritdoc />
    public int Version { get; private set; } = 1;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public LightRuleSet(int orgUnitId, LightRules rules)
    {
        OrgUnitId = orgUnitId;
        RulesJson = "";
        Change(rules);
    }

    private LightRuleSet()
    {
        RulesJson = "";
    }

    public int Id { get; private set; }

    public int OrgUnitId { get; private set; }

    public string RulesJson { get; private set; }

    public LightRules Rules => JsonSerializer.Deserialize<LightRules>(RulesJson, Json) ?? LightRules.Default;

    public void Change(LightRules rules)
    {
        var errors = new List<DomainException>();
        if (rules.StartOverdueMonths is < 0 or > 36)
        {
            errors.Add(new(new("未开工逾期月数应在0到36之间", "The months before a late start is red must be between 0 and 36"), "startOverdueMonths"));
        }

        if (rules.PaceYellowPoints is < 0 or > 100 || rules.PaceRedPoints is < 0 or > 100)
        {
            errors.Add(new(new("落后序时进度的点数应在0到100之间", "The points behind pace must be between 0 and 100"), "paceYellowPoints"));
        }

        if (rules is { PaceYellowPoints: { } yellow, PaceRedPoints: { } red } && yellow > red)
        {
            errors.Add(new(new("黄灯阈值不能大于红灯阈值", "The yellow threshold cannot exceed the red one"), "paceYellowPoints"));
        }

        if (rules.ProblemRouteDays is < 0 or > 60)
        {
            errors.Add(new(new("交办时限应在0到60个工作日之间", "The days to route a problem must be between 0 and 60 working days"), "problemRouteDays"));
        }

        if (rules.ProblemAnswerDays is < 1 or > 120)
        {
            errors.Add(new(new("办理时限应在1到120个工作日之间", "The days to answer a problem must be between 1 and 120 working days"), "problemAnswerDays"));
        }

        if (rules.ObligationYellowDays is < 0 or > 90 || rules.MilestoneYellowDays is < 0 or > 90)
        {
            errors.Add(new(new("黄灯提前天数应在0到90之间", "The days of warning before a date must be between 0 and 90"), "obligationYellowDays"));
        }

        if (rules.LeadYellowDays is < 1 or > 365 || rules.LeadRedDays is < 1 or > 365 || rules is { LeadYellowDays: { } ly, LeadRedDays: { } lr } && ly > lr)
        {
            errors.Add(new(new("线索未跟进天数应在1到365之间，且黄灯不大于红灯", "The days without a follow-up must be between 1 and 365, yellow not above red"), "leadYellowDays"));
        }

        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }

        RulesJson = JsonSerializer.Serialize(rules, Json);
    }
}
