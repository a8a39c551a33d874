using System.Text.RegularExpressions;
using Keystone.Core.Ledger;

namespace Keystone.Core.Promotion.Files;

/// <summary>
/// The columns of a lead file (招商线索台账): the twelve a 投资合作部 keeps, then the date of each stage before and
/// after 签约 (the model needs every stage's date; export writes them so a file read back changes nothing).
/// </summary>
public enum LeadColumn
{
    Name,
    Investor,
    Uscc,
    Channel,
    Chain,
    IntendedInvestment,
    Stage,
    SignedOn,
    ContractAmount,
    Officer,
    LastFollowUp,
    Remarks,
    LeadOn,
    ContactedOn,
    VisitedOn,
    NegotiatingOn,
    RegisteredOn,
    StartedOn,
    ProducingOn,
}

/// <summary>The 最近跟进 cell: "2024-04-02 外出拜访：赴洛阳总部对接投资协议文本" (the method and content optional).</summary>
public sealed record FollowUpCell(DateOnly On, FollowUpMethod? Method, string? What);

/// <summary>One good row of a lead file: what it says of its lead (null where the cell is blank).</summary>
public sealed record LeadFileRow
{
    public required int Row { get; init; }

    public required string Name { get; init; }

    public string? Investor { get; init; }

    public Uscc? Uscc { get; init; }

    public LeadChannel? Channel { get; init; }

    /// <summary>以商招商's referring enterprise, 平台招商's platform: the bracket of the 招商方式 cell.</summary>
    public string? ChannelDetail { get; init; }

    public string? Chain { get; init; }

    public string? Link { get; init; }

    public Money? IntendedInvestment { get; init; }

    public LeadStage? Stage { get; init; }

    /// <summary>搁置 or 终止 written in 所处阶段.</summary>
    public LeadState? Halted { get; init; }

    public required IReadOnlyDictionary<LeadStage, DateOnly> Dates { get; init; }

    public Money? ContractAmount { get; init; }

    public string? Officer { get; init; }

    public string? Remarks { get; init; }

    public FollowUpCell? FollowUp { get; init; }

    /// <summary>What 所处阶段 says, as written.</summary>
    public string? StageText { get; init; }
}

/// <summary>A lead file read: its good rows (checked against the record too, so every problem is listed) and every problem found.</summary>
public sealed record LeadRead(
    string Sheet, int HeaderRow, IReadOnlyList<LeadFileRow> Rows, IReadOnlyList<LedgerProblem> Problems, IReadOnlySet<LeadColumn> Present, IReadOnlyDictionary<string, int> Columns,
    IReadOnlyDictionary<LeadColumn, string> Headers);

/// <summary>
/// Reads a lead file (.xlsx, .xls, .csv) with the ledger's conventions (see <see cref="PromotionSheet{TField}"/>):
/// 招商方式 with its referrer or platform in brackets ("以商招商（日昌新材料山西有限责任公司）"), 所属产业链 with its
/// link ("第三代半导体（材料）"), 所处阶段 a stage or 搁置/终止, amounts in 万元 unless marked, dates in any form.
/// </summary>
public static partial class LeadFile
{
    public static IReadOnlyList<LeadColumn> Fields { get; } = Enum.GetValues<LeadColumn>();

    public static string Header(LeadColumn c) => c switch
    {
        LeadColumn.Name => "线索/项目名称",
        LeadColumn.Investor => "投资方",
        LeadColumn.Uscc => "统一社会信用代码",
        LeadColumn.Channel => "招商方式",
        LeadColumn.Chain => "所属产业链",
        LeadColumn.IntendedInvestment => "意向投资额（万元）",
        LeadColumn.Stage => "所处阶段",
        LeadColumn.SignedOn => "签约日期",
        LeadColumn.ContractAmount => "签约金额（万元）",
        LeadColumn.Officer => "负责人",
        LeadColumn.LastFollowUp => "最近跟进",
        LeadColumn.Remarks => "备注",
        LeadColumn.LeadOn => "线索日期",
        LeadColumn.ContactedOn => "接洽日期",
        LeadColumn.VisitedOn => "考察日期",
        LeadColumn.NegotiatingOn => "洽谈日期",
        LeadColumn.RegisteredOn => "注册日期",
        LeadColumn.StartedOn => "开工日期",
        LeadColumn.ProducingOn => "投产日期",
        _ => throw new ArgumentOutOfRangeException(nameof(c)),
    };

