using Keystone.Core.Data;
using Keystone.Core.Enterprises;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Core.Ledger;

/// <summary>
/// Who may import which rows: a row of a unit outside the importing user's scope, a code that belongs to a
/// project the row may not take, or a link to an enterprise the user may not use is a problem of its row.
/// Asked of each batch before it is written; without a scope (the operator) only codes are checked.
/// </summary>
internal sealed class LedgerOwnerChecks(AppDbContext db, string sheet, HeaderMatch header, UnitDirectory tree, LedgerImportOptions options)
{
    /// <summary>The batch's problems: codes owned elsewhere, then units out of scope, then enterprises not usable.</summary>
    public async Task<List<LedgerProblem>> ProblemsAsync(List<LedgerRow> batch, CancellationToken ct)
    {
        var problems = await CodeOwnerProblemsAsync(batch, ct);
        problems.AddRange(ScopeProblems(batch));
        problems.AddRange(await EnterpriseLinkProblemsAsync(batch, ct));
        return problems;
    }

    /// <summary>Rows of a unit outside the importing user's scope, or that would create one there.</summary>
    private List<LedgerProblem> ScopeProblems(List<LedgerRow> batch)
    {
        var problems = new List<LedgerProblem>();
        if (options.ScopeUnitId is not { } scope)
        {
            return problems;
        }

        var unitColumn = header.HeaderOf(LedgerField.Unit);
        foreach (var row in batch)
        {
            var inScope = tree.Find(options.Province, row.City, row.Unit) is { } id
                ? tree.Contains(scope) && tree.IsWithin(id, scope)
                : tree.WouldCreateWithin(options.Province, row.City, scope);
            if (!inScope)
            {
                problems.Add(new(sheet, row.RowNumber, unitColumn, row.Unit,
                    new("该单位不在您的管辖范围内", "This unit is outside the units you keep")));
            }
        }

        return problems;
    }

    /// <summary>
    /// Rows whose code already belongs to a project the row may not take: one outside the importing user's
    /// scope (said without naming that project or its unit: another unit's facts are not the caller's to
    /// read), or one of another name in another unit (named: it is within the caller's own units).
    /// </summary>
    private async Task<List<LedgerProblem>> CodeOwnerProblemsAsync(List<LedgerRow> batch, CancellationToken ct)
    {
        var codeColumn = header.HeaderOf(LedgerField.Code);

        // A row without a code is matched by the code its unit and name generate: check that one too, or a
        // project moved out of the scope would be found again by its old unit's name and moved back.
        string? CodeOf(LedgerRow row) => row.Code
            ?? (options.ScopeUnitId is not null && tree.Find(options.Province, row.City, row.Unit) is { } unitId ? LedgerImporter.GeneratedCode(tree.PathOf(unitId), row.Name) : null);
        var owners = new Dictionary<string, (string Name, int OrgUnitId)>(StringComparer.Ordinal);
        foreach (var codes in Lookups.InGroups(batch.Select(CodeOf).OfType<string>()))
        {
            foreach (var p in await db.Projects.AsNoTracking().Where(p => codes.Contains(p.Code)).Select(p => new { p.Code, p.Name, p.OrgUnitId }).ToListAsync(ct))
            {
                owners[p.Code] = (p.Name, p.OrgUnitId);
            }
        }

        var problems = new List<LedgerProblem>();
        foreach (var row in batch)
        {
            if (CodeOf(row) is not { } code || !owners.TryGetValue(code, out var owner))
            {
                continue;
            }

            if (options.ScopeUnitId is { } scope && !(tree.Contains(scope) && tree.IsWithin(owner.OrgUnitId, scope)))
            {
                problems.Add(new(sheet, row.RowNumber, codeColumn, row.Code ?? row.Name,
                    new("项目编号已属于其他单位的项目", "This project code belongs to a project of another unit")));
            }
            else if (row.Code is not null && owner.Name != row.Name && tree.Find(options.Province, row.City, row.Unit) != owner.OrgUnitId)
            {
                problems.Add(new(sheet, row.RowNumber, codeColumn, code,
                    new($"该项目编号已属于{tree.PathOf(owner.OrgUnitId)}的“{owner.Name}”",
                        $"This code already belongs to \"{owner.Name}\" in {tree.PathOf(owner.OrgUnitId)}")));
            }
        }

        return problems;
    }

    /// <summary>
    /// Rows that would link a project to an enterprise the importing user may not use: one registered by a
    /// unit outside its scope that is not above it. A link the project already has is kept, not judged again.
    /// </summary>
    private async Task<List<LedgerProblem>> EnterpriseLinkProblemsAsync(List<LedgerRow> batch, CancellationToken ct)
    {
        var problems = new List<LedgerProblem>();
        if (options.ScopeUnitId is not { } scope)
        {
            return problems;
        }

        var rows = batch.Where(r => r.Uscc is not null).ToList();
        var owners = new Dictionary<Uscc, (int Id, int OwnerUnitId)>();
        foreach (var usccs in Lookups.InGroups(rows.Select(r => r.Uscc!.Value).Distinct()))
        {
            foreach (var e in await db.Enterprises.AsNoTracking().Where(e => usccs.Contains(e.Uscc)).Select(e => new { e.Uscc, e.Id, e.OwnerUnitId }).ToListAsync(ct))
            {
                owners[e.Uscc] = (e.Id, e.OwnerUnitId);
            }
        }

        var foreign = rows.Where(r => owners.TryGetValue(r.Uscc!.Value, out var o) && !EnterpriseAccess.MayLink(tree.Tree, scope, o.OwnerUnitId)).ToList();
        if (foreign.Count == 0)
        {
            return problems;
        }

        // Projects already linked to that enterprise keep their link.
        var linked = new HashSet<(string Code, int EnterpriseId)>();
        foreach (var codes in Lookups.InGroups(foreign.Where(r => r.Code is not null).Select(r => r.Code!)))
        {
            foreach (var p in await db.Projects.AsNoTracking().Where(p => codes.Contains(p.Code) && p.EnterpriseId != null).Select(p => new { p.Code, p.EnterpriseId }).ToListAsync(ct))
            {
                linked.Add((p.Code, p.EnterpriseId!.Value));
            }
        }

        var usccColumn = header.HeaderOf(LedgerField.Uscc);
        foreach (var row in foreign)
        {
            if (row.Code is null || !linked.Contains((row.Code, owners[row.Uscc!.Value].Id)))
            {
                var refusal = EnterpriseAccess.NotUsable("uscc").Text;
                problems.Add(new(sheet, row.RowNumber, usccColumn, row.Uscc!.Value.ToString(), refusal));
            }
        }

        return problems;
    }
}
