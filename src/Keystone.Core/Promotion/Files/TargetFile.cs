using Keystone.Core.Data;
using Keystone.Core.Ledger;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Core.Promotion.Files;

/// <summary>The columns of the target-enterprise library file (目标企业库).</summary>
public enum TargetColumn
{
    Name,
    Uscc,
    Chain,
    Size,
    Headquarters,
    Why,
    Approacher,
}

/// <summary>One good row of a target file.</summary>
public sealed record TargetFileRow(int Row, string Name, Uscc? Uscc, string? Chain, string? Link, string? Size, string? Headquarters, string? Why, string? Approacher);

public sealed record TargetRead(
    string Sheet, int HeaderRow, IReadOnlyList<TargetFileRow> Rows, IReadOnlyList<LedgerProblem> Problems, IReadOnlySet<TargetColumn> Present,
    IReadOnlyDictionary<string, int> Columns, IReadOnlyDictionary<TargetColumn, string> Headers);

/// <summary>
/// Reads and applies the target-enterprise library (目标企业库) with the ledger's conventions: a row is the unit's
/// target of the same 企业名称, else a new one; 所属产业链 carries its link in brackets ("第三代半导体（装备）"); all
/// or nothing; a column the file lacks keeps what is recorded, so the export read back changes nothing.
/// </summary>
public static class TargetFile
{
    public static IReadOnlyList<TargetColumn> Fields { get; } = Enum.GetValues<TargetColumn>();

    /// <summary>The export's last column: the lead a target became (read by people, not by the import).</summary>
    public const string LeadHeader = "已转线索";

    public static string Header(TargetColumn c) => c switch
    {
        TargetColumn.Name => "企业名称",
        TargetColumn.Uscc => "统一社会信用代码",
        TargetColumn.Chain => "所属产业链",
        TargetColumn.Size => "企业规模",
        TargetColumn.Headquarters => "总部所在地",
        TargetColumn.Why => "引进理由",
        TargetColumn.Approacher => "对接人",
        _ => throw new ArgumentOutOfRangeException(nameof(c)),
    };

    private static readonly Dictionary<string, TargetColumn> Names = Build();

    private static Dictionary<string, TargetColumn> Build()
    {
        var n = new Dictionary<string, TargetColumn>();
        void Add(TargetColumn c, params string[] variants) => PromotionSheet<TargetColumn>.Name(n, c, Header(c), variants);
        Add(TargetColumn.Name, "目标企业", "目标企业名称", "企业", "企业全称", "单位名称");
        Add(TargetColumn.Uscc, "社会信用代码", "信用代码", "统一代码", "USCC");
        Add(TargetColumn.Chain, "产业链", "产业链环节", "所属产业", "产业");
        Add(TargetColumn.Size, "规模", "企业类型", "企业性质");
        Add(TargetColumn.Headquarters, "总部", "总部地址", "所在地", "注册地");
        Add(TargetColumn.Why, "引进理由", "招引理由", "理由", "引进原因", "备注");
        Add(TargetColumn.Approacher, "负责人", "对接责任人", "招商责任人", "责任人");
        return n;
    }

    public static Dictionary<TargetColumn, string> Cells(TargetFacts f) => new()
    {
        [TargetColumn.Name] = f.Name,
        [TargetColumn.Uscc] = f.Uscc?.Value ?? "",
        [TargetColumn.Chain] = PromotionCells.Join(f.Chain, f.Link),
        [TargetColumn.Size] = f.Size ?? "",
        [TargetColumn.Headquarters] = f.Headquarters ?? "",
        [TargetColumn.Why] = f.Why ?? "",
        [TargetColumn.Approacher] = f.Approacher ?? "",
    };

