using Keystone.Core.Data;
using Keystone.Core.Projects;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Core.Ledger;

/// <summary>
/// The 上级项目编号 the rows give, collected while they are written and linked once every row is in (a part
/// may come before its parent in the file), checked on the state the file leaves.
/// </summary>
internal sealed class LedgerParentLinks(AppDbContext db, HeaderMatch header, string sheet)
{
    /// <summary>Each row's project code and its 上级项目编号 (null: none).</summary>
    private readonly List<(string Code, string? Parent, int Row)> links = [];

    /// <summary>Notes a written row's parent; only rows of a sheet with the 上级项目编号 column are noted.</summary>
    public void Add(string code, string? parent, int row) => links.Add((code, parent, row));

    /// <summary>
    /// Links the rows' projects to their parents: the parent exists, is in the same unit and is no part
    /// itself, and a project with parts is no part. Each refusal is a problem of its row; nothing is linked
    /// then. A link that changes a known project is added to its row's entry in <paramref name="changes"/>.
    /// </summary>
    public async Task<List<LedgerProblem>> LinkAsync(List<ProjectChange> changes, CancellationToken ct)
    {
        var problems = new List<LedgerProblem>();
        if (links.Count == 0)
        {
            return problems;
        }

        var column = header.HeaderOf(LedgerField.Parent);

        // Loaded (and tracked) are only the projects a link may change: those the file gives a parent, their parents, and
        // those a blank cell detaches from the parent they have. A province's file of 100,000 rows, most with the
        // column blank and no parent before, loads a few instead of every project.
        var codes = links.Where(l => l.Parent is not null).SelectMany(l => new[] { l.Code, l.Parent! }).ToHashSet(StringComparer.Ordinal);
        foreach (var chunk in Lookups.InGroups(links.Where(l => l.Parent is null).Select(l => l.Code).Distinct()))
        {
            codes.UnionWith(await db.Projects.AsNoTracking().Where(p => p.ParentId != null && chunk.Contains(p.Code)).Select(p => p.Code).ToListAsync(ct));
        }

        var projects = new Dictionary<string, Project>(StringComparer.Ordinal);
        foreach (var chunk in Lookups.InGroups(codes))
        {
            foreach (var p in await db.Projects.Include(p => p.Parent).Where(p => chunk.Contains(p.Code)).ToListAsync(ct))
            {
                projects[p.Code] = p;
            }
        }

        // The parent each project has once the file is in: the file's where it says, else the database's.
        var linked = links.ToDictionary(l => l.Code, l => l.Parent, StringComparer.Ordinal);
        string? ParentOf(Project p) => linked.TryGetValue(p.Code, out var code) ? code : p.Parent?.Code;
        var ids = projects.Values.Select(p => p.Id).ToList();
        var partsInDb = new List<(string Part, string Parent)>();
        foreach (var chunk in Lookups.InGroups(ids))
        {
            partsInDb.AddRange((await db.Projects.AsNoTracking().Where(p => p.ParentId != null && chunk.Contains(p.ParentId.Value))
                .Select(p => new { p.Code, Parent = p.Parent!.Code }).ToListAsync(ct)).Select(p => (p.Code, p.Parent)));
        }

        var hasParts = partsInDb.Where(p => !linked.ContainsKey(p.Part)).Select(p => p.Parent)
            .Concat(linked.Values.Where(v => v is not null).Select(v => v!))
            .ToHashSet(StringComparer.Ordinal);
        foreach (var (code, parentCode, row) in links.Where(l => l.Parent is not null))
        {
            var project = projects[code];
            Text? why = !projects.TryGetValue(parentCode!, out var parent)
                ? new($"找不到上级项目“{parentCode}”", $"No parent project with the code \"{parentCode}\"")
                : parent == project ? new("项目不能是自己的上级项目", "A project cannot be its own parent")
                : parent.OrgUnitId != project.OrgUnitId ? new($"上级项目“{parentCode}”属于其他单位：上级项目与子项目应属于同一单位", $"The parent project {parentCode} belongs to another unit: a parent and its parts belong to the same unit")
                : ParentOf(parent) is not null ? new($"“{parentCode}”本身是其他项目的子项目，不能再作上级项目（只分一级）", $"{parentCode} is itself a part of another project and cannot be a parent (one level only)")
                : hasParts.Contains(code) ? new($"项目“{code}”已有子项目，不能再作其他项目的子项目（只分一级）", $"The project {code} has parts of its own and cannot become a part (one level only)")
                : null;
            if (why is { } reason)
            {
                problems.Add(new LedgerProblem(sheet, row, column, parentCode, reason));
            }
        }

        if (problems.Count > 0)
        {
            return problems;
        }

        // Detach first, so a project that stops being a part can become a parent in the same file.
        foreach (var (code, parentCode, row) in links.OrderBy(l => l.Parent is not null))
        {
            if (!projects.TryGetValue(code, out var project))
            {
                continue; // blank, and no parent before: nothing to change
            }

            var before = project.Parent?.Code;
            if (before == parentCode)
            {
                continue;
            }

            project.SetParent(parentCode is null ? null : projects[parentCode], hasParts: false);
            var index = changes.FindIndex(c => c.Row == row && c.Kind != ChangeKind.New);
            if (index >= 0)
            {
                var change = changes[index];
                changes[index] = change with { Kind = ChangeKind.Updated, Fields = [.. change.Fields, new FieldChange(column, before ?? "", parentCode ?? "")] };
            }
        }

        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return problems;
    }
}
