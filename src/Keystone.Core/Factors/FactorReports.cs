using System.Globalization;
using Keystone.Core.Figures;
using Keystone.Core.Lights;
using Keystone.Core.Units;

namespace Keystone.Core.Factors;

public sealed record FundSourceReport(FundSource Source, string Name, decimal Applied, decimal Approved, decimal Received, decimal? InPlaceRate);

public sealed record ObligationItem(
    string Code, string ProjectName, string Unit, string Item, ObligationKind Kind, string What, DateOnly Due, DateOnly? Done, Light Light, IReadOnlyList<string> Reasons);

public sealed record ProjectGapItem(
    string Code,
    string Name,
    string Unit,
    decimal LandGapMu,
    LandStage LandStage,
    decimal EnergyGapTce,
    decimal FundsApplied,
    decimal FundsApproved,
    decimal FundsReceived,
    decimal? FundsInPlaceRate,
    IReadOnlyList<EmissionGap> EmissionGaps,
    int ProceduresOpen,
    int ObligationsOverdue,
    IReadOnlyList<string> Gaps);

public sealed record ApprovalsReport(
    int Items,
    int Approved,
    int InProgress,
    int NotStarted,
    decimal? DoneRate,
    int Parallel,
    int AcceptedWithGaps,
    int Commitment,
    int Agency,
    int ObligationsOpen,
    int ObligationsOverdue,
    int LandToStartProjects,
    decimal? AverageDaysLandToStart,
    int StartedOnLandDay,
    IReadOnlyList<ObligationItem> Obligations);

/// <summary>
/// A scope's factor figures as JSON (GET /api/factors, the briefing's `factors`): land in 亩, energy in tce,
/// money in 万元, rates in percent to one decimal. Field names are a contract: add, never rename.
/// </summary>
public sealed record FactorsReport
{
    public required string Scope { get; init; }

    public required DateOnly AsOf { get; init; }

    public required int Projects { get; init; }

    public required decimal LandNeededMu { get; init; }

    public required decimal LandSuppliedMu { get; init; }

    public required decimal LandGapMu { get; init; }

    public required int LandGapProjects { get; init; }

    public required decimal EnergyNeededTce { get; init; }

    public required decimal EnergyApprovedTce { get; init; }

    public required decimal EnergyGapTce { get; init; }

    public required decimal FundsApplied { get; init; }

    public required decimal FundsApproved { get; init; }

    public required decimal FundsReceived { get; init; }

    /// <summary>资金到位率 = received / approved.</summary>
    public required decimal? FundsInPlaceRate { get; init; }

    public required IReadOnlyList<FundSourceReport> FundsBySource { get; init; }

    public required IReadOnlyList<EmissionGap> EmissionGaps { get; init; }

    public required ApprovalsReport Approvals { get; init; }

    /// <summary>The projects lacking anything, the most lacking first.</summary>
    public required IReadOnlyList<ProjectGapItem> Items { get; init; }

    public required int Total { get; init; }

    public static FactorsReport Of(string scope, DateOnly asOf, FactorFigures f, OrgTree tree, CultureInfo culture)
    {
        string Unit(int id) => tree.Contains(id) ? tree[id].Name : "";
        var a = f.Approvals;
        return new FactorsReport
        {
            Scope = scope,
            AsOf = asOf,
            Projects = f.Projects,
            LandNeededMu = f.LandNeededMu,
            LandSuppliedMu = f.LandSuppliedMu,
            LandGapMu = f.LandGapMu,
            LandGapProjects = f.LandGapProjects,
            EnergyNeededTce = f.EnergyNeededTce,
            EnergyApprovedTce = f.EnergyApprovedTce,
            EnergyGapTce = f.EnergyGapTce,
            FundsApplied = f.FundsApplied.Wan,
            FundsApproved = f.FundsApproved.Wan,
            FundsReceived = f.FundsReceived.Wan,
            FundsInPlaceRate = f.FundsInPlaceRate?.Rounded,
            FundsBySource = f.FundsBySource.Select(s => new FundSourceReport(s.Source, FactorVocabulary.Name(s.Source).For(culture), s.Applied.Wan, s.Approved.Wan, s.Received.Wan, s.InPlaceRate?.Rounded)).ToList(),
            EmissionGaps = f.EmissionGaps,
            Approvals = new ApprovalsReport(
                a.Items, a.Approved, a.InProgress, a.NotStarted, a.DoneRate?.Rounded, a.Parallel, a.AcceptedWithGaps, a.Commitment, a.Agency,
                a.ObligationsOpen, a.ObligationsOverdue, a.LandToStartProjects, a.AverageDaysLandToStart, a.StartedOnLandDay,
                a.Obligations.Select(o => new ObligationItem(o.Code, o.ProjectName, Unit(o.UnitId), o.Item, o.Kind, o.What, o.Due, o.Done, o.Light, o.Reasons.Select(r => r.Text.For(culture)).ToList())).ToList()),
            Items = f.ProjectsWithGaps.Select(g => new ProjectGapItem(
                g.Code, g.Name, Unit(g.UnitId), g.LandGapMu, g.LandStage, g.EnergyGapTce, g.FundsApplied.Wan, g.FundsApproved.Wan, g.FundsReceived.Wan,
                g.FundsInPlaceRate?.Rounded, g.EmissionGaps, g.ProceduresOpen, g.ObligationsOverdue, g.Gaps.Select(t => t.For(culture)).ToList())).ToList(),
            Total = f.ProjectsWithGaps.Count,
        };
    }
}

