using System.Globalization;
using Keystone.Core;
using Keystone.Core.Accounts;
using Keystone.Core.Data;
using Keystone.Core.Desk;
using Keystone.Core.Documents;
using Keystone.Core.Meetings;
using Keystone.Core.Problems;
using Keystone.Core.Units;
using Keystone.Features.Problems;
using Keystone.Web;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Features.Meetings;

/// <summary>One agenda entry: a project by code, or a unit by name.</summary>
public sealed record AgendaInput(string? Project, string? Unit, string? Note);

/// <summary>POST /api/meetings: kind (调度会 | 看述评 | 经济运行分析会), date, chair, attendees, the scope holding it, its agenda.</summary>
public sealed record MeetingInput(string? Scope, string? Kind, DateOnly? Date, string? Title, string? Chair, string? Attendees, IReadOnlyList<AgendaInput>? Agenda);

/// <summary>PUT /api/meetings/{id}/minutes: the minutes, and optionally the meeting's version they were written against (乐观并发).</summary>
public sealed record MinutesInput(string? Minutes, int? Version = null);

/// <summary>POST /api/meetings/{id}/decisions: what was decided, for whom (unit or department), by when, about which project.</summary>
public sealed record DecisionInput(string? Text, string? Detail, string? Unit, string? Department, DateOnly? Deadline, string? ProjectCode, string? Category);

public sealed record AgendaDto(int Sequence, string? ProjectCode, string? ProjectName, string? Unit, string? Note);

public sealed record DecisionDto(int Sequence, string Text, string Responsible, ProblemItem Problem, string StatusText);

public sealed record TallyDto(int Total, int Closed, int Answered, int InProgress, int Overdue)
{
    public static TallyDto Of(FollowUpTally t) => new(t.Total, t.Closed, t.Answered, t.InProgress, t.Overdue);
}

public sealed record PreviousDto(int Id, string Title, DateOnly Date, TallyDto Decisions, string Sentence);

public sealed record MeetingItem(int Id, string Title, MeetingKind Kind, string KindName, DateOnly Date, string Unit, string Chair, TallyDto Decisions);

public sealed record MeetingDetailDto(
    int Id, string Title, MeetingKind Kind, string KindName, DateOnly Date, string Unit, string Chair, string? Attendees, string? Minutes,
    IReadOnlyList<AgendaDto> Agenda, IReadOnlyList<DecisionDto> Decisions, TallyDto Tally, PreviousDto? Previous, string Pack, DateOnly AsOf)
{
    /// <summary>The meeting's version (also the ETag): what an edit of its minutes sends back as If-Match or <c>version</c>.</summary>
    public int Version { get; init; }
}

/// <summary>
/// What an officer does with meetings, scoped by the caller, for the API and the pages alike: hold (record) one,
/// its minutes, its decisions (each a problem of the loop), its pack. A meeting of a unit the caller cannot see is
/// not found: zone officers see their zone's meetings, a city's officers its own and its zones'.
/// </summary>
public static class MeetingActions
{
    public static NotFoundException NotFound(int id) => new(new($"找不到会议{id}", $"No meeting {id}"));

    /// <summary>How the audit log names a meeting (its type and id, as AuditInterceptor.Describe logs what it has no case for): where a stale save reads what changed.</summary>
    public const string AuditEntity = "meeting";

    public static string AuditKey(Meeting meeting) => meeting.Id.ToString(CultureInfo.InvariantCulture);

    public static async Task<Meeting> FindAsync(AppDbContext db, Caller caller, OrgTree tree, int id, CancellationToken ct)
    {
        var meeting = await db.Meetings.Include(m => m.Agenda).Include(m => m.Decisions).AsSplitQuery().FirstOrDefaultAsync(m => m.Id == id, ct);
        return meeting is not null && caller.CanSee(tree, meeting.OrgUnitId) ? meeting : throw NotFound(id);
    }

    public static async Task<IReadOnlyList<MeetingItem>> ListAsync(AppDbContext db, Caller caller, OrgTree tree, string? scope, string? kind, DateOnly today, CancellationToken ct)
    {
        var unit = caller.Resolve(tree, scope);
        var units = tree.Subtree(unit.Id);
        var query = db.Meetings.AsNoTracking().Where(m => units.Contains(m.OrgUnitId));
        if (!string.IsNullOrWhiteSpace(kind))
        {
            var k = MeetingVocabulary.ParseKind(kind);
            query = query.Where(m => m.Kind == k);
        }

        var meetings = await query.OrderByDescending(m => m.HeldOn).ThenByDescending(m => m.Id).Take(500).ToListAsync(ct);
        var culture = CultureInfo.CurrentUICulture;
        var items = new List<MeetingItem>();
        foreach (var m in meetings)
        {
            var tally = FollowUp.Tally(await MeetingData.DecisionsAsync(db, tree, m.Id, today, ct));
            items.Add(new MeetingItem(m.Id, m.Title, m.Kind, MeetingVocabulary.Name(m.Kind).For(culture), m.HeldOn, tree[m.OrgUnitId].Name, m.Chair, TallyDto.Of(tally)));
        }

        return items;
    }

