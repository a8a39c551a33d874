using Keystone.Core.Factors;
using Keystone.Core.Figures;
using Keystone.Core.Lights;

namespace Keystone.Core.Tests.Factors;

public class FactorGapsTests
{
    private static readonly DateOnly Day = new(2024, 4, 10);

    private static FactorRow Row(int id, string code) => new() { ProjectId = id, Code = code, Name = code + "项目", UnitId = 8 };

    [Fact]
    public void TheSheet_RefusesWhatCannotBe()
    {
        var sheet = new ProjectFactors(1);
        Assert.Equal(["suppliedMu", "suppliedOn"], Assert.Throws<ValidationException>(() => sheet.RecordLand(Area.FromMu(100), LandStage.Supplied, null, null)).Errors.Select(e => e.Field));
        Assert.Throws<ValidationException>(() => sheet.RecordLand(Area.FromMu(100), LandStage.Filing, Area.FromMu(10), null));
        Assert.Throws<ValidationException>(() => sheet.RecordEnergy(100, EnergyReview.Filed, 50));
        Assert.Throws<ValidationException>(() => sheet.RecordEnergy(-1, EnergyReview.NotStarted, null));
        Assert.Equal(["approved", "received"], Assert.Throws<ValidationException>(() => sheet.RecordFunds(FundSource.SpecialBonds, new Money(100), new Money(200), new Money(300))).Errors.Select(e => e.Field));
        Assert.Throws<ValidationException>(() => sheet.RecordEmission(" ", 1, 0));
        Assert.Null(sheet.LandNeeded);
        Assert.Empty(sheet.Funds);
    }

    [Fact]
    public void Funds_AreOneLinePerSource_AndZeroRemovesIt()
    {
        var sheet = new ProjectFactors(1);
        sheet.RecordFunds(FundSource.BankLoans, new Money(100_000), new Money(80_000), new Money(50_000));
        sheet.RecordFunds(FundSource.BankLoans, new Money(100_000), new Money(90_000), new Money(60_000));
        var line = Assert.Single(sheet.Funds);
        Assert.Equal(new Money(60_000), line.Received);
        sheet.RecordFunds(FundSource.BankLoans, Money.Zero, Money.Zero, Money.Zero);
        Assert.Empty(sheet.Funds);
        sheet.RecordEmission("二氧化硫", 5, 3);
        sheet.RecordEmission("二氧化硫", 5, 4);
        Assert.Equal(4, Assert.Single(sheet.Emissions).Obtained);
    }

    [Fact]
    public void Gaps_AreSummedOverProjects_AndSaidPerProject()
    {
        FactorRow[] rows =
        [
            Row(1, "A") with { LandNeeded = Area.FromMu(256.5m), LandStage = LandStage.Supplied, LandSupplied = Area.FromMu(256.5m) },
            Row(2, "B") with
            {
                LandNeeded = Area.FromMu(300), LandStage = LandStage.Filing,
                Funds = [new(FundSource.SpecialBonds, new Money(50_000), new Money(30_000), new Money(20_000)), new(FundSource.BankLoans, new Money(100_000), new Money(80_000), new Money(50_000))],
            },
            Row(3, "C") with { LandNeeded = Area.FromMu(120), LandStage = LandStage.Approved, EnergyNeeded = 15_000, EnergyReview = EnergyReview.Filed },
            Row(4, "D") with { EnergyNeeded = 8_000, EnergyReview = EnergyReview.Approved, EnergyApproved = 8_000, Emissions = [new("二氧化硫", 5, 3), new("氮氧化物", 12, 12)] },
            Row(5, "E") with { EnergyNeeded = 500, EnergyReview = EnergyReview.NotRequired },
        ];

        var f = FactorGaps.Compute(rows, [], Day, LightRules.Default);

        Assert.Equal(5, f.Projects);
        Assert.Equal(420m, f.LandGapMu);
        Assert.Equal(2, f.LandGapProjects);
        Assert.Equal(1, f.LandFiling);
        Assert.Equal(1, f.LandApproved);
        Assert.Equal(676.5m, f.LandNeededMu);
        Assert.Equal(15_000m, f.EnergyGapTce);
        Assert.Equal(1, f.EnergyGapProjects);
        Assert.Equal(new Money(150_000), f.FundsApplied);
        Assert.Equal(new Money(110_000), f.FundsApproved);
        Assert.Equal(new Money(70_000), f.FundsReceived);
        Assert.Equal(63.6m, f.FundsInPlaceRate!.Value.Rounded);
        Assert.Equal([FundSource.SpecialBonds, FundSource.BankLoans], f.FundsBySource.Select(s => s.Source));
        Assert.Equal(new EmissionGap("二氧化硫", 5, 3, 2), Assert.Single(f.EmissionGaps));

        Assert.Equal(["B", "C", "D"], f.ProjectsWithGaps.Select(g => g.Code));
        var b = f.ProjectsWithGaps[0];
        Assert.Equal(["用地缺口300亩（组卷报批中）", "申请资金4亿元待批复", "资金到位率63.6%"], b.Gaps.Select(t => t.Zh));
        var c = f.ProjectsWithGaps[1];
        Assert.Equal(["用地缺口120亩（已批复待供地）", "能耗指标缺口1.5万吨标准煤"], c.Gaps.Select(t => t.Zh));
        Assert.Equal("二氧化硫排放指标缺口2吨", Assert.Single(f.ProjectsWithGaps[2].Gaps).Zh);
        Assert.Equal("land short by 300 mu (being filed)", b.Gaps[0].En);
    }

    [Fact]
    public void NothingApproved_IsADash_NotZero()
    {
        var f = FactorGaps.Compute([Row(1, "A") with { Funds = [new(FundSource.UltraLongBonds, new Money(20_000), Money.Zero, Money.Zero)] }], [], Day, LightRules.Default);
        Assert.Null(f.FundsInPlaceRate);
        Assert.Equal(["申请资金2亿元待批复"], f.ProjectsWithGaps.Single().Gaps.Select(t => t.Zh));
    }

    [Fact]
    public void OpenApprovals_AndOverdueObligations_AreGapsToo_EvenWithoutASheet()
    {
        var item = new ProcedureItem(6, ProcedureKind.ConstructionPermit, null, "住房和城乡建设部门");
        item.Apply(new DateOnly(2024, 3, 1), new ProcedureHandling { Mode = HandlingMode.AcceptedWithGaps, MissingPapers = "施工图审查合格书", SupplyBy = new DateOnly(2024, 4, 5) });
        var f = FactorGaps.Compute([], [ProcedureTests.Row(item)], Day, LightRules.Default);
        var gaps = Assert.Single(f.ProjectsWithGaps);
        Assert.Equal("YQGX-2024-006", gaps.Code);
        Assert.Equal(["前期手续未办结1项", "容缺补正或承诺核查逾期1项"], gaps.Gaps.Select(t => t.Zh));
        Assert.Equal(["1 approval outstanding", "1 obligation overdue"], gaps.Gaps.Select(t => t.En));
        Assert.False(f.IsEmpty);
    }

    [Theory]
    [InlineData(8000, "标准煤", "8000吨标准煤")]
    [InlineData(15000, "标准煤", "1.5万吨标准煤")]
    [InlineData(2.5, "", "2.5吨")]
    public void Tonnes_ArePrintedAsTheNewspapersDo(decimal tonnes, string of, string expected) =>
        Assert.Equal(expected, FactorGaps.Tonnes(tonnes, of));
}
