using Keystone.Core.Figures;
using Keystone.Core.Periods;
using Keystone.Core.Units;

namespace Keystone.Core.Briefings;

/// <summary>A drafted briefing with the input it was drafted from (for the .xlsx tables and the JSON).</summary>
public sealed record DraftedBriefing(BriefingInput Input, Briefing Briefing, ClosedPeriod? Closed, OrgTree? Tree = null)
{
    /// <summary>The rows the briefing was drafted from.</summary>
    public IReadOnlyList<PlanRow> Rows { get; init; } = [];
}
