using System.Globalization;
using Keystone.Core;
using Keystone.Core.Promotion;
using Keystone.Core.Units;

namespace Keystone.Features.Promotion;

/// <summary>A lead as the API takes it (POST /api/leads, PUT /api/leads/{id}). Money in 万元; dates yyyy-MM-dd.</summary>
public sealed record LeadInput
{
    /// <summary>On revision: the version the change was made from (as read); refused if the lead changed since. Absent: not checked.</summary>
    public int? Version { get; init; }

    /// <summary>The unit the lead belongs to (name or id); the caller's own when absent. Only on creation.</summary>
    public string? Unit { get; init; }

    public string? Name { get; init; }

    public string? Investor { get; init; }

    public string? Uscc { get; init; }

    public string? Chain { get; init; }

    public string? Link { get; init; }

    public decimal? IntendedInvestment { get; init; }

    public decimal? LandMu { get; init; }

    public decimal? EnergyTce { get; init; }

    /// <summary>产业招商 | 公司招商 | 中介招商 | 基金招商 | 以商招商 | 平台招商 (or industry, company, …).</summary>
    public string? Channel { get; init; }

    public string? Referrer { get; init; }

    public string? Platform { get; init; }

    public string? Officer { get; init; }

    public string? Remarks { get; init; }

    /// <summary>The lead's date (线索); today when absent. Only on creation.</summary>
    public DateOnly? On { get; init; }
}

/// <summary>A move to a later stage: {stage, on, passed: {"接洽": "2024-01-08", …}, contractAmount, contractTerms}.</summary>
public sealed record StageInput(string? Stage, DateOnly? On, Dictionary<string, DateOnly>? Passed, decimal? ContractAmount, string? ContractTerms);

/// <summary>搁置 or 终止 with the day and the reason.</summary>
public sealed record HaltInput(string? State, DateOnly? On, string? Reason);

public sealed record ResumeInput(DateOnly? On);

public sealed record FollowUpBody(DateOnly? On, string? Who, string? Method, string? What, string? NextStep);

/// <summary>
/// The lead's project: <c>code</c> names the new project's code (default ZS-year-id), or, with <c>existing</c>, a
/// project already in the unit's ledger that the lead stands behind.
/// </summary>
public sealed record ConvertInput(string? Code, bool? Existing);

public sealed record FollowUpDto(int Sequence, string On, string Who, string Method, string MethodName, string What, string? NextStep, string RecordedBy);

public sealed record StageDateDto(string Stage, string Name, string? On);

/// <summary>A lead in a list and on its page.</summary>
public sealed record LeadDto
{
    public required int Id { get; init; }

    /// <summary>The day a single lead is judged as of (its light); absent on the items of a list, whose answer says it once.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public DateOnly? AsOf { get; init; }

    public required string Name { get; init; }

    public required string Investor { get; init; }

    public string? Uscc { get; init; }

    public required string Unit { get; init; }

    public string? Chain { get; init; }

    public string? Link { get; init; }

    public decimal? IntendedInvestment { get; init; }

    public decimal? LandMu { get; init; }

    public decimal? EnergyTce { get; init; }

    public required string Channel { get; init; }

    public required string ChannelName { get; init; }

    public string? Referrer { get; init; }

    public string? Platform { get; init; }

    public string? Officer { get; init; }

    public string? Remarks { get; init; }

    /// <summary>The stage reached (开工/投产 read from the project when there is one).</summary>
    public required string Stage { get; init; }

    public required string StageName { get; init; }

    public required string State { get; init; }

    public required string StateName { get; init; }

    public string? HaltedOn { get; init; }

    public string? HaltReason { get; init; }

    public required IReadOnlyList<StageDateDto> Stages { get; init; }

    public decimal? ContractAmount { get; init; }

    public string? ContractTerms { get; init; }

    public string? ProjectCode { get; init; }

    public string? LastContact { get; init; }

    /// <summary>green | yellow | red: how long since the last follow-up, by the unit's rules.</summary>
    public required string Light { get; init; }

    public IReadOnlyList<string> Reasons { get; init; } = [];

    /// <summary>The investor is signed in another unit too (the other units named when the caller may see them).</summary>
    public bool Duplicate { get; init; }

    public IReadOnlyList<string> DuplicateUnits { get; init; } = [];

    public IReadOnlyList<FollowUpDto> FollowUps { get; init; } = [];