    /// <summary>The column holding a stage's date.</summary>
    public static LeadColumn DateColumn(LeadStage stage) => stage switch
    {
        LeadStage.Lead => LeadColumn.LeadOn,
        LeadStage.Contacted => LeadColumn.ContactedOn,
        LeadStage.Visited => LeadColumn.VisitedOn,
        LeadStage.Negotiating => LeadColumn.NegotiatingOn,
        LeadStage.Signed => LeadColumn.SignedOn,
        LeadStage.Registered => LeadColumn.RegisteredOn,
        LeadStage.Started => LeadColumn.StartedOn,
        LeadStage.Producing => LeadColumn.ProducingOn,
        _ => throw new ArgumentOutOfRangeException(nameof(stage)),
    };

    private static readonly Dictionary<string, LeadColumn> Names = Build();

    private static Dictionary<string, LeadColumn> Build()
    {
        var n = new Dictionary<string, LeadColumn>();
        void Add(LeadColumn c, params string[] variants) => PromotionSheet<LeadColumn>.Name(n, c, Header(c), variants);
        Add(LeadColumn.Name, "线索名称", "项目名称", "线索/项目", "线索", "招商项目", "招商项目名称", "项目名称/线索", "项目");
        Add(LeadColumn.Investor, "投资方名称", "投资主体", "投资企业", "投资人", "投资商", "客商", "签约企业");
        Add(LeadColumn.Uscc, "社会信用代码", "信用代码", "统一代码", "USCC");
        Add(LeadColumn.Channel, "招商渠道", "招引方式", "引进方式", "线索来源", "来源");
        Add(LeadColumn.Chain, "产业链", "产业链环节", "所属产业链环节", "所属产业", "产业");
        Add(LeadColumn.IntendedInvestment, "意向投资额", "意向投资", "拟投资额", "计划投资额", "计划总投资", "投资额", "总投资");
        Add(LeadColumn.Stage, "阶段", "当前阶段", "推进阶段", "进展阶段", "项目阶段");
        Add(LeadColumn.SignedOn, "签约时间");
        Add(LeadColumn.ContractAmount, "签约金额", "签约额", "签约投资额", "合同金额", "协议金额");
        Add(LeadColumn.Officer, "责任人", "对接人", "招商责任人", "联系人", "跟进人");
        Add(LeadColumn.LastFollowUp, "最近跟进情况", "最近一次跟进", "最新跟进", "跟进情况", "最新进展");
        Add(LeadColumn.Remarks, "说明");
        Add(LeadColumn.LeadOn, "线索时间", "获取日期", "登记日期");
        Add(LeadColumn.ContactedOn, "接洽时间");
        Add(LeadColumn.VisitedOn, "考察时间");
        Add(LeadColumn.NegotiatingOn, "洽谈时间");
        Add(LeadColumn.RegisteredOn, "注册时间");
        Add(LeadColumn.StartedOn, "开工时间");
        Add(LeadColumn.ProducingOn, "投产时间");
        return n;
    }

