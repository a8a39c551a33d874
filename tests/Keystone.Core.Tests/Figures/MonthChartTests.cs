using Keystone.Core.Data;
using Keystone.Core.Desk;
using Keystone.Core.Figures;
using Keystone.Core.Progress;
using Keystone.Testing;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Core.Tests.Figures;

/// <summary>The cockpit's month-by-month chart counts the reports the figures count.</summary>
public class MonthChartTests
{
    [Theory]
    [DatabaseData]
    public async Task TheChartsLastMonth_IsTheFiguresCompletedInvestment_WithAReportFiledButNotApproved(DbProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider, demo: true);
        await using var db = test.NewContext();
        var tree = await db.LoadTreeAsync();
        var asOf = DateOnly.FromDateTime(TestDatabase.DemoDay.Date);

        // A project's report for the as-of month, filed for review and not approved yet, with more done than before.
        var month = Period.Of(asOf);
        var project = await db.Projects.Include(p => p.Plans).Include(p => p.Reports)
            .Where(p => p.Plans.Any(a => a.Year == asOf.Year) && !p.Reports.Any(r => r.Period == month)).OrderBy(p => p.Id).FirstAsync();
        var before = project.Reports.Where(r => r.Period.Year == asOf.Year).OrderBy(r => r.Period).LastOrDefault()?.YearToDate ?? Money.Zero;
        var filed = project.Report(month, project.FiguresFor(month, null, before + new Money(1234), null), TestDatabase.DemoDay, needsReview: true, by: "填报员");
        Assert.Equal(ReportStatus.Submitted, filed.Status);
        await db.SaveChangesAsync();
        var pending = new[] { project.OrgUnitId };

        var scopes = new HashSet<int>();
        foreach (var id in pending)
        {
            for (int? up = id; up is { } u && scopes.Add(u); up = tree[u].ParentId)
            {
            }
        }

        foreach (var unitId in scopes)
        {
            var unit = tree[unitId];
            var rows = (await ScopeDesk.RowsAsync(db, tree, unit, asOf.Year, asOf)).Rows;
            var months = await ScopeDesk.MonthsAsync(db, rows, asOf.Year, asOf);
            Assert.Equal(FiguresEngine.Compute(rows, asOf.Year, asOf).CompletedInvestment, months[^1].Completed);
        }
    }
}
