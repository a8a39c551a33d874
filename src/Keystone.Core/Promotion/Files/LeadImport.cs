using Keystone.Core.Data;
using Keystone.Core.Desk;
using Keystone.Core.Ledger;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Core.Promotion.Files;

/// <summary>
/// Applies a lead file to one unit's leads, all or nothing (docs/domain.md "Promotion files"). A row is the
/// unit's lead of the same 线索/项目名称, else a new lead. Its stage obeys the lead's rules: a stage reached
/// needs the date of every stage up to it (and 签约 its amount); a stage behind the recorded one, a recorded
/// stage date or contract amount written differently, 搁置/终止 (which need a reason, given on the lead's page)
/// are refused, never ignored. A 最近跟进 later than the lead's last follow-up is recorded as a follow-up. A column
/// the file lacks keeps what is recorded, so importing the export, or the same file twice, changes nothing.
/// </summary>
public static class LeadImport
{
    public static async Task<PromotionImportResult> ApplyAsync(
        AppDbContext db, int unitId, LeadRead read, DateOnly today, string by, DateTimeOffset at, bool dryRun, CancellationToken ct = default)
    {
        var problems = read.Problems.ToList();
        var changes = new List<FileChange>();

        var recorded = await db.Leads.Include(l => l.FollowUps).Where(l => l.OrgUnitId == unitId).ToListAsync(ct);
        var rows = (await PromotionData.RowsAsync(db, db.Leads.Where(l => l.OrgUnitId == unitId), ct)).ToDictionary(r => r.Id);
        var byName = recorded.GroupBy(l => l.Name).ToDictionary(g => g.Key, g => g.ToList());
        var fresh = new List<Lead>();
        foreach (var row in read.Rows)
        {
            var before = problems.Count;
            void Problem(LeadColumn c, string? value, Text reason) =>
                problems.Add(new LedgerProblem(read.Sheet, row.Row, Column(read, c), value, reason));

            byName.TryGetValue(row.Name, out var same);
            if (same is { Count: > 1 })
            {
                Problem(LeadColumn.Name, row.Name, new($"本单位有{same.Count}条同名线索，无法确定对应哪一条", $"The unit has {same.Count} leads of this name: the row cannot tell which"));
                continue;
            }

            var lead = same?.Single();
            var project = lead is not null && rows.TryGetValue(lead.Id, out var r) && lead.ProjectId is not null ? r : null;
            var cellsBefore = lead is null ? null : LeadFile.Cells(lead, Dates(lead, project));
            var facts = Facts(lead, row, read.Present, Problem);
            if (facts is null)
            {
                continue;
            }

            try
            {
                if (lead is null)
                {
                    var first = row.Dates.Values.Concat(row.FollowUp is { } f ? [f.On] : []).DefaultIfEmpty(today).Min();
                    lead = new Lead(unitId, facts, row.Dates.TryGetValue(LeadStage.Lead, out var on) ? on : first, today);
                }
                else
                {
                    lead.Revise(facts);
                }
            }
            catch (ValidationException e)
            {
                e.Errors.ToList().ForEach(x => Problem(ColumnOf(x.Field, LeadColumn.LeadOn), CellOf(row, ColumnOf(x.Field, LeadColumn.LeadOn)), x.Text));
                continue;
            }
            catch (DomainException e)
            {
                Problem(ColumnOf(e.Field, LeadColumn.LeadOn), CellOf(row, ColumnOf(e.Field, LeadColumn.LeadOn)), e.Text);
                continue;
            }

            Stage(lead, project, cellsBefore is null, row, read.Present, today, Problem);
            if (problems.Count == before && row.FollowUp is { } followUp)
            {
                FollowUp(lead, row, followUp, today, by, at, Problem);
            }

            if (problems.Count > before)
            {
                continue;
            }

            if (cellsBefore is null)
            {
                fresh.Add(lead);
                byName[row.Name] = [lead];
                changes.Add(new FileChange(row.Row, row.Name, ChangeKind.New, []));
                continue;
            }

            var after = LeadFile.Cells(lead, Dates(lead, project));
            var changed = LeadFile.Fields.Where(c => cellsBefore[c] != after[c]).Select(c => new FieldChange(LeadFile.Header(c), cellsBefore[c], after[c])).ToList();
            changes.Add(new FileChange(row.Row, row.Name, changed.Count > 0 ? ChangeKind.Updated : ChangeKind.Unchanged, changed));
        }

        if (problems.Count > 0 || dryRun)
        {
            db.ChangeTracker.Clear();
            var sorted = problems.OrderBy(p => p.Row).ToList();
            return new PromotionImportResult(read.Sheet, read.HeaderRow, problems.Count > 0 ? [] : changes, sorted, false, read.Columns);
        }

        db.Leads.AddRange(fresh);
        await db.SaveChangesAsync(ct);
        return new PromotionImportResult(read.Sheet, read.HeaderRow, changes, problems, true, read.Columns);
    }

