using System.Globalization;

namespace Keystone.Core.Promotion;

/// <summary>What an officer keeps about a lead, apart from its stage: the investor, the project it would bring, how it came.</summary>
public sealed record LeadFacts
{
    /// <summary>线索/项目名称: the project the investor would bring.</summary>
    public required string Name { get; init; }

    /// <summary>投资方: the enterprise's name as known.</summary>
    public required string Investor { get; init; }

    /// <summary>统一社会信用代码, when known.</summary>
    public Uscc? Uscc { get; init; }

    /// <summary>所属产业链 ("新材料", "第三代半导体").</summary>
    public string? Chain { get; init; }

    /// <summary>The chain's link ("材料", "封装").</summary>
    public string? Link { get; init; }

    /// <summary>意向投资额.</summary>
    public Money? IntendedInvestment { get; init; }

    /// <summary>Land it would need, in 亩.</summary>
    public decimal? LandMu { get; init; }

    /// <summary>Energy it would need, in tonnes of standard coal a year.</summary>
    public decimal? EnergyTce { get; init; }

    public required LeadChannel Channel { get; init; }

    /// <summary>以商招商: the enterprise that brought it.</summary>
    public string? Referrer { get; init; }

    /// <summary>平台招商: the platform that brought it.</summary>
    public string? Platform { get; init; }

    /// <summary>负责人: the officer in charge.</summary>
    public string? Officer { get; init; }

    public string? Remarks { get; init; }
}

/// <summary>
/// A move to a later stage on a date. Skipping stages needs the date of each one skipped (<see cref="Passed"/>);
/// reaching or passing 签约 needs the contract's amount.
/// </summary>
public sealed record StageMove
{
    public required LeadStage Stage { get; init; }

    public required DateOnly On { get; init; }

    /// <summary>The dates of the stages between the current one and <see cref="Stage"/>.</summary>
    public IReadOnlyDictionary<LeadStage, DateOnly> Passed { get; init; } = new Dictionary<LeadStage, DateOnly>();

    /// <summary>签约金额 of the contract.</summary>
    public Money? ContractAmount { get; init; }

    /// <summary>The contract's main terms (主要条款).</summary>
    public string? ContractTerms { get; init; }
}

/// <summary>A dated contact with the investor (跟进记录).</summary>
public sealed record FollowUpInput
{
    public required DateOnly On { get; init; }

    /// <summary>Who made the contact.</summary>
    public required string Who { get; init; }

    public required FollowUpMethod Method { get; init; }

    /// <summary>What was said and done.</summary>
    public required string What { get; init; }

    /// <summary>The next step agreed.</summary>
    public string? NextStep { get; init; }
}

/// <summary>
/// A lead (招商线索): an investor and the project it would bring, moving through the stages of the funnel,
/// each stage with its date, so where a lead stood on any past day can be told again. A move backwards, a
/// stage skipped without its date, a stop without a reason are refused, never ignored. Once the lead is a
/// ledger project (<see cref="ProjectId"/>), its 开工 and 投产 are the project's: they are not kept here twice.
/// </summary>
public sealed class Lead : Keystone.Core.Data.IVersioned
{
    public const int MaxNameLength = 200;
    public const int MaxShortLength = 100;
    public const int MaxTextLength = 2000;

    private readonly List<LeadFollowUp> followUps = [];

    public Lead(int unitId, LeadFacts facts, DateOnly on, DateOnly today)
    {
        if (on > today)
        {
            throw new DomainException(new($"线索日期{ChineseFormat.Date(on)}晚于今天", $"The lead's date {Iso(on)} is after today"), "on");
        }

        OrgUnitId = unitId;
        Name = "";
        Investor = "";
        Revise(facts);
        Stage = LeadStage.Lead;
        LeadOn = on;
        State = LeadState.Active;
    }

    private Lead()
    {
        Name = "";
        Investor = "";
    }

    public int Id { get; private set; }

    /// <inheritdoc/>
    public int Version { get; private set; } = 1;

    public int OrgUnitId { get; private set; }

    public string Name { get; private set; }

    public string Investor { get; private set; }

    public Uscc? Uscc { get; private set; }

    public string? Chain { get; private set; }

    public string? Link { get; private set; }

    public Money? IntendedInvestment { get; private set; }

    public decimal? LandMu { get; private set; }

