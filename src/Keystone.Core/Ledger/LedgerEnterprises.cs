using Keystone.Core.Accounts;
using Keystone.Core.Data;
using Keystone.Core.Enterprises;
using Keystone.Core.Projects;
using Keystone.Core.Units;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Core.Ledger;

/// <summary>
/// The enterprises a batch's rows name by 统一社会信用代码: a known one is linked (and renamed when the
/// importing user keeps it, else the new name is proposed to its owner); an unknown one is registered to
/// the unit of the first row that names it.
/// </summary>
internal sealed class LedgerEnterprises(AppDbContext db, TimeProvider clock, LedgerImportOptions options, UnitDirectory tree)
{
    private readonly Dictionary<Uscc, Enterprise> known = [];
    private readonly List<Enterprise> fresh = [];
    private readonly List<(Enterprise Enterprise, string Name, int Row)> proposed = [];

    /// <summary>Every name proposed so far, over all batches.</summary>
    public List<EnterpriseNameProposal> Proposals { get; } = [];

    /// <summary>Loads (tracked, to be renamed) the recorded enterprises the batch names, forgetting the last batch's.</summary>
    public async Task LoadAsync(List<LedgerRow> rows, CancellationToken ct)
    {
        known.Clear();
        fresh.Clear();
        proposed.Clear();
        foreach (var usccs in Lookups.InGroups(rows.Where(r => r.Uscc is not null).Select(r => r.Uscc!.Value).Distinct()))
        {
            foreach (var e in await db.Enterprises.Where(e => usccs.Contains(e.Uscc)).ToListAsync(ct))
            {
                known[e.Uscc] = e;
            }
        }
    }

    /// <summary>The enterprise a row names (null: none), registered to <paramref name="unit"/> when new.</summary>
    public Enterprise? For(LedgerRow row, OrgUnit unit)
    {
        if (row.Uscc is not { } uscc)
        {
            return null;
        }

        if (!known.TryGetValue(uscc, out var enterprise))
        {
            // Registered here: the row's unit owns it.
            enterprise = new Enterprise(uscc, row.Enterprise ?? row.Name, unit);
            fresh.Add(enterprise);
            known[uscc] = enterprise;
        }
        else if (row.Enterprise is { } enterpriseName && enterprise.Name != enterpriseName)
        {
            if (options.ScopeUnitId is not { } scope || EnterpriseAccess.MayKeep(tree.Tree, scope, enterprise.OwnerUnitId))
            {
                enterprise.Rename(enterpriseName);
            }
            else
            {
                proposed.Add((enterprise, enterpriseName, row.RowNumber));
            }
        }

        return enterprise;
    }

    /// <summary>
    /// Writes the batch's new enterprises in bulk and adds its proposals to the change tracker (saved with
    /// the renames by the caller), before any project that points at them.
    /// </summary>
    public async Task WriteAsync(BulkInsert bulk, CancellationToken ct)
    {
        await bulk.AssignIdsAsync(fresh, ct);
        await bulk.InsertAsync(fresh, ct);
        await ProposeAsync(ct);
    }

    /// <summary>The audit entries of the batch's new enterprises, each in the unit of the row that registered it.</summary>
    public IEnumerable<AuditEntry> Audit(List<LedgerRow> rows, LedgerUnits units, BulkInsert bulk, DateTimeOffset now)
    {
        if (fresh.Count == 0)
        {
            yield break;
        }

        var registeredBy = rows.Where(r => r.Uscc is not null).DistinctBy(r => r.Uscc!.Value).ToDictionary(r => r.Uscc!.Value);
        foreach (var e in fresh)
        {
            var row = registeredBy[e.Uscc];
            yield return new AuditEntry(now, db.Actor, "enterprise", e.Uscc.Value, "imported", null, bulk.AuditValues(e), options.RowReason(row.RowNumber), units[row].Id);
        }
    }

    /// <summary>
    /// Names the file gives to enterprises the importing user does not keep: each becomes one open proposal
    /// to the owner (not a second one for the same name from the same unit), and the record stays as it is.
    /// </summary>
    private async Task ProposeAsync(CancellationToken ct)
    {
        if (proposed.Count == 0)
        {
            return;
        }

        var scope = options.ScopeUnitId!.Value;
        var ids = proposed.Select(p => p.Enterprise.Id).Distinct().ToList();
        var open = (await db.EnterpriseProposals.AsNoTracking()
                .Where(p => ids.Contains(p.EnterpriseId) && p.ProposedByUnitId == scope && p.Status == ProposalStatus.Open)
                .Select(p => new { p.EnterpriseId, p.Name })
                .ToListAsync(ct))
            .Select(p => (p.EnterpriseId, p.Name))
            .ToHashSet();
        foreach (var (enterprise, name, row) in proposed)
        {
            Proposals.Add(new EnterpriseNameProposal(row, enterprise.Uscc.ToString(), name));
            if (open.Add((enterprise.Id, name)))
            {
                db.EnterpriseProposals.Add(new EnterpriseProposal(enterprise, name, options.RowReason(row), scope, db.Actor, clock.GetUtcNow()));
            }
        }
    }
}