/// <summary>The names of the factor vocabularies in both languages, and what people type for them.</summary>
public static class FactorVocabulary
{
    public static Text Name(FundSource source) => source switch
    {
        FundSource.SpecialBonds => new("专项债", "Special bonds"),
        FundSource.UltraLongBonds => new("超长期特别国债", "Ultra-long special treasury bonds"),
        FundSource.BankLoans => new("银行贷款", "Bank loans"),
        FundSource.IndustryFund => new("产业基金", "Industry fund"),
        FundSource.SelfRaised => new("自筹", "Self-raised"),
    };

    public static Text Name(LandStage stage) => stage switch
    {
        LandStage.NotStarted => new("未启动", "Not started"),
        LandStage.Filing => new("组卷报批", "Being filed"),
        LandStage.Approved => new("已批复", "Approved"),
        LandStage.Supplied => new("已供地", "Supplied"),
    };

    public static Text Name(EnergyReview review) => review switch
    {
        EnergyReview.NotStarted => new("未报", "Not filed"),
        EnergyReview.Filed => new("已报送", "Filed"),
        EnergyReview.Approved => new("已批复", "Approved"),
        EnergyReview.NotRequired => new("无需能评", "Not required"),
    };

    public static FundSource ParseSource(string text) => Projects.ProjectVocabulary.Normalize(text) switch
    {
        "specialbonds" or "专项债" or "专项债券" => FundSource.SpecialBonds,
        "ultralongbonds" or "超长期特别国债" or "特别国债" => FundSource.UltraLongBonds,
        "bankloans" or "银行贷款" or "贷款" => FundSource.BankLoans,
        "industryfund" or "产业基金" or "基金" => FundSource.IndustryFund,
        "selfraised" or "自筹" or "自筹资金" => FundSource.SelfRaised,
        _ => throw new DomainException(
            new($"资金来源“{text}”无效：可用 专项债、超长期特别国债、银行贷款、产业基金、自筹", $"The source \"{text}\" is not valid: use specialBonds, ultraLongBonds, bankLoans, industryFund or selfRaised"),
            "source"),
    };

    public static LandStage ParseLandStage(string text) => Projects.ProjectVocabulary.Normalize(text) switch
    {
        "notstarted" or "未启动" => LandStage.NotStarted,
        "filing" or "组卷报批" or "报批" => LandStage.Filing,
        "approved" or "批复" or "已批复" => LandStage.Approved,
        "supplied" or "供地" or "已供地" => LandStage.Supplied,
        _ => throw new DomainException(
            new($"用地进度“{text}”无效：可用 未启动、组卷报批、批复、供地", $"The land stage \"{text}\" is not valid: use notStarted, filing, approved or supplied"),
            "stage"),
    };

    public static EnergyReview ParseEnergyReview(string text) => Projects.ProjectVocabulary.Normalize(text) switch
    {
        "notstarted" or "未报" => EnergyReview.NotStarted,
        "filed" or "已报送" or "报送" => EnergyReview.Filed,
        "approved" or "已批复" or "批复" => EnergyReview.Approved,
        "notrequired" or "无需能评" or "不需要" => EnergyReview.NotRequired,
        _ => throw new DomainException(
            new($"能评状态“{text}”无效：可用 未报、已报送、已批复、无需能评", $"The energy review \"{text}\" is not valid: use notStarted, filed, approved or notRequired"),
            "review"),
    };
}
