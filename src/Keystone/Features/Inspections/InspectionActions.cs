using System.Globalization;
using Keystone.Core;
using Keystone.Core.Accounts;
using Keystone.Core.Data;
using Keystone.Core.Desk;
using Keystone.Core.Documents;
using Keystone.Core.Inspections;
using Keystone.Core.Meetings;
using Keystone.Core.Problems;
using Keystone.Core.Units;
using Keystone.Features.Meetings;
using Keystone.Features.Problems;
using Keystone.Web;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Features.Inspections;

/// <summary>An instruction: to (unit | enterprise | contractor | department), the addressee's name, the words, by when.</summary>
public sealed record InstructionInput(string? To, string? Addressee, string? Words, string? Title, DateOnly? Deadline, string? Category);

/// <summary>A stop: a project by code or an enterprise by USCC (with the unit it is in), what was reported, the instructions.</summary>
public sealed record StopInput(string? Project, string? Enterprise, string? Unit, string? Site, string? Reported, IReadOnlyList<InstructionInput>? Instructions);

/// <summary>POST /api/inspections: the scope (the inspecting unit), the date, the leader, the officials, the stops in order.</summary>
public sealed record InspectionInput(string? Scope, DateOnly? Date, string? Leader, string? Officials, string? Title, IReadOnlyList<StopInput>? Stops);

public sealed record InstructionDto(int Sequence, AddresseeKind To, string ToName, string Addressee, string Words, ProblemItem Problem, string StatusText, string? Reply);

public sealed record StopDto(int Sequence, string Site, string Unit, string? ProjectCode, string? Reported, IReadOnlyList<InstructionDto> Instructions);

public sealed record InspectionItem(int Id, string Title, DateOnly Date, string Leader, string Unit, int Stops, TallyDto Instructions);

public sealed record InspectionDetailDto(
    int Id, string Title, DateOnly Date, string Leader, string? Officials, string Unit, IReadOnlyList<StopDto> Stops, TallyDto Tally, string Sentence, string Minutes, DateOnly AsOf);

/// <summary>
/// What an officer records of a leader's inspection, scoped by the caller: the day, its stops and the
/// instructions given (each a problem of the loop, source 调研交办), and its minutes (调研纪要).
/// </summary>
public static class InspectionActions
{
    public static NotFoundException NotFound(int id) => new(new($"找不到调研{id}", $"No inspection {id}"));

    public static Text KindName(AddresseeKind kind) => kind switch
    {
        AddresseeKind.Unit => new("单位", "Unit"),
        AddresseeKind.Enterprise => new("项目企业", "Enterprise"),
        AddresseeKind.Contractor => new("施工单位", "Contractor"),
        AddresseeKind.Department => new("部门", "Department"),
    };

    public static AddresseeKind ParseKind(string? text) => Keystone.Core.Projects.ProjectVocabulary.Normalize(text ?? "") switch
    {
        "unit" or "单位" or "县区" or "区" => AddresseeKind.Unit,
        "enterprise" or "企业" or "项目企业" => AddresseeKind.Enterprise,
        "contractor" or "施工单位" => AddresseeKind.Contractor,
        "department" or "部门" or "责任单位" => AddresseeKind.Department,
        _ => throw new DomainException(new($"交办对象类型“{text}”无效：可用 unit、enterprise、contractor、department", $"The addressee kind \"{text}\" is not valid: use unit, enterprise, contractor or department"), "to"),
    };

    public static async Task<Inspection> FindAsync(AppDbContext db, Caller caller, OrgTree tree, int id, CancellationToken ct)
    {
        var inspection = await db.Inspections.Include(i => i.Stops).ThenInclude(s => s.Instructions).Include(i => i.Stops).ThenInclude(s => s.Project).AsSplitQuery().FirstOrDefaultAsync(i => i.Id == id, ct);
        return inspection is not null && caller.CanSee(tree, inspection.OrgUnitId) ? inspection : throw NotFound(id);
    }

    public static async Task<IReadOnlyList<InspectionItem>> ListAsync(AppDbContext db, Caller caller, OrgTree tree, string? scope, DateOnly today, CancellationToken ct)
    {
        var unit = caller.Resolve(tree, scope);
        var units = tree.Subtree(unit.Id);
        var inspections = await db.Inspections.Include(i => i.Stops).ThenInclude(s => s.Instructions).AsSplitQuery().AsNoTracking()
            .Where(i => units.Contains(i.OrgUnitId)).OrderByDescending(i => i.HeldOn).ThenByDescending(i => i.Id).Take(500).ToListAsync(ct);
        var items = new List<InspectionItem>();
        foreach (var i in inspections)
        {
            var minutes = await MeetingData.MinutesAsync(db, tree, i, today, ct);
            items.Add(new InspectionItem(i.Id, i.Title, i.HeldOn, i.Leader, tree[i.OrgUnitId].Name, i.Stops.Count, TallyDto.Of(FollowUp.Tally(minutes.Items))));
        }

        return items;
    }