    /// <summary>A lead's stage dates, 开工 and 投产 the linked project's (one truth).</summary>
    private static Dictionary<LeadStage, DateOnly> Dates(Lead lead, LeadRow? project)
    {
        var dates = PromotionVocabulary.Stages.Where(s => lead.DateOf(s) is not null).ToDictionary(s => s, s => lead.DateOf(s)!.Value);
        if (project is not null)
        {
            dates.Remove(LeadStage.Started);
            dates.Remove(LeadStage.Producing);
            foreach (var s in new[] { LeadStage.Started, LeadStage.Producing })
            {
                if (project.Dates.TryGetValue(s, out var d))
                {
                    dates[s] = d;
                }
            }
        }

        return dates;
    }

    /// <summary>The file's facts where it has the column, the record's where it has not; null (with the problem) when the channel is missing.</summary>
    private static LeadFacts? Facts(Lead? lead, LeadFileRow row, IReadOnlySet<LeadColumn> present, Action<LeadColumn, string?, Text> problem)
    {
        var recorded = lead?.Facts;
        bool Has(LeadColumn c) => present.Contains(c) || recorded is null;
        var channel = present.Contains(LeadColumn.Channel) ? row.Channel : recorded?.Channel;
        if (channel is null)
        {
            problem(LeadColumn.Channel, "", new("招商方式不能为空：产业招商、公司招商、中介招商、基金招商、以商招商（引荐企业）或平台招商（平台）",
                "The channel is required: 产业招商, 公司招商, 中介招商, 基金招商, 以商招商 (referrer) or 平台招商 (platform)"));
            return null;
        }

        var detail = present.Contains(LeadColumn.Channel) ? row.ChannelDetail : recorded?.Referrer ?? recorded?.Platform;
        return new LeadFacts
        {
            Name = row.Name,
            Investor = Has(LeadColumn.Investor) ? row.Investor ?? "" : recorded!.Investor,
            Uscc = Has(LeadColumn.Uscc) ? row.Uscc : recorded!.Uscc,
            Chain = Has(LeadColumn.Chain) ? row.Chain : recorded!.Chain,
            Link = Has(LeadColumn.Chain) ? row.Link : recorded!.Link,
            IntendedInvestment = Has(LeadColumn.IntendedInvestment) ? row.IntendedInvestment : recorded!.IntendedInvestment,
            LandMu = recorded?.LandMu,
            EnergyTce = recorded?.EnergyTce,
            Channel = channel.Value,
            Referrer = channel == LeadChannel.Business ? detail : null,
            Platform = channel == LeadChannel.Platform ? detail : null,
            Officer = Has(LeadColumn.Officer) ? row.Officer : recorded!.Officer,
            Remarks = Has(LeadColumn.Remarks) ? row.Remarks : recorded!.Remarks,
        };
    }

