using System.Globalization;
using Keystone.Core.Lights;

namespace Keystone.Core.Factors;

public sealed record FundRow(FundSource Source, Money Applied, Money Approved, Money Received);

public sealed record EmissionRow(string Pollutant, decimal Needed, decimal Obtained);

/// <summary>One project's factor sheet as the engine reads it.</summary>
public sealed record FactorRow
{
    public required int ProjectId { get; init; }

    public required string Code { get; init; }

    public required string Name { get; init; }

    public required int UnitId { get; init; }

    public Area? LandNeeded { get; init; }

    public LandStage LandStage { get; init; }

    public Area? LandSupplied { get; init; }

    public decimal? EnergyNeeded { get; init; }

    public EnergyReview EnergyReview { get; init; }

    public decimal? EnergyApproved { get; init; }

    public IReadOnlyList<FundRow> Funds { get; init; } = [];

    public IReadOnlyList<EmissionRow> Emissions { get; init; } = [];
}

/// <summary>What one project still lacks, and the sentences that say so ("用地缺口120亩", "资金到位率62.5%").</summary>
public sealed record ProjectFactorGaps(
    int ProjectId,
    string Code,
    string Name,
    int UnitId,
    decimal LandGapMu,
    LandStage LandStage,
    decimal EnergyGapTce,
    Money FundsApplied,
    Money FundsApproved,
    Money FundsReceived,
    Percent? FundsInPlaceRate,
    IReadOnlyList<EmissionGap> EmissionGaps,
    int ProceduresOpen,
    int ObligationsOverdue,
    IReadOnlyList<Text> Gaps);

public sealed record EmissionGap(string Pollutant, decimal Needed, decimal Obtained, decimal Gap);

public sealed record FundSourceFigures(FundSource Source, Money Applied, Money Approved, Money Received, Percent? InPlaceRate);

/// <summary>
/// The factor figures of a scope (要素保障): land, energy, funds and emissions needed, got and lacking, the
/// approvals, and the projects with a gap, worst first. Every number the factors page, the API and the
/// briefing's 要素保障 paragraph print is here, computed once.
/// </summary>
public sealed record FactorFigures
{
    /// <summary>Projects with a factor sheet.</summary>
    public int Projects { get; init; }

    public decimal LandNeededMu { get; init; }

    public decimal LandSuppliedMu { get; init; }

    /// <summary>Σ over projects of the land needed and not yet supplied (亩).</summary>
    public decimal LandGapMu { get; init; }

    public int LandGapProjects { get; init; }

    /// <summary>Projects with a land gap whose land is being filed (组卷报批).</summary>
    public int LandFiling { get; init; }

    /// <summary>Projects with a land gap whose land is approved (批复) but not yet supplied.</summary>
    public int LandApproved { get; init; }

    public decimal EnergyNeededTce { get; init; }

    public decimal EnergyApprovedTce { get; init; }

    public decimal EnergyGapTce { get; init; }

    public int EnergyGapProjects { get; init; }

    public Money FundsApplied { get; init; }

    public Money FundsApproved { get; init; }

    public Money FundsReceived { get; init; }

    /// <summary>资金到位率 = received / approved; "—" when nothing is approved.</summary>
    public Percent? FundsInPlaceRate { get; init; }

    public IReadOnlyList<FundSourceFigures> FundsBySource { get; init; } = [];

    /// <summary>By pollutant, only those with a gap.</summary>
    public IReadOnlyList<EmissionGap> EmissionGaps { get; init; } = [];

    public required ApprovalFigures Approvals { get; init; }

    /// <summary>Projects lacking anything, the most items lacking first.</summary>
    public IReadOnlyList<ProjectFactorGaps> ProjectsWithGaps { get; init; } = [];

    /// <summary>Whether there is anything at all to say about factors.</summary>
    public bool IsEmpty => Projects == 0 && Approvals.Items == 0;
}

/// <summary>Computes the factor gaps of a scope: pure, over plain rows, so the page, the API and the briefing agree.</summary>
public static class FactorGaps
{
    public static FactorFigures Compute(IEnumerable<FactorRow> factors, IEnumerable<ProcedureRow> procedures, DateOnly asOf, LightRules rules, IEnumerable<LandStartRow>? landStarts = null) =>
        Compute(factors, procedures, asOf, _ => rules, landStarts);

