using Keystone.Core.Data;
using Keystone.Core.Ledger;
using Keystone.Core.Projects;
using Keystone.Core.Units;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Core.Enterprises.Service;

/// <summary>What one row of a register file did to its enterprise, with the columns it changed.</summary>
public sealed record RegisterChange(int Row, string Uscc, string Name, ChangeKind Kind, IReadOnlyList<FieldChange> Fields);

/// <summary>What a register import read and (unless refused or a dry run) changed.</summary>
public sealed record RegisterImportResult(string Sheet, int HeaderRow, IReadOnlyList<RegisterChange> Changes, IReadOnlyList<LedgerProblem> Problems, bool Applied)
{
    public int New => Changes.Count(c => c.Kind == ChangeKind.New);

    public int Updated => Changes.Count(c => c.Kind == ChangeKind.Updated);

    public int Unchanged => Changes.Count(c => c.Kind == ChangeKind.Unchanged);
}

/// <summary>
/// Applies a register file within a unit's scope, all or nothing: a row's enterprise is the one with its credit
/// code (the same record the ledger's rows and the projects name), kept by the unit that registered it. A new
/// one is registered to the row's 所属区域 (else the importing unit); a known one the importer keeps takes the
/// row's facts; one it may only link to must read as recorded (changes go to its owner as proposals); one it may
/// not see is refused as the ledger refuses it. A column the file lacks keeps what is recorded, so importing
/// the export, or the same file twice, changes nothing. 产业链 and 产业链环节 name one of the owner unit's chains and a
/// link on it (<see cref="ChainBook"/>): the enterprise's member row on the chain map, set, moved or (both blank) removed.
/// </summary>
public static class RegisterImport
{
    public static async Task<RegisterImportResult> ApplyAsync(AppDbContext db, OrgTree tree, int scopeUnitId, RegisterRead read, bool dryRun, CancellationToken ct = default)
    {
        var problems = read.Problems.ToList();
        var changes = new List<RegisterChange>();
        if (problems.Count > 0)
        {
            return new RegisterImportResult(read.Sheet, read.HeaderRow, changes, problems, false);
        }

        var usccs = read.Rows.Select(r => r.Uscc).ToList();
        var known = new Dictionary<Uscc, Enterprise>();
        foreach (var group in Lookups.InGroups(usccs))
        {
            foreach (var e in await db.Enterprises.Where(e => group.Contains(e.Uscc)).ToListAsync(ct))
            {
                known[e.Uscc] = e;
            }
        }

        var scope = tree.Subtree(scopeUnitId);
        var units = await db.OrgUnits.Where(u => scope.Contains(u.Id)).ToDictionaryAsync(u => u.Id, ct);
        void Problem(RegisterRow row, RegisterField f, string? value, Text reason) =>
            problems.Add(new LedgerProblem(read.Sheet, row.Row, RegisterFile.Header(f), value, reason));

        var chainColumns = read.Present.Contains(RegisterField.Chain) || read.Present.Contains(RegisterField.Link);
        var book = await ChainBook.LoadAsync(db, scope, known.Values.Select(e => e.Id), ct);
        bool TryPlace(RegisterRow row, int ownerUnitId, ChainPlace? recorded, out ChainPlace? place)
        {
            place = recorded;
            if (!chainColumns)
            {
                return true;
            }

            try
            {
                place = book.Resolve(ownerUnitId, row.Chain, row.Link, recorded);
                return true;
            }
            catch (DomainException e)
            {
                var field = e.Field == "link" ? RegisterField.Link : RegisterField.Chain;
                Problem(row, field, field == RegisterField.Link ? row.Link : row.Chain, e.Text);
                return false;
            }
        }

        var placeFresh = new List<(Enterprise Enterprise, ChainPlace Place)>();

        var fresh = new List<Enterprise>();
        foreach (var row in read.Rows)
        {
            OrgUnitInfo? unit = null;
            if (row.Unit is { } named)
            {
                try
                {
                    unit = tree.Resolve(named, id => tree.IsWithin(id, scopeUnitId));
                }
                catch (Exception e) when (e is DomainException or NotFoundException)
                {
                    Problem(row, RegisterField.Unit, named, new($"找不到单位“{named}”（须为本单位或下级单位）", $"No unit named \"{named}\" within yours"));
                    continue;
                }
            }

            if (!known.TryGetValue(row.Uscc, out var enterprise))
            {
                var owner = units[(unit ?? tree[scopeUnitId]).Id];
                if (!TryPlace(row, owner.Id, null, out var freshPlace))
                {
                    continue;
                }

                enterprise = new Enterprise(row.Uscc, row.Name, owner);
                enterprise.Describe(row.Profile);
                enterprise.AssignLiaison(row.Liaison);
                fresh.Add(enterprise);
                if (freshPlace is not null)
                {
                    placeFresh.Add((enterprise, freshPlace));
                }

                known[row.Uscc] = enterprise;
                changes.Add(new RegisterChange(row.Row, row.Uscc.Value, row.Name, ChangeKind.New, []));
                continue;
            }

            if (!EnterpriseAccess.MayLink(tree, scopeUnitId, enterprise.OwnerUnitId))
            {
                Problem(row, RegisterField.Uscc, row.Uscc.Value, EnterpriseAccess.NotUsable("uscc").Text);
                continue;
            }

            if (unit is not null && unit.Id != enterprise.OwnerUnitId)
            {
                Problem(row, RegisterField.Unit, row.Unit, new($"该企业由{tree.PathOf(enterprise.OwnerUnitId)}登记，导入不改变登记单位", $"The enterprise is registered by {tree.PathOf(enterprise.OwnerUnitId)}; an import does not change that"));
                continue;
            }

            var recorded = book.PlaceOf(enterprise.Id);
            if (!TryPlace(row, enterprise.OwnerUnitId, recorded, out var place))
            {
                continue;
            }

            var ownerName = tree[enterprise.OwnerUnitId].Name;
            var before = RegisterFile.Cells(enterprise, ownerName, recorded);
            var profile = Merge(enterprise.Profile, row.Profile, read.Present);
            var liaison = read.Present.Contains(RegisterField.LiaisonName) ? Keep(enterprise.Liaison, row.Liaison) : enterprise.Liaison;
            var after = RegisterFile.Cells(enterprise.Uscc, row.Name, ownerName, profile.Checked(), liaison, place);
            var changed = RegisterFile.Fields.Where(f => before[f] != after[f]).Select(f => new FieldChange(RegisterFile.Header(f), before[f], after[f])).ToList();
            if (changed.Count > 0 && !EnterpriseAccess.MayKeep(tree, scopeUnitId, enterprise.OwnerUnitId))
            {
                Problem(row, RegisterField.Uscc, row.Uscc.Value, new(
                    $"该企业由其他单位登记，只能由登记单位修改（{string.Join("、", changed.Select(c => c.Column))}与登记信息不同）；请在企业页提出变更申请",
                    $"Another unit keeps this enterprise's record and only it changes it ({string.Join(", ", changed.Select(c => c.Column))} differ); propose the change on the enterprise's page"));
                continue;
            }

            if (changed.Count > 0)
            {
                enterprise.Rename(row.Name);
                enterprise.Describe(profile);
                enterprise.AssignLiaison(liaison);
                if (book.Place(enterprise, place))
                {
                    EnterpriseChains.Touch(db, enterprise);
                }
            }

            changes.Add(new RegisterChange(row.Row, row.Uscc.Value, row.Name, changed.Count > 0 ? ChangeKind.Updated : ChangeKind.Unchanged, changed));
        }

        if (problems.Count > 0)
        {
            db.ChangeTracker.Clear();
            return new RegisterImportResult(read.Sheet, read.HeaderRow, [], problems, false);
        }

        if (dryRun)
        {
            db.ChangeTracker.Clear();
            return new RegisterImportResult(read.Sheet, read.HeaderRow, changes, problems, false);
        }

        // New enterprises get their ids from the first save; their places on the chains follow in the same transaction.
        await using var transaction = placeFresh.Count > 0 && db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        db.Enterprises.AddRange(fresh);
        await db.SaveChangesAsync(ct);
        if (placeFresh.Count > 0)
        {
            foreach (var (enterprise, place) in placeFresh)
            {
                book.Place(enterprise, place);
            }

            await db.SaveChangesAsync(ct);
        }

        if (transaction is not null)
        {
            await transaction.CommitAsync(ct);
        }

        return new RegisterImportResult(read.Sheet, read.HeaderRow, changes, problems, true);
    }