    public static async Task<Inspection> RecordAsync(AppDbContext db, Caller caller, TimeProvider clock, InspectionInput input, CancellationToken ct)
    {
        var tree = await db.LoadTreeAsync(ct);
        var errors = new List<DomainException>();
        ApiSupport.Require(errors, input.Date is not null, "date", "调研日期", "The date");
        OrgUnitInfo? unit = null;
        try
        {
            unit = caller.Resolve(tree, input.Scope);
        }
        catch (NotFoundException e)
        {
            errors.Add(new(e.Text, "scope"));
        }

        if (input.Date is { } d)
        {
            ApiSupport.Try(errors, "date", () => SaneDate.Check(d, "date"));
            if (d > DeskDate.Today(clock))
            {
                errors.Add(new(new("调研日期不能晚于今天", "The inspection date cannot be after today"), "date"));
            }
        }

        ApiSupport.ThrowIfAny(errors);

        // All or nothing: a refused stop or instruction leaves no half-recorded inspection behind.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var inspection = new Inspection(unit!.Id, input.Date!.Value, input.Leader ?? "", input.Officials, input.Title, caller.UserName, clock.GetUtcNow());
        db.Inspections.Add(inspection);
        await db.SaveChangesAsync(ct);
        foreach (var stop in input.Stops ?? [])
        {
            await AddStopAsync(db, caller, clock, tree, inspection, stop, ct);
        }

        await transaction.CommitAsync(ct);
        return inspection;
    }

    public static async Task<Inspection> AddStopAsync(AppDbContext db, Caller caller, TimeProvider clock, int id, StopInput input, CancellationToken ct)
    {
        var tree = await db.LoadTreeAsync(ct);
        var inspection = await FindAsync(db, caller, tree, id, ct);
        await AddStopAsync(db, caller, clock, tree, inspection, input, ct);
        return inspection;
    }

    public static async Task<Inspection> InstructAsync(AppDbContext db, Caller caller, TimeProvider clock, int id, int sequence, InstructionInput input, CancellationToken ct)
    {
        var tree = await db.LoadTreeAsync(ct);
        var inspection = await FindAsync(db, caller, tree, id, ct);
        var stop = inspection.Stops.FirstOrDefault(s => s.Sequence == sequence)
            ?? throw new NotFoundException(new($"调研{id}没有第{sequence}个调研点", $"Inspection {id} has no stop {sequence}"));
        await InstructAsync(db, caller, clock, tree, inspection, stop, input, ct);
        return inspection;
    }

    private static async Task AddStopAsync(AppDbContext db, Caller caller, TimeProvider clock, OrgTree tree, Inspection inspection, StopInput input, CancellationToken ct)
    {
        var errors = new List<DomainException>();
        int? projectId = null, enterpriseId = null;
        var unitId = inspection.OrgUnitId;
        var site = input.Site;
        if (!string.IsNullOrWhiteSpace(input.Project))
        {
            var code = input.Project.Trim();
            var project = await caller.Coded(db.Projects, tree, code).Select(p => new { p.Id, p.OrgUnitId, p.Name }).FirstOrDefaultAsync(ct);
            if (project is null || !tree.IsWithin(project.OrgUnitId, inspection.OrgUnitId))
            {
                errors.Add(new(new($"找不到项目“{code}”", $"No project with the code \"{code}\""), "project"));
            }
            else
            {
                (projectId, unitId) = (project.Id, project.OrgUnitId);
                site ??= project.Name;
            }
        }
        else if (!string.IsNullOrWhiteSpace(input.Enterprise))
        {
            if (ApiSupport.Try(errors, "enterprise", () => new Uscc(input.Enterprise)) is { } uscc)
            {
                var enterprise = await db.Enterprises.AsNoTracking().FirstOrDefaultAsync(e => e.Uscc == uscc, ct);
                var usable = enterprise is not null && (caller.MayLinkEnterprise(tree, enterprise.OwnerUnitId) || await caller.Projects(db.Projects, tree).AnyAsync(p => p.EnterpriseId == enterprise.Id, ct));
                if (!usable)
                {
                    errors.Add(Keystone.Core.Enterprises.EnterpriseAccess.NotUsable("enterprise"));
                }
                else
                {
                    enterpriseId = enterprise!.Id;
                    site ??= enterprise.Name;
                }
            }

            if (!string.IsNullOrWhiteSpace(input.Unit))
            {
                try
                {
                    var named = caller.Resolve(tree, input.Unit);
                    if (tree.IsWithin(named.Id, inspection.OrgUnitId))
                    {
                        unitId = named.Id;
                    }
                    else
                    {
                        errors.Add(new(new($"单位“{input.Unit}”不在调研单位范围内", $"The unit \"{input.Unit}\" is not within the inspecting unit"), "unit"));
                    }
                }
                catch (NotFoundException e)
                {
                    errors.Add(new(e.Text, "unit"));
                }
            }
        }
        else
        {
            errors.Add(new(new("调研点须指定项目编号（project）或企业的统一社会信用代码（enterprise）", "A stop names a project (project) or an enterprise by its USCC (enterprise)"), "project"));
        }

        ApiSupport.ThrowIfAny(errors);
        var stop = inspection.AddStop(new StopEntry(unitId, projectId, enterpriseId, site ?? "", input.Reported));
        await db.SaveChangesAsync(ct);
        foreach (var instruction in input.Instructions ?? [])
        {
            await InstructAsync(db, caller, clock, tree, inspection, stop, instruction, ct);
        }
    }

