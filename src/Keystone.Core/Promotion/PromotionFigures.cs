using Keystone.Core.Lights;

namespace Keystone.Core.Promotion;

/// <summary>
/// A lead flattened with what the figures need: its stage dates (开工 the project's when it is one), its
/// follow-up dates and its state. The loader (<see cref="Desk.PromotionData"/>) makes these; the engine
/// takes nothing else.
/// </summary>
public sealed record LeadRow
{
    public required int Id { get; init; }

    public required int UnitId { get; init; }

    public required string Name { get; init; }

    public required string Investor { get; init; }

    public Uscc? Uscc { get; init; }

    public required LeadChannel Channel { get; init; }

    /// <summary>The date of each stage reached; 开工 is the linked project's 实际开工时间 when there is a project.</summary>
    public required IReadOnlyDictionary<LeadStage, DateOnly> Dates { get; init; }

    public Money? ContractAmount { get; init; }

    public LeadState State { get; init; } = LeadState.Active;

    public DateOnly? HaltedOn { get; init; }

    public IReadOnlyList<DateOnly> FollowUps { get; init; } = [];

    public int? ProjectId { get; init; }

    public string? ProjectCode { get; init; }

    public DateOnly LeadOn => Dates[LeadStage.Lead];

    public DateOnly? SignedOn => Dates.TryGetValue(LeadStage.Signed, out var d) ? d : null;

    public DateOnly? StartedOn => Dates.TryGetValue(LeadStage.Started, out var d) ? d : null;

    /// <summary>The furthest stage reached on or before the day.</summary>
    public LeadStage StageOn(DateOnly day) => Dates.Where(d => d.Value <= day).Select(d => d.Key).DefaultIfEmpty(LeadStage.Lead).Max();

    /// <summary>Shelved or terminated on the day, else active.</summary>
    public LeadState StateOn(DateOnly day) => State != LeadState.Active && HaltedOn is { } h && h <= day ? State : LeadState.Active;

    /// <summary>The last contact on or before the day: the latest follow-up or stage date.</summary>
    public DateOnly LastContact(DateOnly day) =>
        FollowUps.Where(f => f <= day).Concat(Dates.Values.Where(d => d <= day)).DefaultIfEmpty(LeadOn).Max();
}

/// <summary>A lead with no follow-up for too long, with its light and the reason a leader reads.</summary>
public sealed record StaleLead(int Id, int UnitId, string Name, int Days, DateOnly LastContact, Light Light, Text Reason);

/// <summary>A signed lead not yet started, with the days since signing.</summary>
public sealed record WaitingLead(int Id, int UnitId, string Name, string? ProjectCode, DateOnly SignedOn, Money? Amount, int Days);

/// <summary>The promotion figures of a scope, year and day (docs/domain.md "Promotion figures").</summary>
public sealed record PromotionFigures
{
    public required int Year { get; init; }

    public required DateOnly AsOf { get; init; }

    /// <summary>Leads recorded on or before the day.</summary>
    public required int Leads { get; init; }

    /// <summary>Stage code → leads at that stage on the day; shelved and terminated leads under "shelved" and "terminated".</summary>
    public required IReadOnlyDictionary<string, int> ByStage { get; init; }

    /// <summary>Channel code → leads.</summary>
    public required IReadOnlyDictionary<string, int> ByChannel { get; init; }

    /// <summary>New signings in the year up to the day, an investor signed in two zones counted once.</summary>
    public required int Signed { get; init; }

    /// <summary>Their contract amounts.</summary>
    public required Money SignedAmount { get; init; }

    /// <summary>Channel code → new signings in the year (counted once, as <see cref="Signed"/>).</summary>
    public required IReadOnlyDictionary<string, int> SignedByChannel { get; init; }

    /// <summary>The task's projects to sign; null when the scope has no task.</summary>
    public PromotionTaskFigures? Task { get; init; }

    /// <summary>signed / the task's projects; null ("—") without a task.</summary>
    public Percent? SignedRate { get; init; }

    /// <summary>signed amount / the task's amount; null ("—") without one.</summary>
    public Percent? SignedAmountRate { get; init; }

    /// <summary>Leads that started (开工) in the year up to the day.</summary>
    public required int Landed { get; init; }

    /// <summary>Average days from signing to start over the leads landed in the year; null when none.</summary>
    public decimal? AverageDaysToStart { get; init; }

    /// <summary>Signed, still active, not started on the day.</summary>
    public required IReadOnlyList<WaitingLead> Waiting { get; init; }

    public required IReadOnlyList<StaleLead> Stale { get; init; }

    /// <summary>Signed leads whose investor is signed in another zone too (each flagged lead counted).</summary>
    public required int Duplicates { get; init; }

    /// <summary>Promotion events (推介会, trips, signing ceremonies…) held in the year up to the day.</summary>
    public int Events { get; init; }
}

