using Keystone.Core.Data;
using Keystone.Core.Ledger;
using Keystone.Core.Periods;
using Keystone.Core.Units;
using Keystone.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Keystone.Core.Tests.Ledger;

/// <summary>A ledger import is held to closed months like any other writer: what restates one needs a reason.</summary>
public class LedgerClosedMonthTests
{
    private static readonly FakeTimeProvider Clock = new(TestDatabase.DemoDay);

    private static async Task CloseMarchAsync(TestDatabase test)
    {
        await using var db = test.NewContext();
        var tree = await db.LoadTreeAsync();
        await PeriodClosing.CloseAsync(db, tree, tree.Resolve("阳泉高新区"), new Period(2024, 3), TestDatabase.DemoDay, "测试");
    }

    private static TestLedger NewProject()
    {
        var ledger = TestLedger.Standard();
        ledger.Add(TestLedger.Project("YQGX-2024-950", "新材料补录项目"));
        return ledger;
    }

    [Theory]
    [DatabaseData]
    public async Task EnteringAYearWithAClosedMonth_NeedsAReason_AndKeepsIt(DbProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider, demo: true);
        await CloseMarchAsync(test);

        LedgerImportResult refused;
        await using (var db = test.NewContext())
        {
            refused = await new LedgerImporter(db, Clock).ImportAsync(NewProject().Xlsx(), new LedgerImportOptions { Year = 2024 });
        }

        var problem = Assert.Single(refused.Problems);
        Assert.Contains("2024年3月已关账", problem.Reason.Zh);
        Assert.Contains("更正原因", problem.Reason.Zh);
        Assert.False(refused.Applied);
        await using (var db = test.NewContext())
        {
            Assert.False(await db.Projects.AnyAsync(p => p.Code == "YQGX-2024-950"));
        }

        await using (var db = test.NewContext())
        {
            var taken = await new LedgerImporter(db, Clock).ImportAsync(
                NewProject().Xlsx(), new LedgerImportOptions { Year = 2024, CorrectionReason = "3月漏报项目补录", By = "测试" });
            Assert.Empty(taken.Problems);
            Assert.True(taken.Applied);
        }

        await using (var db = test.NewContext())
        {
            var plan = await db.AnnualPlans.SingleAsync(a => a.Project!.Code == "YQGX-2024-950" && a.Year == 2024);
            Assert.Equal("3月漏报项目补录", plan.CorrectionReason);
            Assert.Equal("测试", plan.CorrectedBy);
        }
    }

    [Theory]
    [DatabaseData]
    public async Task AYearWithNoClosedMonth_NeedsNoReason(DbProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider, demo: true);
        await using var db = test.NewContext();
        var result = await new LedgerImporter(db, Clock).ImportAsync(NewProject().Xlsx(), new LedgerImportOptions { Year = 2024 });
        Assert.Empty(result.Problems);
        Assert.True(result.Applied);
    }
}