    /// <summary>版本: one more after each saved change (also the ETag of GET /api/leads/{id}).</summary>
    public int Version { get; init; }

    public static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static LeadDto Of(Lead lead, LeadRow row, OrgTree tree, StaleLead? stale, IReadOnlyList<string> duplicateUnits, bool duplicate, bool withFollowUps, DateOnly asOf)
    {
        var stage = row.StageOn(asOf);
        return new LeadDto
        {
            Id = lead.Id,
            Version = lead.Version,
            Name = lead.Name,
            Investor = lead.Investor,
            Uscc = lead.Uscc?.Value,
            Unit = tree[lead.OrgUnitId].Name,
            Chain = lead.Chain,
            Link = lead.Link,
            IntendedInvestment = lead.IntendedInvestment?.Wan,
            LandMu = lead.LandMu,
            EnergyTce = lead.EnergyTce,
            Channel = PromotionVocabulary.Code(lead.Channel),
            ChannelName = PromotionVocabulary.Name(lead.Channel),
            Referrer = lead.Referrer,
            Platform = lead.Platform,
            Officer = lead.Officer,
            Remarks = lead.Remarks,
            Stage = PromotionVocabulary.Code(stage),
            StageName = PromotionVocabulary.Name(stage),
            State = PromotionVocabulary.Code(lead.State),
            StateName = PromotionVocabulary.Name(lead.State),
            HaltedOn = lead.HaltedOn is { } h ? Iso(h) : null,
            HaltReason = lead.HaltReason,
            Stages = PromotionVocabulary.Stages.Select(s => new StageDateDto(PromotionVocabulary.Code(s), PromotionVocabulary.Name(s), row.Dates.TryGetValue(s, out var d) ? Iso(d) : null)).ToList(),
            ContractAmount = lead.ContractAmount?.Wan,
            ContractTerms = lead.ContractTerms,
            ProjectCode = row.ProjectCode,
            LastContact = Iso(row.LastContact(asOf)),
            Light = stale is null ? "green" : stale.Light.ToString().ToLowerInvariant(),
            Reasons = stale is null ? [] : [Web.L.T(stale.Reason)],
            Duplicate = duplicate,
            DuplicateUnits = duplicateUnits,
            FollowUps = withFollowUps
                ? lead.FollowUps.OrderByDescending(f => f.On).ThenByDescending(f => f.Sequence)
                    .Select(f => new FollowUpDto(f.Sequence, Iso(f.On), f.Who, PromotionVocabulary.Code(f.Method), PromotionVocabulary.Name(f.Method), f.What, f.NextStep, f.RecordedBy)).ToList()
                : [],
        };
    }
}

/// <summary>GET /api/promotion/figures: the names the issue fixes (leads, byStage, byChannel, signed, signedAmount, signedTarget, signedRate, landed, stale).</summary>
public sealed record PromotionFiguresDto
{
    public required string Scope { get; init; }

    public required int Year { get; init; }

    public required string AsOf { get; init; }

    public required int Leads { get; init; }

    public required IReadOnlyDictionary<string, int> ByStage { get; init; }

    public required IReadOnlyDictionary<string, int> ByChannel { get; init; }

    public required int Signed { get; init; }

    /// <summary>万元.</summary>
    public required decimal SignedAmount { get; init; }

    public required IReadOnlyDictionary<string, int> SignedByChannel { get; init; }

    /// <summary>The task's projects to sign; null without a task.</summary>
    public int? SignedTarget { get; init; }

    /// <summary>Percent, one decimal; null ("—") without a task.</summary>
    public decimal? SignedRate { get; init; }

    public decimal? SignedAmountTarget { get; init; }

    public decimal? SignedAmountRate { get; init; }

    public decimal? FundsInPlaceTarget { get; init; }

    public int? LandedTarget { get; init; }

    public required int Landed { get; init; }

    public decimal? AverageDaysToStart { get; init; }

    /// <summary>Leads with no follow-up for the unit's yellow days or more.</summary>
    public required int Stale { get; init; }

    public required int Duplicates { get; init; }

    /// <summary>The version of the scope's own task for the year (what PUT /api/promotion/tasks/{year} checks), 0 when it has none.</summary>
    public int TaskVersion { get; init; }

    /// <summary>Promotion events held in the year up to the day.</summary>
    public int Events { get; init; }

    public required IReadOnlyList<WaitingDto> Waiting { get; init; }