    /// <summary>The row's stage against the lead's: forward with every date, never back, recorded dates and amounts as recorded.</summary>
    private static void Stage(Lead lead, LeadRow? project, bool isNew, LeadFileRow row, IReadOnlySet<LeadColumn> present, DateOnly today, Action<LeadColumn, string?, Text> problem)
    {
        var recorded = Dates(lead, project);
        var at = recorded.Keys.Max();
        var target = at;
        if (row.Halted is { } halted)
        {
            if (isNew)
            {
                problem(LeadColumn.Stage, row.StageText, new(
                    $"新线索不能以{PromotionVocabulary.Name(halted)}导入：请导入其所处阶段，再在线索页{PromotionVocabulary.Name(halted)}并写明原因",
                    $"A new lead cannot come in {PromotionVocabulary.Code(halted)}: import its stage, then {PromotionVocabulary.Code(halted)} it on its page with the reason"));
                return;
            }

            if (lead.State != halted)
            {
                problem(LeadColumn.Stage, row.StageText, new(
                    $"导入不搁置、终止线索：请在线索页{PromotionVocabulary.Name(halted)}并写明原因",
                    $"An import does not shelve or terminate a lead: do it on the lead's page, with the reason"));
                return;
            }
        }
        else if (row.Stage is { } stage)
        {
            if (lead.State != LeadState.Active)
            {
                problem(LeadColumn.Stage, row.StageText, new(
                    $"线索“{lead.Name}”已{PromotionVocabulary.Name(lead.State)}：导入不恢复推进，请在线索页操作",
                    $"The lead \"{lead.Name}\" is {PromotionVocabulary.Code(lead.State)}: an import does not take it up again; do it on its page"));
                return;
            }

            target = stage;
        }
        else if (present.Contains(LeadColumn.Stage) && isNew)
        {
            target = LeadStage.Lead;
        }

        var good = true;
        foreach (var (s, d) in row.Dates.OrderBy(x => x.Key))
        {
            if (s > target)
            {
                problem(LeadFile.DateColumn(s), PromotionCells.Iso(d), new(
                    $"所处阶段为{PromotionVocabulary.Name(target)}，不应填写{PromotionVocabulary.Name(s)}日期",
                    $"The lead is at {PromotionVocabulary.Code(target)}: it has no {PromotionVocabulary.Code(s)} date"));
                good = false;
            }
            else if (recorded.TryGetValue(s, out var known) && known != d)
            {
                problem(LeadFile.DateColumn(s), PromotionCells.Iso(d), new(
                    $"与已记录的{PromotionVocabulary.Name(s)}日期{ChineseFormat.Date(known)}不同：导入不改已记录的阶段日期",
                    $"Differs from the recorded {PromotionVocabulary.Code(s)} date {PromotionCells.Iso(known)}: an import does not change a recorded stage date"));
                good = false;
            }
        }

        if (target < at)
        {
            problem(LeadColumn.Stage, row.StageText, new(
                $"线索已处于{PromotionVocabulary.Name(at)}阶段，不能退回{PromotionVocabulary.Name(target)}",
                $"The lead is at {PromotionVocabulary.Code(at)}: it cannot move back to {PromotionVocabulary.Code(target)}"));
            return;
        }

        if (row.ContractAmount is { } amount)
        {
            if (target < LeadStage.Signed)
            {
                problem(LeadColumn.ContractAmount, amount.ToPlainString(), new("所处阶段未到签约，不应填写签约金额", "The lead is not signed: it has no contract amount"));
                return;
            }

            if (at >= LeadStage.Signed && lead.ContractAmount != amount)
            {
                problem(LeadColumn.ContractAmount, amount.ToPlainString(), new(
                    $"与已记录的签约金额{lead.ContractAmount?.ToPlainString() ?? "（空）"}万元不同：导入不改签约金额",
                    $"Differs from the recorded contract amount of {lead.ContractAmount?.ToPlainString() ?? "(none)"} 万元: an import does not change it"));
                return;
            }
        }

        if (!good || target == at)
        {
            return;
        }

        if (lead.ProjectId is not null && target >= LeadStage.Started)
        {
            problem(LeadColumn.Stage, row.StageText, new($"线索“{lead.Name}”已转为项目，开工、投产以项目台账为准", $"The lead \"{lead.Name}\" is a ledger project: its start and production are the project's"));
            return;
        }

        var missing = PromotionVocabulary.Stages.Where(s => s > at && s <= target && !row.Dates.ContainsKey(s)).ToList();
        if (missing.Count > 0)
        {
            problem(LeadColumn.Stage, row.StageText, new(
                $"所处阶段为{PromotionVocabulary.Name(target)}，须填写{string.Join("、", missing.Select(s => LeadFile.Header(LeadFile.DateColumn(s))))}",
                $"The lead is at {PromotionVocabulary.Code(target)}: give {string.Join(", ", missing.Select(s => LeadFile.Header(LeadFile.DateColumn(s))))}"));
            return;
        }

        try
        {
            lead.Advance(new StageMove
            {
                Stage = target,
                On = row.Dates[target],
                Passed = row.Dates.Where(x => x.Key > lead.Stage && x.Key < target).ToDictionary(x => x.Key, x => x.Value),
                ContractAmount = row.ContractAmount,
            }, today);
        }
        catch (DomainException e)
        {
            var column = e.Field == "contractAmount" ? LeadColumn.ContractAmount : e.Field == "on" ? LeadFile.DateColumn(target) : LeadColumn.Stage;
            problem(column, CellOf(row, column), e.Text);
        }
    }