    private static async Task InstructAsync(AppDbContext db, Caller caller, TimeProvider clock, OrgTree tree, Inspection inspection, InspectionStop stop, InstructionInput input, CancellationToken ct)
    {
        var errors = new List<DomainException>();
        ApiSupport.Require(errors, input.Deadline is not null, "deadline", "反馈时限", "The deadline");
        ApiSupport.Require(errors, !string.IsNullOrWhiteSpace(input.Words), "words", "交办原话", "The words of the instruction");
        AddresseeKind? kind = null;
        try
        {
            kind = ParseKind(input.To);
        }
        catch (DomainException e)
        {
            errors.Add(e);
        }

        var category = ProblemActions.Category(errors, input.Category);

        int? unitId = null;
        if (kind == AddresseeKind.Unit && !string.IsNullOrWhiteSpace(input.Addressee))
        {
            try
            {
                unitId = caller.Resolve(tree, input.Addressee).Id;
            }
            catch (NotFoundException e)
            {
                errors.Add(new(e.Text, "addressee"));
            }
        }

        ApiSupport.ThrowIfAny(errors);
        var projectEnterprise = stop.ProjectId is { } projectId ? await db.Projects.Where(p => p.Id == projectId).Select(p => p.EnterpriseId).FirstOrDefaultAsync(ct) : null;
        await InspectionDesk.InstructAsync(db, tree, inspection, stop, new InstructionEntry
        {
            Kind = kind!.Value,
            Addressee = input.Addressee ?? "",
            UnitId = unitId,
            Words = input.Words!,
            Title = input.Title,
            Deadline = input.Deadline!.Value,
            Category = category!.Value,
        }, projectEnterprise, caller.UserName, clock.GetUtcNow(), DeskDate.Today(clock), ct);
    }

    public static async Task<InspectionDetailDto> DetailAsync(AppDbContext db, OrgTree tree, Inspection inspection, DateOnly today, CancellationToken ct)
    {
        var culture = CultureInfo.CurrentUICulture;
        var minutes = await MeetingData.MinutesAsync(db, tree, inspection, today, ct);
        var stops = inspection.Stops.OrderBy(s => s.Sequence).Select(s =>
        {
            var judged = minutes.Stops.Single(m => m.Sequence == s.Sequence).Instructions.ToDictionary(i => i.Sequence);
            return new StopDto(s.Sequence, s.Site, tree.Contains(s.OrgUnitId) ? tree[s.OrgUnitId].Name : "", s.Project?.Code, s.Reported, s.Instructions.OrderBy(i => i.Sequence)
                .Where(i => judged.ContainsKey(i.Sequence))
                .Select(i =>
                {
                    var m = judged[i.Sequence];
                    return new InstructionDto(i.Sequence, i.AddresseeKind, KindName(i.AddresseeKind).For(culture), i.Addressee, m.Words, ProblemItem.Of(m.Problem, tree, culture), FollowUp.StatusText(m.Problem.Standing).For(culture), m.Reply);
                }).ToList());
        }).ToList();
        var tally = FollowUp.Tally(minutes.Items);
        return new InspectionDetailDto(
            inspection.Id, inspection.Title, inspection.HeldOn, inspection.Leader, inspection.Officials, tree[inspection.OrgUnitId].Name, stops, TallyDto.Of(tally), FollowUp.InstructionSentence(tally),
            $"/api/inspections/{inspection.Id.ToString(CultureInfo.InvariantCulture)}/minutes",
            today);
    }

    /// <summary>The 调研纪要 (.docx) judged today, and its file name.</summary>
    public static async Task<(byte[] Bytes, string Name)> MinutesAsync(AppDbContext db, OrgTree tree, Inspection inspection, TimeProvider clock, CancellationToken ct)
    {
        var today = DeskDate.Today(clock);
        var minutes = await MeetingData.MinutesAsync(db, tree, inspection, today, ct);
        using var output = new MemoryStream();
        BriefingDocx.Write(InspectionMinutes.Write(minutes), new BriefingDocxOptions { IssuingBody = tree[inspection.OrgUnitId].Name, Date = inspection.HeldOn, Created = clock.GetUtcNow() }, output);
        return (output.ToArray(), $"{inspection.Title}纪要（{inspection.HeldOn:yyyyMMdd}）.docx");
    }
}
