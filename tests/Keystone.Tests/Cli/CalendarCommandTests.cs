using System.Text;
using Keystone.Core.Calendar;
using Keystone.Core.Data;
using Keystone.Testing;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Tests.Cli;

/// <summary>
/// `keystone calendar import|list`. The files name 2099, a year no other test counts deadlines in: the calendar
/// is one per process, and other tests running alongside reload it from their own databases.
/// </summary>
public class CalendarCommandTests
{
    private static string Write(string csv)
    {
        var path = Path.Combine(Path.GetTempPath(), $"keystone-calendar-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, csv, new UTF8Encoding(true));
        return path;
    }

    [Theory]
    [DatabaseData]
    public async Task ANotice_IsImported_ReplacingItsYearWhole_AndCountsInDeadlines(DbProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, demo: false);
        var cs = db.Target.ConnectionString;
        var first = Write("日期,类型,名称\n2099-10-01..2099-10-07,休,国庆节\n2099-10-10,班,国庆节调休\n2099-01-01,休,元旦\n");
        var imported = await CliRunner.RunAsync("calendar", "import", first, "--db", cs);
        Assert.Equal(0, imported.ExitCode);
        Assert.Contains("放假8天", imported.Output);
        Assert.Contains("调休上班1天", imported.Output);

        await using (var context = db.NewContext())
        {
            var calendar = await CalendarImport.LoadAsync(context);
            Assert.False(calendar.IsWorkingDay(new DateOnly(2099, 10, 5))); // a Monday in the holiday
            Assert.True(calendar.IsWorkingDay(new DateOnly(2099, 10, 10))); // Saturday, worked
            // 2099-09-30 (Wed) to 2099-10-12 (Mon): 10-8, 10-9, 10-10 (Sat, worked), 10-12 = 4.
            Assert.Equal(4, calendar.Between(new DateOnly(2099, 9, 30), new DateOnly(2099, 10, 12)));
            Assert.False(calendar.IsWorkingDay(new DateOnly(2024, 2, 12))); // the shipped years stay
            Assert.Contains(await context.AuditEntries.ToListAsync(), a => a.Entity == "calendar" && a.EntityKey == "2099-10-01" && a.Action == "created");
        }

        var list = await CliRunner.RunAsync("calendar", "list", "--year", "2099", "--db", cs);
        Assert.Contains("2099-10-10", list.Output);
        Assert.Contains("国庆节调休", list.Output);

        // A corrected notice for 2099 replaces the year: the 10th is no longer worked, 元旦 is gone.
        var corrected = Write("日期,类型,名称\n2099-10-01至2099-10-08,休,国庆节\n");
        Assert.Equal(0, (await CliRunner.RunAsync("calendar", "import", corrected, "--db", cs)).ExitCode);
        await using (var context = db.NewContext())
        {
            Assert.Equal(8, await context.CalendarDays.CountAsync());
            var calendar = await CalendarImport.LoadAsync(context);
            Assert.False(calendar.IsWorkingDay(new DateOnly(2099, 10, 10)));
            Assert.True(calendar.IsWorkingDay(new DateOnly(2099, 1, 1)));
        }
    }

    [Fact]
    public async Task ABadNotice_IsRefused_NamingEachBadLine_AndChangesNothing()
    {
        await using var db = await TestDatabase.CreateAsync(DbProvider.Sqlite, demo: false);
        var cs = db.Target.ConnectionString;
        Assert.Equal(0, (await CliRunner.RunAsync("calendar", "import", Write("日期,类型,名称\n2099-05-01,休,劳动节\n"), "--db", cs)).ExitCode);

        var bad = Write("日期,类型,名称\n2099-10-01..2099-10-07,休,国庆节\n2099-10-03,班,重复\n2099-13-01,休,不存在的月份\n2099-10-11,加班,类型不对\n");
        var refused = await CliRunner.RunAsync("calendar", "import", bad, "--db", cs);
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("第3行", refused.Error);
        Assert.Contains("已在第2行列出", refused.Error);
        Assert.Contains("第4行", refused.Error);
        Assert.Contains("第5行", refused.Error);
        Assert.Contains("类型应为", refused.Error);
        Assert.Contains("未作任何更改", refused.Error);

        var noHeader = await CliRunner.RunAsync("calendar", "import", Write("2099-10-01,休,国庆节\n"), "--db", cs);
        Assert.Equal(2, noHeader.ExitCode);
        Assert.Contains("表头", noHeader.Error);

        await using var context = db.NewContext();
        var left = Assert.Single(await context.CalendarDays.ToListAsync());
        Assert.Equal(new DateOnly(2099, 5, 1), left.Date);
    }

    [Fact]
    public async Task AYearWithoutANotice_IsListedAsMondayToFriday()
    {
        await using var db = await TestDatabase.CreateAsync(DbProvider.Sqlite, demo: false);
        var list = await CliRunner.RunAsync("calendar", "list", "--year", "2098", "--db", db.Target.ConnectionString);
        Assert.Equal(0, list.ExitCode);
        Assert.Contains("2098年没有节假日安排", list.Output);
        var shipped = await CliRunner.RunAsync("calendar", "list", "--year", "2024", "--db", db.Target.ConnectionString);
        Assert.Contains("2024-02-18", shipped.Output);
        Assert.Contains("春节调休", shipped.Output);
    }
}