    /// <summary>A 最近跟进 later than the lead's last follow-up is a new contact, with its method and content; an earlier or equal one is already known.</summary>
    private static void FollowUp(Lead lead, LeadFileRow row, FollowUpCell cell, DateOnly today, string by, DateTimeOffset at, Action<LeadColumn, string?, Text> problem)
    {
        if (lead.FollowUps.Count > 0 && cell.On <= lead.FollowUps.Max(f => f.On))
        {
            return;
        }

        if (cell.Method is null || cell.What is null)
        {
            problem(LeadColumn.LastFollowUp, PromotionCells.Iso(cell.On), new(
                "新的跟进须写明方式和内容，如“2024年4月2日 电话：沟通用地”（方式：外出拜访、来访考察、视频洽谈、电话）",
                "A new follow-up names its method and what was done, e.g. \"2024-04-02 电话：沟通用地\" (外出拜访, 来访考察, 视频洽谈, 电话)"));
            return;
        }

        try
        {
            lead.AddFollowUp(new FollowUpInput { On = cell.On, Who = lead.Officer ?? by, Method = cell.Method.Value, What = cell.What }, by, at, today);
        }
        catch (ValidationException e)
        {
            problem(LeadColumn.LastFollowUp, PromotionCells.Iso(cell.On), e.Errors[0].Text);
        }
        catch (DomainException e)
        {
            problem(LeadColumn.LastFollowUp, PromotionCells.Iso(cell.On), e.Text);
        }
    }

    private static string Column(LeadRead read, LeadColumn c) => read.Headers.TryGetValue(c, out var h) ? h : LeadFile.Header(c);

    private static LeadColumn ColumnOf(string? field, LeadColumn onDate) => field switch
    {
        "name" => LeadColumn.Name,
        "investor" => LeadColumn.Investor,
        "uscc" => LeadColumn.Uscc,
        "channel" or "referrer" or "platform" => LeadColumn.Channel,
        "chain" or "link" => LeadColumn.Chain,
        "intendedInvestment" => LeadColumn.IntendedInvestment,
        "officer" => LeadColumn.Officer,
        "remarks" => LeadColumn.Remarks,
        "contractAmount" or "contractTerms" => LeadColumn.ContractAmount,
        "on" => onDate,
        _ => LeadColumn.Name,
    };

    private static string? CellOf(LeadFileRow row, LeadColumn c) => c switch
    {
        LeadColumn.Name => row.Name,
        LeadColumn.Investor => row.Investor,
        LeadColumn.Uscc => row.Uscc?.Value,
        LeadColumn.Channel => PromotionCells.Join(row.Channel is { } ch ? PromotionVocabulary.Name(ch) : null, row.ChannelDetail),
        LeadColumn.Chain => PromotionCells.Join(row.Chain, row.Link),
        LeadColumn.IntendedInvestment => row.IntendedInvestment?.ToPlainString(),
        LeadColumn.ContractAmount => row.ContractAmount?.ToPlainString(),
        LeadColumn.Officer => row.Officer,
        LeadColumn.Remarks => row.Remarks,
        LeadColumn.Stage => row.StageText,
        _ => LeadFile.Fields.Contains(c) && PromotionVocabulary.Stages.FirstOrDefault(s => LeadFile.DateColumn(s) == c) is var s && row.Dates.TryGetValue(s, out var d) ? PromotionCells.Iso(d) : null,
    };
}