    public required IReadOnlyList<StaleDto> StaleLeads { get; init; }

    public static PromotionFiguresDto Of(string scope, PromotionFigures f, OrgTree tree) => new()
    {
        Scope = scope,
        Year = f.Year,
        AsOf = LeadDto.Iso(f.AsOf),
        Leads = f.Leads,
        ByStage = f.ByStage,
        ByChannel = f.ByChannel,
        Signed = f.Signed,
        SignedAmount = f.SignedAmount.Wan,
        SignedByChannel = f.SignedByChannel,
        SignedTarget = f.Task?.SignedProjects,
        SignedRate = f.SignedRate?.Rounded,
        SignedAmountTarget = f.Task?.SignedAmount.Wan,
        SignedAmountRate = f.SignedAmountRate?.Rounded,
        FundsInPlaceTarget = f.Task?.FundsInPlace.Wan,
        LandedTarget = f.Task?.Landed,
        Landed = f.Landed,
        AverageDaysToStart = f.AverageDaysToStart,
        Stale = f.Stale.Count,
        Duplicates = f.Duplicates,
        Events = f.Events,
        Waiting = f.Waiting.Select(w => new WaitingDto(w.Id, w.Name, tree[w.UnitId].Name, w.ProjectCode, LeadDto.Iso(w.SignedOn), w.Amount?.Wan, w.Days)).ToList(),
        StaleLeads = f.Stale.Select(s => new StaleDto(s.Id, s.Name, tree[s.UnitId].Name, s.Days, LeadDto.Iso(s.LastContact), s.Light.ToString().ToLowerInvariant(), Web.L.T(s.Reason))).ToList(),
    };
}

public sealed record WaitingDto(int Id, string Name, string Unit, string? ProjectCode, string SignedOn, decimal? Amount, int Days);

public sealed record StaleDto(int Id, string Name, string Unit, int Days, string LastContact, string Light, string Reason);

/// <summary>
/// PUT /api/promotion/tasks/{year}: the unit's annual promotion task (万元); version: the task's as read (the figures'
/// <c>taskVersion</c>, 0 when it had none), refused if it changed since; absent: not checked.
/// </summary>
public sealed record TaskInput(string? Unit, int? SignedProjects, decimal? SignedAmount, decimal? FundsInPlace, int? Landed, int? Version = null);

public sealed record TargetInput(string? Unit, string? Name, string? Uscc, string? Chain, string? Link, string? Size, string? Headquarters, string? Why, string? Approacher);

public sealed record TargetDto(int Id, string Unit, string Name, string? Uscc, string? Chain, string? Link, string? Size, string? Headquarters, string? Why, string? Approacher, int? LeadId);

/// <summary>A target becomes a lead: the project it would bring and how it came.</summary>
public sealed record TargetLeadInput(string? Project, string? Channel, DateOnly? On, string? Referrer, string? Platform);

/// <summary>A key investor's facts; on revision, the version it was made from (refused if the investor changed since; absent: not checked).</summary>
public sealed record InvestorInput(string? Unit, string? Name, string? Firm, string? Title, string? Officer, int? Version = null);

public sealed record ContactInput(DateOnly? On, string? Outcome);

/// <summary>A key investor as the API lists it; <c>version</c> is its concurrency token.</summary>
public sealed record InvestorDto(int Id, string Unit, string Name, string? Firm, string? Title, string? Officer, string? LastContactOn, string? Outcome, int Version);

public sealed record ChainMemberInput(string? Name, string? Uscc, bool? ChainLeader);

public sealed record ChainLinkInput(string? Name, string? Segment, List<ChainMemberInput>? Members);

public sealed record ChainInput(string? Unit, string? Name, string? Leader, List<ChainLinkInput>? Links);

public sealed record ChainMemberDto(string Name, bool ChainLeader, bool Registered);

public sealed record ChainLinkDto(string Name, string Segment, IReadOnlyList<ChainMemberDto> Members, bool Gap, IReadOnlyList<string> Targets, IReadOnlyList<ChainMapLead> Leads);

public sealed record ChainDto(int Id, string Unit, string Name, string? Leader, IReadOnlyList<ChainLinkDto> Links, int Gaps);

/// <summary>POST /api/promotion/chains/{id}/members: an enterprise on one of the chain's links (by name; its USCC links it to the register).</summary>
public sealed record ChainMemberAddInput(string? Link, string? Name, string? Uscc, bool? ChainLeader);
