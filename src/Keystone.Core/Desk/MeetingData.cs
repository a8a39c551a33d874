using Keystone.Core.Data;
using Keystone.Core.Figures;
using Keystone.Core.Inspections;
using Keystone.Core.Lights;
using Keystone.Core.Meetings;
using Keystone.Core.Problems;
using Keystone.Core.Units;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Core.Desk;

/// <summary>Reading meetings and inspections: their tracked items judged as of a day, the previous meeting, a meeting's pack and an inspection's minutes.</summary>
public static class MeetingData
{
    /// <summary>A meeting's decisions, each with its problem judged on <paramref name="asOf"/>; those not yet raised that day are left out.</summary>
    public static async Task<IReadOnlyList<TrackedItem>> DecisionsAsync(AppDbContext db, OrgTree tree, int meetingId, DateOnly asOf, CancellationToken ct = default)
    {
        var decisions = await db.MeetingDecisions.AsNoTracking()
            .Where(d => d.MeetingId == meetingId)
            .Select(d => new { d.Sequence, d.ResponsibleUnitId, d.Problem!.Number })
            .ToListAsync(ct);
        var judged = await JudgeAsync(db, tree, decisions.Select(d => d.Number).ToList(), asOf, ct);
        return decisions
            .Where(d => judged.ContainsKey(d.Number))
            .OrderBy(d => d.Sequence)
            .Select(d =>
            {
                var problem = judged[d.Number];
                var responsible = d.ResponsibleUnitId is { } unit && tree.Contains(unit) ? tree[unit].Name : problem.Standing.Department ?? "";
                return new TrackedItem(d.Sequence, responsible, problem);
            })
            .ToList();
    }

    /// <summary>The meeting of the same unit and kind held last before <paramref name="meeting"/> (the same day counts when recorded earlier).</summary>
    public static async Task<Meeting?> PreviousAsync(AppDbContext db, Meeting meeting, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        return await db.Meetings.AsNoTracking()
            .Where(m => m.OrgUnitId == meeting.OrgUnitId && m.Kind == meeting.Kind && (m.HeldOn < meeting.HeldOn || (m.HeldOn == meeting.HeldOn && m.Id < meeting.Id)))
            .OrderByDescending(m => m.HeldOn).ThenByDescending(m => m.Id)
            .FirstOrDefaultAsync(ct);
    }

    /// <summary>
    /// Everything a meeting's pack says, read through the one door as of the meeting's day (today for a meeting
    /// still ahead): the unit's snapshot and drafted briefing, all its lit projects and overdue problems, the
    /// agenda with each project's or unit's figures, and the previous meeting's decisions judged that day.
    /// </summary>
    public static async Task<PackInput> PackAsync(AppDbContext db, OrgTree tree, Meeting meeting, DateOnly today, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        var asOf = meeting.HeldOn < today ? meeting.HeldOn : today;
        var scope = tree[meeting.OrgUnitId];
        var snapshot = await ScopeDesk.LoadAsync(db, tree, scope, asOf.Year, asOf, ct);
        var drafted = ScopeDesk.Draft(snapshot);
        var lights = drafted.Input.Lights;

        var agenda = new List<string>();
        var projectIds = meeting.Agenda.Where(a => a.ProjectId is not null).Select(a => a.ProjectId!.Value).ToList();
        var projects = await db.Projects.AsNoTracking().Where(p => projectIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => new { p.Code, p.Name }, ct);
        foreach (var item in meeting.Agenda.OrderBy(a => a.Sequence))
        {
            if (item.ProjectId is { } id && projects.TryGetValue(id, out var project))
            {
                agenda.Add(MeetingPack.AgendaProject(
                    project.Name, project.Code, snapshot.Rows.FirstOrDefault(r => r.ProjectId == id), lights.FirstOrDefault(l => l.ProjectId == id), item.Note));
            }
            else if (item.UnitId is { } unit && tree.Contains(unit))
            {
                var units = tree.Subtree(unit).ToHashSet();
                agenda.Add(MeetingPack.AgendaUnit(tree[unit].Name, FiguresEngine.Compute(snapshot.Rows.Where(r => units.Contains(r.UnitId)), asOf.Year, asOf), item.Note));
            }
        }

        PackPrevious? previous = null;
        if (await PreviousAsync(db, meeting, ct) is { } before)
        {
            previous = new PackPrevious(before.Title, before.Kind, before.HeldOn, await DecisionsAsync(db, tree, before.Id, asOf, ct));
        }

        // The indicators as published before the meeting: the last month ending before the meeting's month.
        var published = await IndicatorData.LatestPeriodAsync(db, scope.Id, meeting.HeldOn.AddDays(-meeting.HeldOn.Day), ct);
        var economy = await IndicatorData.EconomyAsync(db, tree, scope, published, ct);

        return new PackInput
        {
            Meeting = new PackMeeting(meeting.Title, meeting.Kind, meeting.HeldOn, meeting.Chair, meeting.Attendees, scope.Name),
            AsOf = asOf,
            Briefing = drafted.Briefing,
            Lights = lights,
            Overdue = snapshot.Problems.OverdueProblems,
            Agenda = agenda,
            Previous = previous,

            // The figures against the year's targets, the running campaigns and the promotion figures as the unit's
            // briefing words them, and its indicators of the last published month.
            Extensions = MeetingPack.AreaSections(drafted.Briefing, economy.Rows.Count > 0 ? Briefings.EconomyBriefingWriter.Write(economy) : null),
        };
    }