    /// <summary>Reads <paramref name="sheet"/> (the first when none); <paramref name="year"/> places a date written without one.</summary>
    public static LeadRead Read(LedgerSource source, int year, string? sheet = null)
    {
        var file = PromotionSheet<LeadColumn>.Open(source, sheet, Names, [LeadColumn.Name, LeadColumn.Investor], Header, new("招商线索", "lead"));
        var problems = new List<LedgerProblem>();
        var good = new List<LeadFileRow>();
        var rowOf = new Dictionary<string, int>();
        foreach (var raw in file.Rows)
        {
            if (raw.HasOverlongCell)
            {
                problems.AddRange(file.Overlong(raw));
                continue;
            }

            var r = file.Read(raw, Header, problems);
            var name = r.Text(LeadColumn.Name);
            if (name.Length is 0 or > Lead.MaxNameLength)
            {
                r.Problem(LeadColumn.Name, name, new("线索/项目名称不能为空，且不超过200字", "The lead's project name is required and at most 200 characters"));
            }
            else if (!rowOf.TryAdd(name, raw.Number))
            {
                r.Problem(LeadColumn.Name, name, new($"与第{rowOf[name]}行重复：一条线索只写一行", $"Repeats row {rowOf[name]}: one row per lead"));
            }

            LeadChannel? channel = null;
            var (channelText, detail) = PromotionCells.Split(r.Optional(LeadColumn.Channel));
            if (channelText is not null)
            {
                try
                {
                    channel = PromotionVocabulary.ParseChannel(channelText);
                    if (detail is not null && channel is not (LeadChannel.Business or LeadChannel.Platform))
                    {
                        r.Problem(LeadColumn.Channel, r.Text(LeadColumn.Channel), new(
                            "只有以商招商（引荐企业）、平台招商（平台）在括号中写明来源",
                            "Only 以商招商 (the referring enterprise) and 平台招商 (the platform) take a name in brackets"));
                    }
                }
                catch (DomainException e)
                {
                    r.Problem(LeadColumn.Channel, r.Text(LeadColumn.Channel), e.Text);
                }
            }
            else if (detail is not null)
            {
                r.Problem(LeadColumn.Channel, r.Text(LeadColumn.Channel), new("请写明招商方式", "Name the channel"));
            }

            LeadStage? stage = null;
            LeadState? halted = null;
            if (r.Optional(LeadColumn.Stage) is { } stageText)
            {
                var named = PromotionVocabulary.Stages
                    .Where(s => PromotionVocabulary.Name(s) == stageText || PromotionVocabulary.Code(s).Equals(stageText, StringComparison.OrdinalIgnoreCase))
                    .Select(s => (LeadStage?)s).FirstOrDefault();
                if (named is { } s)
                {
                    stage = s;
                }
                else if (stageText is "搁置" or "终止" or "shelved" or "terminated")
                {
                    halted = PromotionVocabulary.ParseState(stageText);
                }
                else
                {
                    var names = string.Join("、", PromotionVocabulary.Stages.Select(PromotionVocabulary.Name));
                    r.Problem(LeadColumn.Stage, stageText, new($"所处阶段“{stageText}”无效：可用{names}、搁置、终止", $"The stage \"{stageText}\" is not valid: use {names}, 搁置 or 终止"));
                }
            }

            var dates = new Dictionary<LeadStage, DateOnly>();
            foreach (var s in PromotionVocabulary.Stages)
            {
                if (r.Date(DateColumn(s), year) is { } d)
                {
                    dates[s] = d;
                }
            }

            FollowUpCell? followUp = null;
            if (r.Optional(LeadColumn.LastFollowUp) is not null)
            {
                followUp = ParseFollowUp(r.Cell(LeadColumn.LastFollowUp), year, out var why);
                if (followUp is null)
                {
                    r.Problem(LeadColumn.LastFollowUp, r.Text(LeadColumn.LastFollowUp), why);
                }
            }

            var (chain, link) = PromotionCells.Split(r.Optional(LeadColumn.Chain));
            var row = new LeadFileRow
            {
                Row = raw.Number,
                Name = name,
                Investor = r.Bounded(LeadColumn.Investor, Lead.MaxNameLength),
                Uscc = r.Uscc(LeadColumn.Uscc),
                Channel = channel,
                ChannelDetail = detail,
                Chain = chain,
                Link = link,
                IntendedInvestment = r.Amount(LeadColumn.IntendedInvestment),
                Stage = stage,
                Halted = halted,
                StageText = r.Optional(LeadColumn.Stage),
                Dates = dates,
                ContractAmount = r.Amount(LeadColumn.ContractAmount),
                Officer = r.Bounded(LeadColumn.Officer, Lead.MaxShortLength),
                Remarks = r.Bounded(LeadColumn.Remarks, Lead.MaxTextLength),
                FollowUp = followUp,
            };
            if (r.Good)
            {
                good.Add(row);
            }
        }

        if (problems.Count == 0 && good.Count == 0)
        {
            throw new DomainException(new($"工作表“{file.Sheet}”没有线索", $"The sheet \"{file.Sheet}\" has no leads"), "file");
        }

        return new LeadRead(file.Sheet, file.HeaderRow, good, problems, file.Present, file.Columns(Header), file.FileHeaders);
    }

