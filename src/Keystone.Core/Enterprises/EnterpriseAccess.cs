using Keystone.Core.Units;

namespace Keystone.Core.Enterprises;

/// <summary>
/// Who may do what with a shared enterprise, judged on the unit a caller keeps (its scope) and the unit that
/// owns the enterprise. The API, the pages and the ledger importer all ask here, so the rule is one rule.
/// </summary>
public static class EnterpriseAccess
{
    /// <summary>
    /// Whether projects of <paramref name="scopeUnitId"/>'s units may be linked to an enterprise owned by
    /// <paramref name="ownerUnitId"/>: the owner is within the scope, or above it (an enterprise the city or
    /// the province registered is shared with every unit below). A sibling's enterprise is not.
    /// </summary>
    public static bool MayLink(OrgTree tree, int scopeUnitId, int ownerUnitId) =>
        tree.Contains(scopeUnitId) && tree.Contains(ownerUnitId)
        && (tree.IsWithin(ownerUnitId, scopeUnitId) || tree.IsWithin(scopeUnitId, ownerUnitId));

    /// <summary>Whether <paramref name="scopeUnitId"/> keeps the enterprise's record: its owner is that unit or below it.</summary>
    public static bool MayKeep(OrgTree tree, int scopeUnitId, int ownerUnitId) =>
        tree.Contains(scopeUnitId) && tree.Contains(ownerUnitId) && tree.IsWithin(ownerUnitId, scopeUnitId);

    /// <summary>The refusal for an enterprise a caller may not use: the same whether it exists or not, naming the field only.</summary>
    public static DomainException NotUsable(string field) =>
        new(new("统一社会信用代码对应的企业不存在或无权访问", "No enterprise with this USCC that you may use (it does not exist, or is not yours to access)"), field);
}
