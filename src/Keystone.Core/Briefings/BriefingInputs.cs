using Keystone.Core.Figures;
using Keystone.Core.Lights;
using Keystone.Core.Projects;
using Keystone.Core.Units;

namespace Keystone.Core.Briefings;

/// <summary>
/// The briefing's input from a scope's rows and lights already read (by <see cref="Desk.ScopeDesk"/>): the
/// figures of the scope, its key lists and its children, computed by the same engine the figures API uses.
/// </summary>
public static class BriefingInputs
{
    /// <summary>
    /// The briefing input from rows already read (a frozen period's snapshot, or live rows) and their lights;
    /// <paramref name="figures"/> are the rows' figures when the caller computed them already.
    /// </summary>
    public static BriefingInput Of(
        OrgTree tree, OrgUnitInfo scope, int year, DateOnly asOf, IReadOnlyList<PlanRow> rows, IReadOnlyList<ProjectLight> lights, ScopeFigures? figures = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ScopeFigures? provincial = null, municipal = null;
        IReadOnlyList<BriefingUnit>? children = null;
        Action[] counts =
        [
            () => figures ??= FiguresEngine.Compute(rows, year, asOf),
            () => provincial = FiguresEngine.Compute(rows.Where(r => r.Levels.HasFlag(ProjectLevels.Provincial)), year, asOf),
            () => municipal = FiguresEngine.Compute(rows.Where(r => r.Levels.HasFlag(ProjectLevels.Municipal)), year, asOf),
            () => children = Children(tree, scope, rows, year, asOf),
        ];

        // A province's rows are counted the four ways at once (each is pure); a zone's one after another.
        if (rows.Count >= Cores.ParallelRows)
        {
            Parallel.Invoke(counts);
        }
        else
        {
            foreach (var count in counts)
            {
                count();
            }
        }

        return new BriefingInput
        {
            ScopeName = scope.Name,
            ShortName = ShortName(tree, scope),
            ScopeKind = scope.Kind,
            Year = year,
            AsOf = asOf,
            Figures = figures!,
            Provincial = provincial!,
            Municipal = municipal!,
            Children = children!,
            Lights = lights,
        };
    }

    /// <summary>The started projects on the provincial and municipal lists with their latest image progress, by code.</summary>
    public static IReadOnlyList<ListProject> ListProjects(IReadOnlyList<PlanRow> rows, int year, DateOnly asOf, IReadOnlyDictionary<int, string> progress)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(progress);
        var listed = rows.Where(r => IsListed(r, year, asOf)).ToArray();

        // By code, the key sort (a province lists tens of thousands; codes are unique, so no tie to keep in order).
        Array.Sort(Array.ConvertAll(listed, r => r.Code), listed, StringComparer.Ordinal);
        return Array.ConvertAll(listed, r => new ListProject(r.Levels, r.Nature, r.Code, r.Name, progress.GetValueOrDefault(r.ProjectId)));
    }

    /// <summary>Whether the row is a started project on the provincial or municipal list, whose 形象进度 the briefing tells.</summary>
    public static bool IsListed(PlanRow row, int year, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(row);
        return (row.Levels & (ProjectLevels.Provincial | ProjectLevels.Municipal)) != 0 && FiguresEngine.HasStarted(row, year, asOf);
    }

    /// <summary>The scope's child units with their figures, ranked (列第N位); none below a zone or county.</summary>
    public static IReadOnlyList<BriefingUnit> Children(OrgTree tree, OrgUnitInfo scope, IReadOnlyList<PlanRow> rows, int year, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(tree);
        ArgumentNullException.ThrowIfNull(scope);
        var children = new List<BriefingUnit>();
        if (RanksChildren(scope.Kind))
        {
            var childOf = Ranking.Groups(tree, scope.Id);
            children = FiguresEngine.ByUnit(rows, year, asOf, id => childOf.TryGetValue(id, out var c) ? c : null)
                .Select(u => new BriefingUnit(tree[u.UnitId].Name, u))
                .ToList();
        }

        return children;
    }

    /// <summary>Whether a scope of this kind ranks its child units (a city, a province, the nation; not a zone or county).</summary>
    public static bool RanksChildren(OrgUnitKind kind) => kind is OrgUnitKind.City or OrgUnitKind.Province or OrgUnitKind.Nation;

    /// <summary>
    /// How later paragraphs name the scope, as seed 004 does: "阳泉高新区" under 阳泉市 becomes "高新区";
    /// a name that does not start with its city's name stays whole.
    /// </summary>
    public static string ShortName(OrgTree tree, OrgUnitInfo scope)
    {
        if (scope.ParentId is not { } parentId || tree[parentId].Kind != OrgUnitKind.City)
        {
            return scope.Name;
        }

        var city = tree[parentId].Name.TrimEnd('市');
        return scope.Name.Length > city.Length + 1 && scope.Name.StartsWith(city, StringComparison.Ordinal) ? scope.Name[city.Length..] : scope.Name;
    }
}
