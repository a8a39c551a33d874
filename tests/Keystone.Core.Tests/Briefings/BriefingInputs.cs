using Keystone.Core.Briefings;
using Keystone.Core.Figures;
using Keystone.Core.Lights;
using Keystone.Core.Plans;
using Keystone.Core.Projects;
using Keystone.Core.Units;

namespace Keystone.Core.Tests.Briefings;

internal static class BriefingInputs
{
    /// <summary>The input the API would build: every number from the figures engine and the lights.</summary>
    public static BriefingInput For(
        string scope, OrgUnitKind kind, IReadOnlyList<PlanRow> rows, int year, DateOnly asOf, bool lights = false)
    {
        var levels = FiguresEngine.ByLevel(rows, year, asOf).ToDictionary(l => l.Level, l => l.Figures);
        return new BriefingInput
        {
            ScopeName = scope,
            ScopeKind = kind,
            Year = year,
            AsOf = asOf,
            Figures = FiguresEngine.Compute(rows, year, asOf),
            Provincial = levels[ProjectLevels.Provincial],
            Municipal = levels[ProjectLevels.Municipal],
            ConcurrentStarts = FiguresEngine.ConcurrentStarts(rows, year, asOf),
            Lights = lights ? TrafficLights.Evaluate(rows, year, asOf, LightRules.Default) : [],
        };
    }
}