    public decimal? EnergyTce { get; private set; }

    public LeadChannel Channel { get; private set; }

    public string? Referrer { get; private set; }

    public string? Platform { get; private set; }

    public string? Officer { get; private set; }

    public string? Remarks { get; private set; }

    /// <summary>The furthest stage reached.</summary>
    public LeadStage Stage { get; private set; }

    public LeadState State { get; private set; }

    public DateOnly LeadOn { get; private set; }

    public DateOnly? ContactedOn { get; private set; }

    public DateOnly? VisitedOn { get; private set; }

    public DateOnly? NegotiatingOn { get; private set; }

    public DateOnly? SignedOn { get; private set; }

    public DateOnly? RegisteredOn { get; private set; }

    /// <summary>开工 as recorded on the lead before it became a project; after that the project's 实际开工时间 counts.</summary>
    public DateOnly? StartedOn { get; private set; }

    public DateOnly? ProducingOn { get; private set; }

    public Money? ContractAmount { get; private set; }

    public string? ContractTerms { get; private set; }

    /// <summary>When the lead was shelved or terminated.</summary>
    public DateOnly? HaltedOn { get; private set; }

    public string? HaltReason { get; private set; }

    /// <summary>The ledger project the lead became (or the plan entry it stands behind, for a signing target).</summary>
    public int? ProjectId { get; private set; }

    public IReadOnlyList<LeadFollowUp> FollowUps => followUps;

    public LeadFacts Facts => new()
    {
        Name = Name,
        Investor = Investor,
        Uscc = Uscc,
        Chain = Chain,
        Link = Link,
        IntendedInvestment = IntendedInvestment,
        LandMu = LandMu,
        EnergyTce = EnergyTce,
        Channel = Channel,
        Referrer = Referrer,
        Platform = Platform,
        Officer = Officer,
        Remarks = Remarks,
    };

    /// <summary>The date the lead reached <paramref name="stage"/>, or null when it has not.</summary>
    public DateOnly? DateOf(LeadStage stage) => stage switch
    {
        LeadStage.Lead => LeadOn,
        LeadStage.Contacted => ContactedOn,
        LeadStage.Visited => VisitedOn,
        LeadStage.Negotiating => NegotiatingOn,
        LeadStage.Signed => SignedOn,
        LeadStage.Registered => RegisteredOn,
        LeadStage.Started => StartedOn,
        LeadStage.Producing => ProducingOn,
        _ => throw new ArgumentOutOfRangeException(nameof(stage)),
    };

    /// <summary>Replaces the facts, refusing the whole change when any is invalid.</summary>
    public void Revise(LeadFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var errors = new List<DomainException>();
        var name = Clean(facts.Name);
        if (name is null || name.Length > MaxNameLength)
        {
            errors.Add(new(new("线索/项目名称不能为空，且不超过200字", "The lead's project name is required and at most 200 characters"), "name"));
        }

        var investor = Clean(facts.Investor);
        if (investor is null || investor.Length > MaxNameLength)
        {
            errors.Add(new(new("投资方不能为空，且不超过200字", "The investor is required and at most 200 characters"), "investor"));
        }

        if (!Enum.IsDefined(facts.Channel))
        {
            errors.Add(new(new("招商方式无效", "The channel is not valid"), "channel"));
        }

        if (facts.Channel == LeadChannel.Business && Clean(facts.Referrer) is null)
        {
            errors.Add(new(new("以商招商须写明引荐企业", "A lead brought by an enterprise (以商招商) names that enterprise"), "referrer"));
        }

        if (facts.Channel == LeadChannel.Platform && Clean(facts.Platform) is null)
        {
            errors.Add(new(new("平台招商须写明平台", "A lead brought by a platform (平台招商) names the platform"), "platform"));
        }

        if (facts.IntendedInvestment is { IsNegative: true })
        {
            errors.Add(new(new("意向投资额不能为负数", "The intended investment cannot be negative"), "intendedInvestment"));
        }

        if (facts.LandMu is < 0 || facts.EnergyTce is < 0)
        {
            errors.Add(new(new("用地、能耗需求不能为负数", "The land and energy needed cannot be negative"), facts.LandMu is < 0 ? "landMu" : "energyTce"));
        }

        foreach (var (value, max, field, zh) in new[]
        {
            (facts.Chain, MaxShortLength, "chain", "产业链"),
            (facts.Link, MaxShortLength, "link", "产业链环节"),
            (facts.Referrer, MaxNameLength, "referrer", "引荐企业"),
            (facts.Platform, MaxNameLength, "platform", "招商平台"),
            (facts.Officer, MaxShortLength, "officer", "负责人"),
            (facts.Remarks, MaxTextLength, "remarks", "备注"),
        })
        {
            if (value is not null && value.Trim().Length > max)
            {
                errors.Add(new(new($"{zh}不超过{max}字", $"The {field} is at most {max} characters"), field));
            }
        }

        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }

