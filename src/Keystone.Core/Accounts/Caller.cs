using Keystone.Core.Projects;
using Keystone.Core.Units;

namespace Keystone.Core.Accounts;

/// <summary>
/// Who is asking, and so what they may see: their own unit and every unit below it, never a sibling's;
/// an enterprise reporter only its enterprise's projects. Every query for data goes through this, so a
/// project outside the caller's scope answers as if it did not exist.
/// </summary>
public sealed record Caller(string UserName, Role Role, int UnitId, int? EnterpriseId = null)
{
    /// <summary>Whether the caller may see data of <paramref name="unitId"/>.</summary>
    public bool CanSee(OrgTree tree, int unitId) => tree.Contains(unitId) && tree.IsWithin(unitId, UnitId);

    /// <summary>The units the caller may see.</summary>
    public IReadOnlyList<int> Units(OrgTree tree) => tree.Contains(UnitId) ? tree.Subtree(UnitId) : [];

    /// <summary>The unit a request names, if the caller may see it; otherwise "not found", never "forbidden".</summary>
    public OrgUnitInfo Resolve(OrgTree tree, string? scope)
    {
        if (string.IsNullOrWhiteSpace(scope))
        {
            return tree.Contains(UnitId) ? tree[UnitId] : throw new NotFoundException(new("找不到您所属的单位", "Your unit does not exist"));
        }

        var unit = tree.Resolve(scope);
        return CanSee(tree, unit.Id) ? unit : throw new NotFoundException(new($"找不到单位“{scope}”", $"No unit named \"{scope}\""));
    }

    /// <summary>The projects the caller may see.</summary>
    public IQueryable<Project> Projects(IQueryable<Project> projects, OrgTree tree)
    {
        if (Role == Role.EnterpriseReporter)
        {
            var enterprise = EnterpriseId ?? -1;
            return projects.Where(p => p.EnterpriseId == enterprise);
        }

        if (Role == Role.DepartmentOfficer)
        {
            // A department sees the problems assigned to it (the problems issue); no project list of its own.
            return projects.Where(p => false);
        }

        if (tree.Roots.Count() == 1 && tree.Roots.Single().Id == UnitId)
        {
            return projects;
        }

        var units = Units(tree);
        return projects.Where(p => units.Contains(p.OrgUnitId));
    }

    /// <summary>Whether the caller may change projects (keep the ledger), not only read them.</summary>
    public bool KeepsLedger => Role is Role.ProvinceAdmin or Role.CityOfficer or Role.ZoneOfficer;
}