    /// <summary>"2024-04-02 外出拜访：赴洛阳…", "2024年4月2日 电话 沟通用地", or a date alone; null (with the reason) when it does not start with a date.</summary>
    public static FollowUpCell? ParseFollowUp(object? cell, int year, out Text why)
    {
        why = default;
        if (cell is DateTime or DateOnly or double)
        {
            return LedgerDates.Parse(cell, year, out var d, out why) ? new FollowUpCell(d, null, null) : null;
        }

        var text = LedgerParser.FoldWidth(LedgerValues.AsText(cell)).Trim();
        var m = LeadingDate().Match(text);
        if (!m.Success || !LedgerDates.Parse(m.Groups["d"].Value, year, out var on, out _))
        {
            why = new("最近跟进须以日期开头，如“2024年4月2日 电话：沟通用地”", "The last follow-up starts with its date, e.g. \"2024-04-02 电话：沟通用地\"");
            return null;
        }

        var rest = m.Groups["rest"].Value.Trim().TrimStart(':', '：', ',', '，', '、', ' ');
        FollowUpMethod? method = null;
        foreach (var candidate in Enum.GetValues<FollowUpMethod>())
        {
            if (rest.StartsWith(PromotionVocabulary.Name(candidate), StringComparison.Ordinal))
            {
                method = candidate;
                rest = rest[PromotionVocabulary.Name(candidate).Length..].Trim().TrimStart(':', '：', ',', '，', '、', ' ');
                break;
            }
        }

        // The content is kept as written (full-width punctuation and all): fold only to find the date.
        var original = LedgerValues.AsText(cell).Trim();
        var what = rest.Length == 0 ? null : original[^Math.Min(original.Length, rest.Length)..].Trim();
        return new FollowUpCell(on, method, what);
    }

    /// <summary>The 最近跟进 cell of a lead: its latest follow-up as export writes it and an import compares it.</summary>
    public static string FollowUpText(LeadFollowUp? f) =>
        f is null ? "" : $"{PromotionCells.Iso(f.On)} {PromotionVocabulary.Name(f.Method)}：{f.What}";

    /// <summary>A lead's cells as export writes them and an import compares them; <paramref name="dates"/> are its stage dates (开工/投产 the project's when it is one).</summary>
    public static Dictionary<LeadColumn, string> Cells(Lead l, IReadOnlyDictionary<LeadStage, DateOnly> dates)
    {
        var stage = l.State != LeadState.Active ? PromotionVocabulary.Name(l.State) : PromotionVocabulary.Name(dates.Keys.DefaultIfEmpty(LeadStage.Lead).Max());
        var latest = l.FollowUps.OrderBy(f => f.On).ThenBy(f => f.Sequence).LastOrDefault();
        var cells = new Dictionary<LeadColumn, string>
        {
            [LeadColumn.Name] = l.Name,
            [LeadColumn.Investor] = l.Investor,
            [LeadColumn.Uscc] = l.Uscc?.Value ?? "",
            [LeadColumn.Channel] = PromotionCells.Join(PromotionVocabulary.Name(l.Channel), l.Referrer ?? l.Platform),
            [LeadColumn.Chain] = PromotionCells.Join(l.Chain, l.Link),
            [LeadColumn.IntendedInvestment] = l.IntendedInvestment?.ToPlainString() ?? "",
            [LeadColumn.Stage] = stage,
            [LeadColumn.ContractAmount] = l.ContractAmount?.ToPlainString() ?? "",
            [LeadColumn.Officer] = l.Officer ?? "",
            [LeadColumn.LastFollowUp] = FollowUpText(latest),
            [LeadColumn.Remarks] = l.Remarks ?? "",
        };
        foreach (var s in PromotionVocabulary.Stages)
        {
            cells[DateColumn(s)] = PromotionCells.Iso(dates.TryGetValue(s, out var d) ? d : null);
        }

        return cells;
    }

    [GeneratedRegex(@"^(?<d>\d{4}\s*[-./年]\s*\d{1,2}\s*[-./月]\s*\d{1,2}\s*日?)(?<rest>.*)$", RegexOptions.Singleline)]
    private static partial Regex LeadingDate();
}