        Name = name!;
        Investor = investor!;
        Uscc = facts.Uscc;
        Chain = Clean(facts.Chain);
        Link = Clean(facts.Link);
        IntendedInvestment = facts.IntendedInvestment;
        LandMu = facts.LandMu;
        EnergyTce = facts.EnergyTce;
        Channel = facts.Channel;
        Referrer = facts.Channel == LeadChannel.Business ? Clean(facts.Referrer) : null;
        Platform = facts.Channel == LeadChannel.Platform ? Clean(facts.Platform) : null;
        Officer = Clean(facts.Officer);
        Remarks = Clean(facts.Remarks);
    }

    /// <summary>
    /// Moves the lead forward to <see cref="StageMove.Stage"/>: never backwards or sideways, each stage skipped
    /// with its date, the dates in order and none after today, the contract's amount when 签约 is reached.
    /// </summary>
    public void Advance(StageMove move, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(move);
        var to = move.Stage;
        if (!Enum.IsDefined(to))
        {
            throw new DomainException(new("阶段无效", "The stage is not valid"), "stage");
        }

        if (State != LeadState.Active)
        {
            throw new DomainException(
                new($"线索“{Name}”已{PromotionVocabulary.Name(State)}，须先恢复推进", $"The lead \"{Name}\" is {PromotionVocabulary.Code(State)}: take it up again first"), "stage");
        }

        if (to <= Stage)
        {
            throw new DomainException(
                new($"线索“{Name}”已处于{PromotionVocabulary.Name(Stage)}阶段，不能退回或停留在{PromotionVocabulary.Name(to)}阶段",
                    $"The lead \"{Name}\" is already at {PromotionVocabulary.Code(Stage)}: it cannot move back or stay at {PromotionVocabulary.Code(to)}"),
                "stage");
        }

        if (ProjectId is not null && to >= LeadStage.Started)
        {
            throw new DomainException(
                new($"线索“{Name}”已转为项目，开工、投产以项目台账为准", $"The lead \"{Name}\" is a ledger project: its start and production are the project's"), "stage");
        }

        var dates = new List<(LeadStage Stage, DateOnly On)>();
        var missing = new List<LeadStage>();
        for (var s = Stage + 1; s < to; s++)
        {
            if (move.Passed.TryGetValue(s, out var d))
            {
                dates.Add((s, d));
            }
            else
            {
                missing.Add(s);
            }
        }

        if (missing.Count > 0)
        {
            var zh = string.Join("、", missing.Select(PromotionVocabulary.Name));
            throw new DomainException(
                new($"线索“{Name}”从{PromotionVocabulary.Name(Stage)}跳到{PromotionVocabulary.Name(to)}，须填写跳过的{zh}阶段的日期",
                    $"The lead \"{Name}\" skips from {PromotionVocabulary.Code(Stage)} to {PromotionVocabulary.Code(to)}: give the dates of {string.Join(", ", missing.Select(PromotionVocabulary.Code))}"),
                "passed");
        }

        dates.Add((to, move.On));
        var previous = (Stage, On: DateOf(Stage)!.Value);
        foreach (var (stage, on) in dates)
        {
            if (on > today)
            {
                throw new DomainException(
                    new($"{PromotionVocabulary.Name(stage)}日期{ChineseFormat.Date(on)}晚于今天", $"The {PromotionVocabulary.Code(stage)} date {Iso(on)} is after today"), "on");
            }

            if (on < previous.On)
            {
                throw new DomainException(
                    new($"{PromotionVocabulary.Name(stage)}日期{ChineseFormat.Date(on)}早于{PromotionVocabulary.Name(previous.Stage)}日期{ChineseFormat.Date(previous.On)}",
                        $"The {PromotionVocabulary.Code(stage)} date {Iso(on)} is before the {PromotionVocabulary.Code(previous.Stage)} date {Iso(previous.On)}"),
                    "on");
            }

            previous = (stage, on);
        }

        var signs = Stage < LeadStage.Signed && to >= LeadStage.Signed;
        if (signs && move.ContractAmount is not { IsNegative: false } || move.ContractAmount is { IsNegative: true })
        {
            throw new DomainException(new($"线索“{Name}”签约须填写签约金额", $"Signing the lead \"{Name}\" needs the contract's amount"), "contractAmount");
        }

        if (move.ContractTerms is { } terms && terms.Trim().Length > MaxTextLength)
        {
            throw new DomainException(new("合同主要条款不超过2000字", "The contract's terms are at most 2000 characters"), "contractTerms");
        }

        foreach (var (stage, on) in dates)
        {
            SetDate(stage, on);
        }

        if (signs)
        {
            ContractAmount = move.ContractAmount;
            ContractTerms = Clean(move.ContractTerms);
        }

        Stage = to;
    }

    /// <summary>Shelves (搁置) or terminates (终止) the lead on a day, saying why; a started lead is a project's business, not the funnel's.</summary>
    public void Halt(LeadState state, DateOnly on, string reason, DateOnly today)
    {
        if (state == LeadState.Active || !Enum.IsDefined(state))
        {
            throw new DomainException(new("请选择搁置或终止", "Choose shelved or terminated"), "state");
        }

        var why = Clean(reason);
        if (why is null || why.Length > MaxTextLength)
        {
            throw new DomainException(
                new($"{PromotionVocabulary.Name(state)}线索“{Name}”须说明原因", $"{(state == LeadState.Shelved ? "Shelving" : "Terminating")} the lead \"{Name}\" needs a reason"), "reason");
        }

        if (State == LeadState.Terminated || State == state)
        {
            throw new DomainException(
                new($"线索“{Name}”已{PromotionVocabulary.Name(State)}", $"The lead \"{Name}\" is already {PromotionVocabulary.Code(State)}"), "state");
        }

        if (Stage >= LeadStage.Started)
        {
            throw new DomainException(
                new($"线索“{Name}”已开工，不能{PromotionVocabulary.Name(state)}", $"The lead \"{Name}\" has started: it cannot be {PromotionVocabulary.Code(state)}"), "state");
        }

        CheckDay(on, today, "on");
        State = state;
        HaltedOn = on;
        HaltReason = why;
    }

    /// <summary>Takes a shelved lead up again (a terminated one stays ended).</summary>
    public void Resume(DateOnly on, DateOnly today)
    {
        if (State != LeadState.Shelved)
        {
            throw new DomainException(
                new($"只有搁置的线索可以恢复推进，线索“{Name}”{PromotionVocabulary.Name(State)}", $"Only a shelved lead can be taken up again; \"{Name}\" is {PromotionVocabulary.Code(State)}"), "state");
        }

        CheckDay(on, today, "on");
        if (HaltedOn is { } halted && on < halted)
        {
            throw new DomainException(new($"恢复日期早于搁置日期{ChineseFormat.Date(halted)}", $"The day is before the lead was shelved ({Iso(halted)})"), "on");
        }

        State = LeadState.Active;
        HaltedOn = null;
        HaltReason = null;
    }

    /// <summary>Records a contact with the investor; a terminated lead takes none.</summary>
    public LeadFollowUp AddFollowUp(FollowUpInput input, string by, DateTimeOffset at, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (State == LeadState.Terminated)
        {
            throw new DomainException(new($"线索“{Name}”已终止，不再跟进", $"The lead \"{Name}\" is terminated: it takes no follow-ups"), "on");
        }

        CheckDay(input.On, today, "on");
        var followUp = new LeadFollowUp(this, followUps.Count + 1, input, by, at);
        followUps.Add(followUp);
        return followUp;
    }

    /// <summary>
    /// Links the lead to its ledger project. A new project is made from a signed or registered lead
    /// (<paramref name="existing"/> false); a project already in the plan may stand behind a lead at any stage
    /// (a signing target the zone planned, as seed 004's 中信重工).
    /// </summary>
    public void LinkProject(int projectId, bool existing)
    {
        if (ProjectId is not null)
        {
            throw new DomainException(new($"线索“{Name}”已转为项目", $"The lead \"{Name}\" is already a project"), "lead");
        }

        if (!existing)
        {
            CheckConvertible();
        }

        ProjectId = projectId;
    }

    /// <summary>Refuses to make a new project of a lead not yet signed (or terminated).</summary>
    public void CheckConvertible()
    {
        if (ProjectId is not null)
        {
            throw new DomainException(new($"线索“{Name}”已转为项目", $"The lead \"{Name}\" is already a project"), "lead");
        }

        if (Stage is < LeadStage.Signed || State == LeadState.Terminated)
        {
            throw new DomainException(
                new($"线索“{Name}”处于{PromotionVocabulary.Name(Stage)}阶段，签约或注册后才能转为项目", $"The lead \"{Name}\" is at {PromotionVocabulary.Code(Stage)}: it becomes a project once signed or registered"),
                "lead");
        }
    }

    /// <summary>The key duplicates are found by: the USCC when known, else the investor's name without the company form.</summary>
    public string InvestorKey => LeadDuplicates.Key(Uscc, Investor);

    private void CheckDay(DateOnly on, DateOnly today, string field)
    {
        if (on > today)
        {
            throw new DomainException(new($"日期{ChineseFormat.Date(on)}晚于今天", $"The date {Iso(on)} is after today"), field);
        }

        if (on < LeadOn)
        {
            throw new DomainException(new($"日期{ChineseFormat.Date(on)}早于线索日期{ChineseFormat.Date(LeadOn)}", $"The date {Iso(on)} is before the lead's date {Iso(LeadOn)}"), field);
        }
    }

    private void SetDate(LeadStage stage, DateOnly on)
    {
        switch (stage)
        {
            case LeadStage.Contacted: ContactedOn = on; break;
            case LeadStage.Visited: VisitedOn = on; break;
            case LeadStage.Negotiating: NegotiatingOn = on; break;
            case LeadStage.Signed: SignedOn = on; break;
            case LeadStage.Registered: RegisteredOn = on; break;
            case LeadStage.Started: StartedOn = on; break;
            case LeadStage.Producing: ProducingOn = on; break;
            default: throw new ArgumentOutOfRangeException(nameof(stage));
        }
    }

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    internal static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}