    /// <summary>The file's facts where it has the column, the record's where it has not.</summary>
    private static EnterpriseProfile Merge(EnterpriseProfile recorded, EnterpriseProfile file, IReadOnlySet<RegisterField> present) => new()
    {
        IndustryCode = present.Contains(RegisterField.IndustryCode) ? file.IndustryCode : recorded.IndustryCode,
        IndustryName = present.Contains(RegisterField.IndustryName) ? file.IndustryName : recorded.IndustryName,
        AboveScale = present.Contains(RegisterField.AboveScale) ? file.AboveScale : recorded.AboveScale,
        AboveScaleSince = present.Contains(RegisterField.AboveScaleSince) ? file.AboveScaleSince : present.Contains(RegisterField.AboveScale) && !file.AboveScale ? null : recorded.AboveScaleSince,
        ChainLeader = present.Contains(RegisterField.ChainLeader) ? file.ChainLeader : recorded.ChainLeader,
        Employees = present.Contains(RegisterField.Employees) ? file.Employees : recorded.Employees,
        LastYearOutput = present.Contains(RegisterField.LastYearOutput) ? file.LastYearOutput : recorded.LastYearOutput,
        LastYearRevenue = present.Contains(RegisterField.LastYearRevenue) ? file.LastYearRevenue : recorded.LastYearRevenue,
        Address = present.Contains(RegisterField.Address) ? file.Address : recorded.Address,
        Contact = present.Contains(RegisterField.Contact) ? file.Contact : recorded.Contact,
        Phone = present.Contains(RegisterField.Phone) ? file.Phone : recorded.Phone,
    };

    /// <summary>The file names a liaison by name: a user already assigned under that name and department stays that user.</summary>
    private static Liaison? Keep(Liaison? recorded, Liaison? file) =>
        file is null ? null
        : recorded is not null && recorded.Name == file.Name && (file.Department is null || recorded.Department == file.Department) ? recorded
        : file;
}
