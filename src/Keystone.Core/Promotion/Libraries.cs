namespace Keystone.Core.Promotion;

/// <summary>What the zone knows of an enterprise it wants (目标企业库).</summary>
public sealed record TargetFacts
{
    public required string Name { get; init; }

    public Uscc? Uscc { get; init; }

    public string? Chain { get; init; }

    public string? Link { get; init; }

    /// <summary>规模: "世界500强", "行业龙头", "营收50亿元".</summary>
    public string? Size { get; init; }

    /// <summary>总部所在地.</summary>
    public string? Headquarters { get; init; }

    /// <summary>Why the zone wants it.</summary>
    public string? Why { get; init; }

    /// <summary>Who approaches it (对接人).</summary>
    public string? Approacher { get; init; }
}

/// <summary>
/// An enterprise in the zone's target library (目标企业库), by chain link; it becomes a lead in one step
/// (<see cref="ToLead"/>), and then shows as the lead it became.
/// </summary>
public sealed class TargetEnterprise : Keystone.Core.Data.IVersioned
{
    /// <inheritdoc />
    public int Version { get; private set; } = 1;

    public TargetEnterprise(int unitId, TargetFacts facts)
    {
        OrgUnitId = unitId;
        Name = "";
        Revise(facts);
    }

    private TargetEnterprise()
    {
        Name = "";
    }

    public int Id { get; private set; }

    public int OrgUnitId { get; private set; }

    public string Name { get; private set; }

    public Uscc? Uscc { get; private set; }

    public string? Chain { get; private set; }

    public string? Link { get; private set; }

    public string? Size { get; private set; }

    public string? Headquarters { get; private set; }

    public string? Why { get; private set; }

    public string? Approacher { get; private set; }

    /// <summary>The lead the target became.</summary>
    public int? LeadId { get; private set; }

    public Lead? Lead { get; private set; }

    public TargetFacts Facts => new() { Name = Name, Uscc = Uscc, Chain = Chain, Link = Link, Size = Size, Headquarters = Headquarters, Why = Why, Approacher = Approacher };

    public void Revise(TargetFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var name = Lead.Clean(facts.Name);
        if (name is null || name.Length > Lead.MaxNameLength)
        {
            throw new DomainException(new("目标企业名称不能为空，且不超过200字", "The target enterprise's name is required and at most 200 characters"), "name");
        }

        foreach (var (value, field) in new[] { (facts.Chain, "chain"), (facts.Link, "link"), (facts.Size, "size"), (facts.Headquarters, "headquarters"), (facts.Approacher, "approacher") })
        {
            if (value is not null && value.Trim().Length > Lead.MaxShortLength)
            {
                throw new DomainException(new($"“{value.Trim()[..10]}…”过长：不超过100字", $"The {field} is at most 100 characters"), field);
            }
        }

        if (facts.Why is { } why && why.Trim().Length > Lead.MaxTextLength)
        {
            throw new DomainException(new("引进理由不超过2000字", "The reason is at most 2000 characters"), "why");
        }

        Name = name;
        Uscc = facts.Uscc;
        Chain = Lead.Clean(facts.Chain);
        Link = Lead.Clean(facts.Link);
        Size = Lead.Clean(facts.Size);
        Headquarters = Lead.Clean(facts.Headquarters);
        Why = Lead.Clean(facts.Why);
        Approacher = Lead.Clean(facts.Approacher);
    }

    /// <summary>The target becomes a lead: the enterprise as investor, its chain and link, its approacher in charge.</summary>
    public Lead ToLead(string project, LeadChannel channel, DateOnly on, DateOnly today, string? referrer = null, string? platform = null)
    {
        if (LeadId is not null || Lead is not null)
        {
            throw new DomainException(new($"目标企业“{Name}”已转为线索", $"The target \"{Name}\" is already a lead"), "target");
        }

        var lead = new Lead(OrgUnitId, new LeadFacts
        {
            Name = project,
            Investor = Name,
            Uscc = Uscc,
            Chain = Chain,
            Link = Link,
            Channel = channel,
            Referrer = referrer,
            Platform = platform,
            Officer = Approacher,
            Remarks = Why,
        }, on, today);
        Lead = lead;
        return lead;
    }
}

/// <summary>
/// A person or firm in the key-investor library (重点客商信息库): whom the zone keeps in touch with, the last
/// contact and what came of it.
/// </summary>
public sealed class KeyInvestor : Keystone.Core.Data.IVersioned
{
    /// <inheritdoc />
    public int Version { get; private set; } = 1;

    public KeyInvestor(int unitId, string name, string? firm, string? title, string? officer)
    {
        OrgUnitId = unitId;
        Name = "";
        Revise(name, firm, title, officer);
    }

    private KeyInvestor()
    {
        Name = "";
    }

    public int Id { get; private set; }

    public int OrgUnitId { get; private set; }

    /// <summary>The person (or the firm when no person is named).</summary>
    public string Name { get; private set; }

    public string? Firm { get; private set; }

    /// <summary>职务.</summary>
    public string? Title { get; private set; }

    /// <summary>The officer who keeps in touch.</summary>
    public string? Officer { get; private set; }

    public DateOnly? LastContactOn { get; private set; }

    /// <summary>What came of the last contact.</summary>
    public string? Outcome { get; private set; }

    public void Revise(string name, string? firm, string? title, string? officer)
    {
        var n = Lead.Clean(name);
        if (n is null || n.Length > Lead.MaxShortLength)
        {
            throw new DomainException(new("客商姓名不能为空，且不超过100字", "The investor's name is required and at most 100 characters"), "name");
        }

        if (firm?.Trim().Length > Lead.MaxNameLength || title?.Trim().Length > Lead.MaxShortLength || officer?.Trim().Length > Lead.MaxShortLength)
        {
            throw new DomainException(new("单位、职务或对接人过长", "The firm, title or officer is too long"), "firm");
        }

        Name = n;
        Firm = Lead.Clean(firm);
        Title = Lead.Clean(title);
        Officer = Lead.Clean(officer);
    }

    /// <summary>Records a contact; an earlier one than the last on record is refused (the library keeps the latest).</summary>
    public void RecordContact(DateOnly on, string outcome, DateOnly today)
    {
        var what = Lead.Clean(outcome);
        if (what is null || what.Length > Lead.MaxTextLength)
        {
            throw new DomainException(new("请写明联系结果，不超过2000字", "Say what came of the contact, at most 2000 characters"), "outcome");
        }

        if (on > today || LastContactOn is { } last && on < last)
        {
            throw new DomainException(
                new($"联系日期{ChineseFormat.Date(on)}晚于今天或早于上次联系", $"The contact date {on:yyyy-MM-dd} is after today or before the last contact"), "on");
        }

        LastContactOn = on;
        Outcome = what;
    }
}
