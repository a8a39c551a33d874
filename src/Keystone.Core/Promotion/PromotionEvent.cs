namespace Keystone.Core.Promotion;

/// <summary>What kind of promotion event (招商活动) it was.</summary>
public enum PromotionEventKind
{
    /// <summary>推介会: the zone presents itself to investors.</summary>
    Conference,

    /// <summary>外出招商: a trip to investors' home towns.</summary>
    Trip,

    /// <summary>签约仪式.</summary>
    Signing,

    /// <summary>来访考察: investors visit the zone.</summary>
    Hosted,

    /// <summary>展会/博览会 (an expo, a trade fair, 投资中国 and the like).</summary>
    Expo,

    /// <summary>其他.</summary>
    Other,
}

/// <summary>What an event is, apart from the leads it touched.</summary>
public sealed record PromotionEventFacts
{
    public required DateOnly On { get; init; }

    public required PromotionEventKind Kind { get; init; }

    /// <summary>活动名称 ("“投资中国”安泽专场签约仪式").</summary>
    public required string Name { get; init; }

    /// <summary>地点.</summary>
    public required string Place { get; init; }

    /// <summary>成果: what came of it (projects signed, amount, contacts made).</summary>
    public string? Outcome { get; init; }
}

/// <summary>
/// A promotion event (招商活动): a 推介会, a trip, a signing ceremony, a visit hosted — seed 002's "投资中国"…签约仪式 —
/// held by a unit on a day, with the leads it touched. Only events that happened are recorded (not after today), and
/// a lead it touched must be known by then.
/// </summary>
public sealed class PromotionEvent : Keystone.Core.Data.IVersioned
{
    /// <inheritdoc />
    public int Version { get; private set; } = 1;

    public const int MaxNameLength = 200;
    public const int MaxPlaceLength = 100;
    public const int MaxOutcomeLength = 2000;

    private readonly List<PromotionEventLead> leads = [];

    public PromotionEvent(int unitId, PromotionEventFacts facts, string by, DateOnly today)
    {
        OrgUnitId = unitId;
        Name = "";
        Place = "";
        RecordedBy = by;
        Revise(facts, today);
    }

    private PromotionEvent()
    {
        Name = "";
        Place = "";
        RecordedBy = "";
    }

    public int Id { get; private set; }

    public int OrgUnitId { get; private set; }

    public DateOnly On { get; private set; }

    public PromotionEventKind Kind { get; private set; }

    public string Name { get; private set; }

    public string Place { get; private set; }

    public string? Outcome { get; private set; }

    public string RecordedBy { get; private set; }

    public IReadOnlyList<PromotionEventLead> Leads => leads;

    /// <summary>Replaces the facts, refusing the whole change when any is invalid.</summary>
    public void Revise(PromotionEventFacts facts, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var errors = new List<DomainException>();
        var name = Lead.Clean(facts.Name);
        if (name is null || name.Length > MaxNameLength)
        {
            errors.Add(new(new("活动名称不能为空，且不超过200字", "The event's name is required and at most 200 characters"), "name"));
        }

        var place = Lead.Clean(facts.Place);
        if (place is null || place.Length > MaxPlaceLength)
        {
            errors.Add(new(new("活动地点不能为空，且不超过100字", "The event's place is required and at most 100 characters"), "place"));
        }

        if (!Enum.IsDefined(facts.Kind))
        {
            errors.Add(new(new("活动类型无效", "The kind of event is not valid"), "kind"));
        }

        if (facts.On > today)
        {
            errors.Add(new(new($"活动日期{ChineseFormat.Date(facts.On)}晚于今天：只记录已举办的活动", $"The event's date {facts.On:yyyy-MM-dd} is after today: only events held are recorded"), "on"));
        }

        if (facts.Outcome is { } outcome && outcome.Trim().Length > MaxOutcomeLength)
        {
            errors.Add(new(new("活动成果不超过2000字", "The outcome is at most 2000 characters"), "outcome"));
        }

        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }

        On = facts.On;
        Kind = facts.Kind;
        Name = name!;
        Place = place!;
        Outcome = Lead.Clean(facts.Outcome);
    }

    /// <summary>
    /// The leads the event touched, replacing the ones recorded: each once, each known by the event's day (the
    /// caller checks they are the unit's to name).
    /// </summary>
    public void Touch(IReadOnlyList<Lead> touched)
    {
        ArgumentNullException.ThrowIfNull(touched);
        foreach (var lead in touched)
        {
            if (lead.LeadOn > On)
            {
                throw new DomainException(
                    new($"线索“{lead.Name}”登记于{ChineseFormat.Date(lead.LeadOn)}，晚于活动日期{ChineseFormat.Date(On)}",
                        $"The lead \"{lead.Name}\" was recorded on {lead.LeadOn:yyyy-MM-dd}, after the event ({On:yyyy-MM-dd})"),
                    "leads");
            }
        }

        var ids = touched.Select(l => l.Id).Distinct().ToList();
        leads.RemoveAll(l => !ids.Contains(l.LeadId));
        foreach (var id in ids.Where(id => leads.All(l => l.LeadId != id)))
        {
            leads.Add(new PromotionEventLead(this, id));
        }
    }

    /// <summary>Links new leads (not yet saved, so without ids) to the event through their navigation.</summary>
    public void Touch(Lead lead)
    {
        ArgumentNullException.ThrowIfNull(lead);
        if (lead.LeadOn > On)
        {
            throw new DomainException(new($"线索“{lead.Name}”晚于活动日期", $"The lead \"{lead.Name}\" is after the event"), "leads");
        }

        leads.Add(new PromotionEventLead(this, lead));
    }
}

/// <summary>A lead an event touched.</summary>
public sealed class PromotionEventLead
{
    internal PromotionEventLead(PromotionEvent promotionEvent, int leadId)
    {
        Event = promotionEvent;
        LeadId = leadId;
    }

    internal PromotionEventLead(PromotionEvent promotionEvent, Lead lead)
    {
        Event = promotionEvent;
        Lead = lead;
    }

    private PromotionEventLead()
    {
    }

    public int Id { get; private set; }

    public int EventId { get; private set; }

    public PromotionEvent? Event { get; private set; }

    public int LeadId { get; private set; }

    public Lead? Lead { get; private set; }
}

/// <summary>The Chinese and API names of the event kinds.</summary>
public static class PromotionEventKinds
{
    public static readonly IReadOnlyList<PromotionEventKind> All = Enum.GetValues<PromotionEventKind>();

    public static string Name(PromotionEventKind kind) => kind switch
    {
        PromotionEventKind.Conference => "推介会",
        PromotionEventKind.Trip => "外出招商",
        PromotionEventKind.Signing => "签约仪式",
        PromotionEventKind.Hosted => "来访考察",
        PromotionEventKind.Expo => "展会",
        PromotionEventKind.Other => "其他",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static string Code(PromotionEventKind kind) => kind switch
    {
        PromotionEventKind.Conference => "conference",
        PromotionEventKind.Trip => "trip",
        PromotionEventKind.Signing => "signing",
        PromotionEventKind.Hosted => "hosted",
        PromotionEventKind.Expo => "expo",
        PromotionEventKind.Other => "other",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>A kind by its Chinese name or API code ("推介会", "conference"); refused with the names it takes.</summary>
    public static PromotionEventKind Parse(string? text)
    {
        var t = (text ?? "").Trim();
        foreach (var k in All)
        {
            if (t == Name(k) || string.Equals(t, Code(k), StringComparison.OrdinalIgnoreCase))
            {
                return k;
            }
        }

        throw new DomainException(
            new($"活动类型“{t}”无效：可用{string.Join("、", All.Select(Name))}", $"The kind \"{t}\" is not valid: use {string.Join(", ", All.Select(Code))}"), "kind");
    }
}