    /// <summary>The gaps, each approval obligation judged by <paramref name="rulesOf"/> its project's unit.</summary>
    public static FactorFigures Compute(IEnumerable<FactorRow> factors, IEnumerable<ProcedureRow> procedures, DateOnly asOf, Func<int, LightRules> rulesOf, IEnumerable<LandStartRow>? landStarts = null)
    {
        ArgumentNullException.ThrowIfNull(factors);
        ArgumentNullException.ThrowIfNull(procedures);
        var rows = factors.ToList();
        var items = procedures.ToList();
        var approvals = ProcedureFigures.Compute(items, asOf, rulesOf, landStarts ?? []);
        var openByProject = items.Where(i => !(i.ApprovedOn <= asOf)).GroupBy(i => i.ProjectId).ToDictionary(g => g.Key, g => g.Count());
        var overdueByProject = approvals.Obligations.Where(o => o.Light == Lights.Light.Red).GroupBy(o => o.ProjectId).ToDictionary(g => g.Key, g => g.Count());

        var gaps = new List<ProjectFactorGaps>();
        foreach (var row in rows)
        {
            gaps.Add(Gaps(row, openByProject.GetValueOrDefault(row.ProjectId), overdueByProject.GetValueOrDefault(row.ProjectId)));
        }

        // Projects with a checklist but no factor sheet still show their open approvals.
        var sheetless = items.Where(i => rows.All(r => r.ProjectId != i.ProjectId)).GroupBy(i => i.ProjectId);
        foreach (var project in sheetless)
        {
            var first = project.First();
            gaps.Add(Gaps(
                new FactorRow { ProjectId = first.ProjectId, Code = first.Code, Name = first.ProjectName, UnitId = first.UnitId },
                openByProject.GetValueOrDefault(project.Key),
                overdueByProject.GetValueOrDefault(project.Key)));
        }

        var landGap = SumArea(rows.Select(LandGap));
        var energyGaps = rows.Select(r => Positive((r.EnergyNeeded ?? 0) - (r.EnergyReview == EnergyReview.NotRequired ? r.EnergyNeeded ?? 0 : r.EnergyApproved ?? 0))).ToList();
        var funds = rows.SelectMany(r => r.Funds).ToList();
        var bySource = funds.GroupBy(f => f.Source).OrderBy(g => g.Key).Select(g =>
        {
            var approved = Money.Sum(g.Select(f => f.Approved));
            var received = Money.Sum(g.Select(f => f.Received));
            return new FundSourceFigures(g.Key, Money.Sum(g.Select(f => f.Applied)), approved, received, Percent.Of(received, approved));
        }).ToList();
        var emissionGaps = rows.SelectMany(r => r.Emissions)
            .GroupBy(e => e.Pollutant, StringComparer.Ordinal)
            .Select(g => new EmissionGap(g.Key, g.Sum(e => e.Needed), g.Sum(e => e.Obtained), g.Sum(e => Positive(e.Needed - e.Obtained))))
            .Where(e => e.Gap > 0)
            .OrderByDescending(e => e.Gap).ThenBy(e => e.Pollutant, StringComparer.Ordinal)
            .ToList();
        var approvedTotal = Money.Sum(funds.Select(f => f.Approved));
        var receivedTotal = Money.Sum(funds.Select(f => f.Received));
        var landGapRows = rows.Where(r => LandGap(r).SquareMetres > 0).ToList();

        return new FactorFigures
        {
            Projects = rows.Count,
            LandNeededMu = SumArea(rows.Select(r => r.LandNeeded ?? new Area(0))).Mu,
            LandSuppliedMu = SumArea(rows.Select(r => r.LandSupplied ?? new Area(0))).Mu,
            LandGapMu = landGap.Mu,
            LandGapProjects = landGapRows.Count,
            LandFiling = landGapRows.Count(r => r.LandStage == LandStage.Filing),
            LandApproved = landGapRows.Count(r => r.LandStage == LandStage.Approved),
            EnergyNeededTce = rows.Sum(r => r.EnergyNeeded ?? 0),
            EnergyApprovedTce = rows.Sum(r => r.EnergyApproved ?? 0),
            EnergyGapTce = energyGaps.Sum(),
            EnergyGapProjects = energyGaps.Count(g => g > 0),
            FundsApplied = Money.Sum(funds.Select(f => f.Applied)),
            FundsApproved = approvedTotal,
            FundsReceived = receivedTotal,
            FundsInPlaceRate = Percent.Of(receivedTotal, approvedTotal),
            FundsBySource = bySource,
            EmissionGaps = emissionGaps,
            Approvals = approvals,
            ProjectsWithGaps = gaps.Where(g => g.Gaps.Count > 0)
                .OrderByDescending(g => g.Gaps.Count).ThenByDescending(g => g.LandGapMu).ThenBy(g => g.Code, StringComparer.Ordinal)
                .ToList(),
        };
    }

