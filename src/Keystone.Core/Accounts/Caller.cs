using Keystone.Core.Enterprises;
using Keystone.Core.Problems;
using Keystone.Core.Projects;
using Keystone.Core.Units;

namespace Keystone.Core.Accounts;

/// <summary>
/// Who is asking, and so what they may see: their own unit and every unit below it, never a sibling's;
/// an enterprise reporter only its enterprise's projects; a department officer only the problems assigned
/// to its department. Every query for data goes through this, so a project or problem outside the
/// caller's scope answers as if it did not exist.
/// </summary>
public sealed record Caller(string UserName, Role Role, int UnitId, int? EnterpriseId = null, string? Department = null)
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

        var unit = tree.Resolve(scope, id => CanSee(tree, id));
        return CanSee(tree, unit.Id) ? unit : throw new NotFoundException(new($"找不到单位“{scope}”", $"No unit named \"{scope}\""));
    }

    /// <summary>The projects the caller may see.</summary>
    public IQueryable<Project> Projects(IQueryable<Project> projects, OrgTree tree)
    {
        if (Role == Role.EnterpriseReporter)
        {
            // Its enterprise's projects, and of them only those of its own units: an enterprise shared with
            // another unit does not carry the reporter into that unit's ledger.
            var enterprise = EnterpriseId ?? -1;
            var reporterUnits = Units(tree);
            return projects.Where(p => p.EnterpriseId == enterprise && reporterUnits.Contains(p.OrgUnitId));
        }

        if (Role == Role.DepartmentOfficer)
        {
            // A department answers problems; it keeps no ledger. What it needs of a problem's project (its
            // code, name and unit) comes with the problem (ADR 0011), so it gets no project list of its own.
            return projects.Where(p => false);
        }

        if (SeesEverything(tree))
        {
            return projects;
        }

        var units = Units(tree);
        return projects.Where(p => units.Contains(p.OrgUnitId));
    }

    /// <summary>
    /// The problems the caller may see: those of its units; of them, a department officer only those assigned
    /// to its department (where they are now), an enterprise reporter only its enterprise's.
    /// </summary>
    public IQueryable<Problem> Problems(IQueryable<Problem> problems, OrgTree tree)
    {
        if (!SeesEverything(tree))
        {
            var units = Units(tree);
            problems = problems.Where(p => units.Contains(p.OrgUnitId));
        }

        switch (Role)
        {
            case Role.DepartmentOfficer:
                var department = Department ?? "";
                return problems.Where(p => p.Department == department);
            case Role.EnterpriseReporter:
                var enterprise = EnterpriseId ?? -1;
                return problems.Where(p => p.EnterpriseId == enterprise);
            case Role.NationAdmin or Role.ProvinceAdmin or Role.CityOfficer or Role.ZoneOfficer:
                return problems;
        }

        return problems.Where(p => false);
    }

    private bool SeesEverything(OrgTree tree) => tree.Roots.Count() == 1 && tree.Roots.Single().Id == UnitId;

    /// <summary>Whether the caller may change projects (keep the ledger), not only read them.</summary>
    public bool KeepsLedger => Role is Role.NationAdmin or Role.ProvinceAdmin or Role.CityOfficer or Role.ZoneOfficer;

    /// <summary>Whether the caller may link its projects to an enterprise owned by <paramref name="ownerUnitId"/> (<see cref="EnterpriseAccess.MayLink"/>).</summary>
    public bool MayLinkEnterprise(OrgTree tree, int ownerUnitId) => KeepsLedger && EnterpriseAccess.MayLink(tree, UnitId, ownerUnitId);

    /// <summary>Whether the caller keeps the record of an enterprise owned by <paramref name="ownerUnitId"/>: renames it, decides proposals.</summary>
    public bool KeepsEnterprise(OrgTree tree, int ownerUnitId) => KeepsLedger && EnterpriseAccess.MayKeep(tree, UnitId, ownerUnitId);
}