    public static async Task<Meeting> HoldAsync(AppDbContext db, Caller caller, TimeProvider clock, MeetingInput input, CancellationToken ct)
    {
        var tree = await db.LoadTreeAsync(ct);
        var errors = new List<DomainException>();
        ApiSupport.Require(errors, input.Date is not null, "date", "会议日期", "The date");
        MeetingKind? kind = null;
        try
        {
            kind = MeetingVocabulary.ParseKind(input.Kind);
        }
        catch (DomainException e)
        {
            errors.Add(e);
        }

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
        }

        ApiSupport.ThrowIfAny(errors);
        Meeting meeting;
        try
        {
            meeting = new Meeting(unit!.Id, unit.Name, kind!.Value, input.Date!.Value, input.Title, input.Chair ?? "", input.Attendees, caller.UserName, clock.GetUtcNow());
        }
        catch (ValidationException e)
        {
            errors.AddRange(e.Errors);
            throw new ValidationException(errors);
        }

        meeting.SetAgenda(await AgendaAsync(db, caller, tree, unit, input.Agenda ?? [], ct));
        db.Meetings.Add(meeting);
        await db.SaveChangesAsync(ct);
        return meeting;
    }

    /// <summary>The agenda's projects and units, each within the meeting's scope and the caller's.</summary>
    private static async Task<List<AgendaEntry>> AgendaAsync(AppDbContext db, Caller caller, OrgTree tree, OrgUnitInfo unit, IReadOnlyList<AgendaInput> agenda, CancellationToken ct)
    {
        var entries = new List<AgendaEntry>();
        foreach (var (item, i) in agenda.Select((a, i) => (a, i + 1)))
        {
            if (!string.IsNullOrWhiteSpace(item.Project))
            {
                var code = item.Project.Trim();
                var project = await caller.Coded(db.Projects, tree, code).Select(p => new { p.Id, p.OrgUnitId }).FirstOrDefaultAsync(ct);
                if (project is null || !tree.IsWithin(project.OrgUnitId, unit.Id))
                {
                    throw new DomainException(new($"第{i}项议题：找不到{unit.Name}的项目“{code}”", $"Agenda item {i}: {unit.Name} has no project \"{code}\""), "agenda");
                }

                entries.Add(new AgendaEntry(project.Id, null, item.Note));
            }
            else if (!string.IsNullOrWhiteSpace(item.Unit))
            {
                var named = tree.Resolve(item.Unit, id => caller.CanSee(tree, id));
                if (!caller.CanSee(tree, named.Id) || !tree.IsWithin(named.Id, unit.Id))
                {
                    throw new DomainException(new($"第{i}项议题：找不到{unit.Name}的下级单位“{item.Unit}”", $"Agenda item {i}: no unit \"{item.Unit}\" within {unit.Name}"), "agenda");
                }

                entries.Add(new AgendaEntry(null, named.Id, item.Note));
            }
            else
            {
                throw new DomainException(new($"第{i}项议题须指定项目编号（project）或单位（unit）", $"Agenda item {i} names a project (project) or a unit (unit)"), "agenda");
            }
        }

        return entries;
    }

    public static async Task<Meeting> RecordMinutesAsync(AppDbContext db, Caller caller, TimeProvider clock, int id, MinutesInput input, CancellationToken ct)
    {
        var meeting = await FindAsync(db, caller, await db.LoadTreeAsync(ct), id, ct);
        meeting.RecordMinutes(input.Minutes, DeskDate.Today(clock));
        await db.SaveChangesAsync(ct);
        return meeting;
    }

    public static async Task<MeetingDecision> DecideAsync(AppDbContext db, Caller caller, TimeProvider clock, int id, DecisionInput input, CancellationToken ct)
    {
        var tree = await db.LoadTreeAsync(ct);
        var meeting = await FindAsync(db, caller, tree, id, ct);
        var errors = new List<DomainException>();
        ApiSupport.Require(errors, !string.IsNullOrWhiteSpace(input.Text), "text", "议定事项", "The decision");
        ApiSupport.Require(errors, input.Deadline is not null, "deadline", "办理时限", "The deadline");
        var category = ProblemActions.Category(errors, input.Category);

        int? unitId = null;
        if (!string.IsNullOrWhiteSpace(input.Unit))
        {
            try
            {
                unitId = caller.Resolve(tree, input.Unit).Id;
            }
            catch (NotFoundException e)
            {
                errors.Add(new(e.Text, "unit"));
            }
        }

        (int Id, int UnitId, int? EnterpriseId)? project = null;
        if (!string.IsNullOrWhiteSpace(input.ProjectCode))
        {
            var code = input.ProjectCode.Trim();
            var found = await caller.Coded(db.Projects, tree, code).Select(p => new { p.Id, p.OrgUnitId, p.EnterpriseId }).FirstOrDefaultAsync(ct);
            if (found is null)
            {
                errors.Add(new(new($"找不到项目“{code}”", $"No project with the code \"{code}\""), "projectCode"));
            }
            else
            {
                project = (found.Id, found.OrgUnitId, found.EnterpriseId);
            }
        }

        ApiSupport.ThrowIfAny(errors);
        return await MeetingDesk.DecideAsync(db, tree, meeting, new DecisionEntry
        {
            Text = input.Text!,
            Detail = input.Detail,
            UnitId = unitId,
            Department = input.Department,
            Deadline = input.Deadline!.Value,
            ProjectId = project?.Id,
            ProjectUnitId = project?.UnitId,
            EnterpriseId = project?.EnterpriseId,
            Category = category!.Value,
        }, caller.UserName, clock.GetUtcNow(), DeskDate.Today(clock), ct);
    }

    /// <summary>The meeting with its agenda, its decisions judged on <paramref name="today"/> (the desk's 截至 date), and the previous meeting's decisions judged on this one's day.</summary>
    public static async Task<MeetingDetailDto> DetailAsync(AppDbContext db, OrgTree tree, Meeting meeting, DateOnly today, CancellationToken ct)
    {
        var culture = CultureInfo.CurrentUICulture;
        var projectIds = meeting.Agenda.Where(a => a.ProjectId is not null).Select(a => a.ProjectId!.Value).ToList();
        var projects = await db.Projects.AsNoTracking().Where(p => projectIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => (p.Code, p.Name), ct);
        var agenda = meeting.Agenda.OrderBy(a => a.Sequence).Select(a => new AgendaDto(
            a.Sequence,
            a.ProjectId is { } p && projects.TryGetValue(p, out var pr) ? pr.Code : null,
            a.ProjectId is { } q && projects.TryGetValue(q, out var pn) ? pn.Name : null,
            a.UnitId is { } u && tree.Contains(u) ? tree[u].Name : null,
            a.Note)).ToList();
        var decisions = await MeetingData.DecisionsAsync(db, tree, meeting.Id, today, ct);
        PreviousDto? previous = null;
        if (await MeetingData.PreviousAsync(db, meeting, ct) is { } before)
        {
            var on = meeting.HeldOn < today ? meeting.HeldOn : today;
            var tally = FollowUp.Tally(await MeetingData.DecisionsAsync(db, tree, before.Id, on, ct));
            previous = new PreviousDto(before.Id, before.Title, before.HeldOn, TallyDto.Of(tally), FollowUp.PreviousSentence(before.Kind, tally));
        }

        return new MeetingDetailDto(
            meeting.Id, meeting.Title, meeting.Kind, MeetingVocabulary.Name(meeting.Kind).For(culture), meeting.HeldOn, tree[meeting.OrgUnitId].Name, meeting.Chair, meeting.Attendees, meeting.Minutes,
            agenda,
            decisions.Select(d => new DecisionDto(d.Sequence, d.Problem.Row.Title, d.Responsible, ProblemItem.Of(d.Problem, tree, culture), FollowUp.StatusText(d.Problem.Standing).For(culture))).ToList(),
            TallyDto.Of(FollowUp.Tally(decisions)),
            previous,
            $"/api/meetings/{meeting.Id.ToString(CultureInfo.InvariantCulture)}/pack",
            today)
        {
            Version = meeting.Version,
        };
    }

    /// <summary>The pack (.docx) as of the meeting's day, and its file name.</summary>
    public static async Task<(byte[] Bytes, string Name)> PackAsync(AppDbContext db, OrgTree tree, Meeting meeting, TimeProvider clock, CancellationToken ct)
    {
        var input = await MeetingData.PackAsync(db, tree, meeting, DeskDate.Today(clock), ct);
        using var output = new MemoryStream();
        BriefingDocx.Write(MeetingPack.Write(input), new BriefingDocxOptions { IssuingBody = tree[meeting.OrgUnitId].Name, Date = input.AsOf, Created = clock.GetUtcNow() }, output);
        return (output.ToArray(), $"{meeting.Title}会议材料.docx");
    }
}