    /// <summary>The land a project needs and has not been supplied.</summary>
    public static Area LandGap(FactorRow row)
    {
        var needed = row.LandNeeded?.SquareMetres ?? 0;
        var supplied = row.LandStage == LandStage.Supplied ? row.LandSupplied?.SquareMetres ?? 0 : 0;
        return new Area(Positive(needed - supplied));
    }

    private static ProjectFactorGaps Gaps(FactorRow row, int proceduresOpen, int obligationsOverdue)
    {
        var texts = new List<Text>();
        var land = LandGap(row).Mu;
        if (land > 0)
        {
            var stage = row.LandStage switch
            {
                LandStage.NotStarted => new Text("未启动报批", "not yet filed"),
                LandStage.Filing => new Text("组卷报批中", "being filed"),
                LandStage.Approved => new Text("已批复待供地", "approved, not yet supplied"),
                LandStage.Supplied => new Text("部分供地", "partly supplied"),
            };
            texts.Add(new($"用地缺口{Mu(land)}（{stage.Zh}）", $"land short by {Trim(land)} mu ({stage.En})"));
        }

        var energy = row.EnergyReview == EnergyReview.NotRequired ? 0 : Positive((row.EnergyNeeded ?? 0) - (row.EnergyApproved ?? 0));
        if (energy > 0)
        {
            texts.Add(new($"能耗指标缺口{Tonnes(energy, "标准煤")}", $"energy quota short by {Trim(energy)} tce"));
        }

        var applied = Money.Sum(row.Funds.Select(f => f.Applied));
        var approved = Money.Sum(row.Funds.Select(f => f.Approved));
        var received = Money.Sum(row.Funds.Select(f => f.Received));
        var inPlace = Percent.Of(received, approved);
        if (applied > approved)
        {
            texts.Add(new($"申请资金{applied - approved}待批复", $"{(applied - approved).ToPlainString()} 万元 of funds awaiting approval"));
        }

        if (received < approved)
        {
            texts.Add(new($"资金到位率{ChineseFormat.Percent(inPlace)}", $"funds in place {ChineseFormat.Percent(inPlace)}"));
        }

        var emissions = row.Emissions.Where(e => e.Needed > e.Obtained)
            .Select(e => new EmissionGap(e.Pollutant, e.Needed, e.Obtained, e.Needed - e.Obtained))
            .OrderBy(e => e.Pollutant, StringComparer.Ordinal)
            .ToList();
        foreach (var e in emissions)
        {
            texts.Add(new($"{e.Pollutant}排放指标缺口{Tonnes(e.Gap, "")}", $"{e.Pollutant} emission quota short by {Trim(e.Gap)} t"));
        }

        if (proceduresOpen > 0)
        {
            texts.Add(new(Invariant($"前期手续未办结{proceduresOpen}项"), Invariant($"{proceduresOpen} {(proceduresOpen == 1 ? "approval" : "approvals")} outstanding")));
        }

        if (obligationsOverdue > 0)
        {
            texts.Add(new(Invariant($"容缺补正或承诺核查逾期{obligationsOverdue}项"), Invariant($"{obligationsOverdue} {(obligationsOverdue == 1 ? "obligation" : "obligations")} overdue")));
        }

        return new ProjectFactorGaps(row.ProjectId, row.Code, row.Name, row.UnitId, land, row.LandStage, energy, applied, approved, received, inPlace, emissions, proceduresOpen, obligationsOverdue, texts);
    }

    /// <summary>"120亩", "356.5亩".</summary>
    public static string Mu(decimal mu) => ChineseFormat.Trim(decimal.Round(mu, 2, MidpointRounding.AwayFromZero)) + "亩";

    /// <summary>"8000吨标准煤", "1.5万吨标准煤"; "2吨" for a pollutant.</summary>
    public static string Tonnes(decimal tonnes, string of) =>
        tonnes >= 10_000m
            ? ChineseFormat.Trim(decimal.Round(tonnes / 10_000m, 2, MidpointRounding.AwayFromZero)) + "万吨" + of
            : ChineseFormat.Trim(decimal.Round(tonnes, 2, MidpointRounding.AwayFromZero)) + "吨" + of;

    private static string Trim(decimal value) => ChineseFormat.Trim(decimal.Round(value, 2, MidpointRounding.AwayFromZero));

    private static Area SumArea(IEnumerable<Area> areas) => new(areas.Sum(a => a.SquareMetres));

    private static decimal Positive(decimal value) => value > 0 ? value : 0;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