/// <summary>The promotion figures from lead rows: pure, so the API, the CLI, the pages and the briefing agree.</summary>
public static class PromotionEngine
{
    /// <param name="duplicates">The ids of leads whose investor is signed in another unit too (<see cref="LeadDuplicates.Find"/> over every unit's signings).</param>
    public static PromotionFigures Compute(
        IReadOnlyList<LeadRow> leads, PromotionTaskFigures? task, int year, DateOnly asOf, Func<int, LightRules> rules, IReadOnlyCollection<int>? duplicates = null)
    {
        ArgumentNullException.ThrowIfNull(leads);
        ArgumentNullException.ThrowIfNull(rules);
        var known = leads.Where(l => l.LeadOn <= asOf).ToList();
        var byStage = PromotionVocabulary.Stages.ToDictionary(PromotionVocabulary.Code, _ => 0);
        byStage[PromotionVocabulary.Code(LeadState.Shelved)] = 0;
        byStage[PromotionVocabulary.Code(LeadState.Terminated)] = 0;
        foreach (var lead in known)
        {
            var state = lead.StateOn(asOf);
            byStage[state == LeadState.Active ? PromotionVocabulary.Code(lead.StageOn(asOf)) : PromotionVocabulary.Code(state)]++;
        }

        var byChannel = PromotionVocabulary.Channels.ToDictionary(PromotionVocabulary.Code, c => known.Count(l => l.Channel == c));

        // New signings of the year, an investor signed in two units once: the earliest signing stands for the group.
        var signedInYear = known.Where(l => l.SignedOn is { } s && s.Year == year && s <= asOf).ToList();
        var counted = Once(signedInYear);
        var signedByChannel = PromotionVocabulary.Channels.ToDictionary(PromotionVocabulary.Code, c => counted.Count(l => l.Channel == c));

        var landed = known.Where(l => l.StartedOn is { } s && s.Year == year && s <= asOf).ToList();
        var days = landed.Where(l => l.SignedOn is { } s && s <= l.StartedOn).Select(l => (decimal)(l.StartedOn!.Value.DayNumber - l.SignedOn!.Value.DayNumber)).ToList();

        var waiting = known
            .Where(l => l.SignedOn is { } s && s <= asOf && l.StateOn(asOf) == LeadState.Active && l.StageOn(asOf) < LeadStage.Started)
            .Select(l => new WaitingLead(l.Id, l.UnitId, l.Name, l.ProjectCode, l.SignedOn!.Value, l.ContractAmount, asOf.DayNumber - l.SignedOn.Value.DayNumber))
            .OrderByDescending(w => w.Days).ThenBy(w => w.Id)
            .ToList();

        var signed = counted.Count;
        var amount = Money.Sum(counted.Select(l => l.ContractAmount ?? Money.Zero));
        return new PromotionFigures
        {
            Year = year,
            AsOf = asOf,
            Leads = known.Count,
            ByStage = byStage,
            ByChannel = byChannel,
            Signed = signed,
            SignedAmount = amount,
            SignedByChannel = signedByChannel,
            Task = task,
            SignedRate = task is null ? null : Percent.Of(signed, task.SignedProjects),
            SignedAmountRate = task is null ? null : Percent.Of(amount, task.SignedAmount),
            Landed = landed.Count,
            AverageDaysToStart = days.Count == 0 ? null : decimal.Round(days.Average(), 1, MidpointRounding.AwayFromZero),
            Waiting = waiting,
            Stale = Stale(known, asOf, rules),
            Duplicates = duplicates is null ? 0 : known.Count(l => duplicates.Contains(l.Id)),
        };
    }

    /// <summary>
    /// The leads no one has followed up for the unit's yellow (default 30) or red (default 60) days: active, not
    /// yet started, judged by their own unit's rules.
    /// </summary>
    public static IReadOnlyList<StaleLead> Stale(IEnumerable<LeadRow> leads, DateOnly asOf, Func<int, LightRules> rules)
    {
        var stale = new List<StaleLead>();
        foreach (var lead in leads.Where(l => l.LeadOn <= asOf && l.StateOn(asOf) == LeadState.Active && l.StageOn(asOf) < LeadStage.Started))
        {
            var r = rules(lead.UnitId);
            var last = lead.LastContact(asOf);
            var days = asOf.DayNumber - last.DayNumber;
            var light = r.LeadRedDays is { } red && days >= red ? Light.Red
                : r.LeadYellowDays is { } yellow && days >= yellow ? Light.Yellow
                : Light.Green;
            if (light != Light.Green)
            {
                stale.Add(new StaleLead(lead.Id, lead.UnitId, lead.Name, days, last, light,
                    new($"线索“{lead.Name}”已{days}天未跟进", $"The lead \"{lead.Name}\" has had no follow-up for {days} days")));
            }
        }

        return stale.OrderByDescending(s => s.Days).ThenBy(s => s.Id).ToList();
    }

    /// <summary>The signings with an investor signed in two units kept once: the earliest signing (then the lowest id) stands for the others.</summary>
    public static IReadOnlyList<LeadRow> Once(IReadOnlyList<LeadRow> signed)
    {
        var ordered = signed.OrderBy(l => l.SignedOn).ThenBy(l => l.Id).ToList();
        var kept = new List<LeadRow>();
        foreach (var lead in ordered)
        {
            // Two phases signed by one investor in one zone are two signings; the same investor in another zone is the same one.
            if (!kept.Any(k => k.UnitId != lead.UnitId && LeadDuplicates.Same(k.Uscc, k.Investor, lead.Uscc, lead.Investor)))
            {
                kept.Add(lead);
            }
        }

        return kept;
    }
}
