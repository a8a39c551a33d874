using Keystone.Core.Figures;
using Keystone.Core.Lights;

namespace Keystone.Core.Tests.Figures;

public class ProjectLightsMergeTests
{
    private static readonly LightReason Behind = new(LightRuleKind.PaceBehind, Light.Yellow, new Text("落后序时进度12个百分点", "12 points behind"));
    private static readonly LightReason Node = new(LightRuleKind.MilestoneOverdue, Light.Yellow, new Text("节点7天内到期", "A node due within 7 days"));
    private static readonly LightReason Problem = new(LightRuleKind.ProblemOverdue, Light.Red, new Text("问题已逾期", "A problem overdue"));

    [Fact]
    public void With_AddsEveryReason_AndTheLightIsTheWorstOfThem()
    {
        IReadOnlyList<ProjectLight> lights =
        [
            new(1, "A", "甲", 10, Light.Yellow, [Behind]),
            new(2, "B", "乙", 10, Light.Green, []),
            new(3, "C", "丙", 10, Light.Green, []),
        ];
        var nodes = new Dictionary<int, IReadOnlyList<LightReason>> { [1] = [Node], [2] = [Node] };
        var problems = new Dictionary<int, IReadOnlyList<LightReason>> { [1] = [Problem] };

        var merged = ProjectLights.With(lights, nodes, problems);

        Assert.Equal([Light.Red, Light.Yellow, Light.Green], merged.Select(l => l.Light));
        Assert.Equal([Behind, Node, Problem], merged[0].Reasons);
        Assert.Equal([Node], merged[1].Reasons);
        Assert.Same(lights[2], merged[2]);
    }
}