/// <summary>One contact with a lead's investor (跟进记录): who, when, how, what, and the next step.</summary>
public sealed class LeadFollowUp
{
    internal LeadFollowUp(Lead lead, int sequence, FollowUpInput input, string by, DateTimeOffset at)
    {
        var errors = new List<DomainException>();
        var who = Lead.Clean(input.Who);
        if (who is null || who.Length > Lead.MaxShortLength)
        {
            errors.Add(new(new("跟进人不能为空，且不超过100字", "Who made the contact is required, at most 100 characters"), "who"));
        }

        var what = Lead.Clean(input.What);
        if (what is null || what.Length > Lead.MaxTextLength)
        {
            errors.Add(new(new("跟进内容不能为空，且不超过2000字", "What was said is required, at most 2000 characters"), "what"));
        }

        if (!Enum.IsDefined(input.Method))
        {
            errors.Add(new(new("跟进方式无效", "The method is not valid"), "method"));
        }

        if (input.NextStep is { } next && next.Trim().Length > Lead.MaxTextLength)
        {
            errors.Add(new(new("下一步工作不超过2000字", "The next step is at most 2000 characters"), "nextStep"));
        }

        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }

        Lead = lead;
        Sequence = sequence;
        On = input.On;
        Who = who!;
        Method = input.Method;
        What = what!;
        NextStep = Lead.Clean(input.NextStep);
        RecordedBy = by;
        RecordedAt = at.ToUniversalTime();
    }

    private LeadFollowUp()
    {
        Who = "";
        What = "";
        RecordedBy = "";
    }

    public int Id { get; private set; }

    public int LeadId { get; private set; }

    public Lead? Lead { get; private set; }

    public int Sequence { get; private set; }

    public DateOnly On { get; private set; }

    public string Who { get; private set; }

    public FollowUpMethod Method { get; private set; }

    public string What { get; private set; }

    public string? NextStep { get; private set; }

    public string RecordedBy { get; private set; }

    public DateTimeOffset RecordedAt { get; private set; }
}
