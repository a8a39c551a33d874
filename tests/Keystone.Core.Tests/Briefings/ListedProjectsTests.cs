using Keystone.Core.Figures;
using Keystone.Core.Plans;
using Keystone.Core.Projects;
using Keystone.Core.Tests.Figures;

namespace Keystone.Core.Tests.Briefings;

/// <summary>The started projects a briefing narrates by key list (形象进度), as the plain computation lists them.</summary>
public class ListedProjectsTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void TheListedProjects_AreTheStartedOnesOfTheKeyLists_InCodeOrder_EachWithItsProgress(int seed)
    {
        var random = new Random(seed);
        var year = 2024;
        var asOf = new DateOnly(year, 1, 1).AddDays(random.Next(366));
        ProjectLevels[] levels = [ProjectLevels.Zone, ProjectLevels.Provincial, ProjectLevels.Municipal, ProjectLevels.Provincial | ProjectLevels.Municipal, ProjectLevels.Municipal | ProjectLevels.Zone];
        var rows = Enumerable.Range(1, 3_000).Select(i => Rows.Plan(i, random.Next(2) == 0 ? Nature.New : Nature.Continuing, levels: levels[random.Next(levels.Length)]) with
        {
            // Codes of different lengths and shared prefixes, in no order; upper and lower case sort apart by ordinal.
            Code = $"{"AbC"[random.Next(3)]}{random.Next(1_000_000)}-{i}",
            StartDate = random.Next(3) == 0 ? null : new DateOnly(year, 1, 1).AddDays(random.Next(366)),
        }).OrderBy(_ => random.Next()).ToList();
        var progress = rows.Where(_ => random.Next(2) == 0).ToDictionary(r => r.ProjectId, r => "进度" + r.ProjectId);

        var listed = Keystone.Core.Briefings.BriefingInputs.ListProjects(rows, year, asOf, progress);

        var expected = rows
            .Where(r => (r.Levels.HasFlag(ProjectLevels.Provincial) || r.Levels.HasFlag(ProjectLevels.Municipal)) && FiguresEngine.HasStarted(r, year, asOf))
            .OrderBy(r => r.Code, StringComparer.Ordinal)
            .Select(r => (r.Code, r.Name, r.Levels, r.Nature, progress.GetValueOrDefault(r.ProjectId)))
            .ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, listed.Select(l => (l.Code, l.Name, l.Levels, l.Nature, l.Progress)).ToList());
    }
}