    public static TargetRead Read(LedgerSource source, string? sheet = null)
    {
        var file = PromotionSheet<TargetColumn>.Open(source, sheet, Names, [TargetColumn.Name], Header, new("目标企业库", "target-enterprise"));
        var problems = new List<LedgerProblem>();
        var good = new List<TargetFileRow>();
        var rowOf = new Dictionary<string, int>();
        foreach (var raw in file.Rows)
        {
            if (raw.HasOverlongCell)
            {
                problems.AddRange(file.Overlong(raw));
                continue;
            }

            var r = file.Read(raw, Header, problems);
            var name = r.Text(TargetColumn.Name);
            if (name.Length is 0 or > Lead.MaxNameLength)
            {
                r.Problem(TargetColumn.Name, name, new("目标企业名称不能为空，且不超过200字", "The target enterprise's name is required and at most 200 characters"));
            }
            else if (!rowOf.TryAdd(name, raw.Number))
            {
                r.Problem(TargetColumn.Name, name, new($"与第{rowOf[name]}行重复：一家企业只写一行", $"Repeats row {rowOf[name]}: one row per enterprise"));
            }

            var (chain, link) = PromotionCells.Split(r.Bounded(TargetColumn.Chain, Lead.MaxShortLength * 2));
            if (chain?.Length > Lead.MaxShortLength || link?.Length > Lead.MaxShortLength)
            {
                r.Problem(TargetColumn.Chain, r.Text(TargetColumn.Chain), new("产业链、环节各不超过100字", "The chain and its link are at most 100 characters each"));
            }

            var row = new TargetFileRow(
                raw.Number, name, r.Uscc(TargetColumn.Uscc), chain, link,
                r.Bounded(TargetColumn.Size, Lead.MaxShortLength), r.Bounded(TargetColumn.Headquarters, Lead.MaxShortLength),
                r.Bounded(TargetColumn.Why, Lead.MaxTextLength), r.Bounded(TargetColumn.Approacher, Lead.MaxShortLength));
            if (r.Good)
            {
                good.Add(row);
            }
        }

        if (problems.Count == 0 && good.Count == 0)
        {
            throw new DomainException(new($"工作表“{file.Sheet}”没有目标企业", $"The sheet \"{file.Sheet}\" has no target enterprises"), "file");
        }

        return new TargetRead(file.Sheet, file.HeaderRow, good, problems, file.Present, file.Columns(Header), file.FileHeaders);
    }

    /// <summary>Applies a target file to one unit's library, all or nothing; the same file twice changes nothing.</summary>
    public static async Task<PromotionImportResult> ApplyAsync(AppDbContext db, int unitId, TargetRead read, bool dryRun, CancellationToken ct = default)
    {
        var problems = read.Problems.ToList();

        var recorded = (await db.PromotionTargets.Where(t => t.OrgUnitId == unitId).ToListAsync(ct)).GroupBy(t => t.Name).ToDictionary(g => g.Key, g => g.First());
        var changes = new List<FileChange>();
        var fresh = new List<TargetEnterprise>();
        foreach (var row in read.Rows)
        {
            recorded.TryGetValue(row.Name, out var target);
            var old = target?.Facts;
            bool Has(TargetColumn c) => read.Present.Contains(c) || old is null;
            var facts = new TargetFacts
            {
                Name = row.Name,
                Uscc = Has(TargetColumn.Uscc) ? row.Uscc : old!.Uscc,
                Chain = Has(TargetColumn.Chain) ? row.Chain : old!.Chain,
                Link = Has(TargetColumn.Chain) ? row.Link : old!.Link,
                Size = Has(TargetColumn.Size) ? row.Size : old!.Size,
                Headquarters = Has(TargetColumn.Headquarters) ? row.Headquarters : old!.Headquarters,
                Why = Has(TargetColumn.Why) ? row.Why : old!.Why,
                Approacher = Has(TargetColumn.Approacher) ? row.Approacher : old!.Approacher,
            };
            try
            {
                if (target is null)
                {
                    fresh.Add(new TargetEnterprise(unitId, facts));
                    changes.Add(new FileChange(row.Row, row.Name, ChangeKind.New, []));
                    continue;
                }

                var before = Cells(old!);
                target.Revise(facts);
                var after = Cells(target.Facts);
                var changed = Fields.Where(c => before[c] != after[c]).Select(c => new FieldChange(Header(c), before[c], after[c])).ToList();
                changes.Add(new FileChange(row.Row, row.Name, changed.Count > 0 ? ChangeKind.Updated : ChangeKind.Unchanged, changed));
            }
            catch (DomainException e)
            {
                var column = e.Field switch { "chain" or "link" => TargetColumn.Chain, "size" => TargetColumn.Size, "headquarters" => TargetColumn.Headquarters, "why" => TargetColumn.Why, "approacher" => TargetColumn.Approacher, _ => TargetColumn.Name };
                problems.Add(new LedgerProblem(read.Sheet, row.Row, read.Headers.TryGetValue(column, out var h) ? h : Header(column), row.Name, e.Text));
            }
        }

        if (problems.Count > 0 || dryRun)
        {
            db.ChangeTracker.Clear();
            return new PromotionImportResult(read.Sheet, read.HeaderRow, problems.Count > 0 ? [] : changes, problems.OrderBy(p => p.Row).ToList(), false, read.Columns);
        }

        db.PromotionTargets.AddRange(fresh);
        await db.SaveChangesAsync(ct);
        return new PromotionImportResult(read.Sheet, read.HeaderRow, changes, problems, true, read.Columns);
    }
}