    /// <summary>An inspection's stops and instructions (loaded with the inspection), each instruction judged on <paramref name="asOf"/>, with its latest reply.</summary>
    public static async Task<MinutesInput> MinutesAsync(AppDbContext db, OrgTree tree, Inspection inspection, DateOnly asOf, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(inspection);
        var problemIds = inspection.Stops.SelectMany(s => s.Instructions).Select(i => i.ProblemId).ToList();
        var problems = await db.Problems.AsNoTracking().Where(p => problemIds.Contains(p.Id))
            .Select(p => new { p.Id, p.Number, p.LeaderWords, p.AnswerText })
            .ToDictionaryAsync(p => p.Id, ct);
        var judged = await JudgeAsync(db, tree, problems.Values.Select(p => p.Number).ToList(), asOf, ct);
        var stops = inspection.Stops.OrderBy(s => s.Sequence).Select(s => new MinutesStop(
            s.Sequence,
            s.Site,
            s.Reported,
            s.Instructions.OrderBy(i => i.Sequence)
                .Where(i => judged.ContainsKey(problems[i.ProblemId].Number))
                .Select(i =>
                {
                    var p = problems[i.ProblemId];
                    var judgedProblem = judged[p.Number];
                    var answered = judgedProblem.Standing.Status is ProblemStatus.Answered or ProblemStatus.Closed;
                    return new MinutesInstruction(i.Sequence, i.Addressee, p.LeaderWords ?? judgedProblem.Row.Title, judgedProblem, answered ? p.AnswerText : null);
                })
                .ToList()))
            .ToList();
        var places = inspection.Stops.OrderBy(s => s.Sequence).Select(s => s.OrgUnitId).Distinct()
            .Where(tree.Contains).Select(id => tree[id].Name).ToList();
        return new MinutesInput(inspection.Title, inspection.Leader, inspection.HeldOn, inspection.Officials, places, asOf, stops);
    }

    /// <summary>The problems numbered, judged on <paramref name="asOf"/> by their own units' service levels, by number; those not yet raised are absent.</summary>
    private static async Task<Dictionary<string, JudgedProblem>> JudgeAsync(AppDbContext db, OrgTree tree, IReadOnlyCollection<string> numbers, DateOnly asOf, CancellationToken ct)
    {
        if (numbers.Count == 0)
        {
            return [];
        }

        var rows = await ProblemData.RowsAsync(db.Problems.Where(p => numbers.Contains(p.Number)), ct);
        var rules = await LightsData.RulesAsync(db, tree, ct);
        return ProblemJudge.Judge(rows, tree, rules, asOf).ToDictionary(p => p.Row.Number, StringComparer.Ordinal);
    }
}
