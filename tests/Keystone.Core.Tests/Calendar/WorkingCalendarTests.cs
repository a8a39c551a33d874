using Keystone.Core.Calendar;

namespace Keystone.Core.Tests.Calendar;

public class WorkingCalendarTests
{
    private static readonly WorkingCalendar China = WorkingCalendar.Builtin;

    private static DateOnly D(string s) => DateOnly.Parse(s, System.Globalization.CultureInfo.InvariantCulture);

    // 2024's 春节: 2-10 (Sat) to 2-17 (Sat) off; Sunday 2-4 and Sunday 2-18 worked.
    [Theory]
    [InlineData("2024-02-04", true)]  // Sunday, 调休
    [InlineData("2024-02-09", true)]  // Friday, 除夕 is not in 2024's holiday
    [InlineData("2024-02-10", false)]
    [InlineData("2024-02-12", false)] // Monday in the holiday
    [InlineData("2024-02-16", false)] // Friday in the holiday
    [InlineData("2024-02-18", true)]  // Sunday, 调休
    [InlineData("2024-02-19", true)]
    [InlineData("2024-02-24", false)] // an ordinary Saturday
    public void SpringFestival2024_HolidaysAndTheSundaysWorkedInTheirPlace(string date, bool working) =>
        Assert.Equal(working, China.IsWorkingDay(D(date)));

    // 2024's 国庆: 10-1 to 10-7 off; Sunday 9-29 and Saturday 10-12 worked.
    [Theory]
    [InlineData("2024-09-29", true)]
    [InlineData("2024-09-30", true)]
    [InlineData("2024-10-01", false)]
    [InlineData("2024-10-04", false)]
    [InlineData("2024-10-07", false)]
    [InlineData("2024-10-08", true)]
    [InlineData("2024-10-12", true)]
    [InlineData("2024-10-13", false)]
    public void NationalDay2024_HolidaysAndTheWeekendsWorkedInTheirPlace(string date, bool working) =>
        Assert.Equal(working, China.IsWorkingDay(D(date)));

    [Theory]
    // Raised the Thursday before 春节 with two days to route: Friday the 9th, then the 调休 Sunday the 18th.
    [InlineData("2024-02-08", 2, "2024-02-18")]
    [InlineData("2024-02-08", 3, "2024-02-19")]
    // Answer within 5 working days from the Friday before 国庆: 9-29 (Sun, worked), 9-30, 10-8, 10-9, 10-10.
    [InlineData("2024-09-27", 5, "2024-10-10")]
    // An ordinary week is counted as before.
    [InlineData("2024-04-11", 2, "2024-04-15")]
    public void Add_CountsChinasWorkingDays(string from, int days, string expected) =>
        Assert.Equal(D(expected), China.Add(D(from), days));

    [Theory]
    [InlineData("2024-02-08", "2024-02-19", 3)] // 9th, 18th (Sunday, worked), 19th
    [InlineData("2024-09-27", "2024-10-12", 7)] // 9-29 (Sunday, worked), 9-30, 10-8 to 10-11, 10-12 (Saturday, worked)
    [InlineData("2024-04-30", "2024-05-06", 1)] // the 劳动节 holiday: only Monday the 6th
    public void Between_CountsChinasWorkingDays(string from, string to, int expected) =>
        Assert.Equal(expected, China.Between(D(from), D(to)));

    [Fact]
    public void Between_UndoesAdd_AndMatchesADayByDayCount_OverTheShippedYears()
    {
        for (var start = new DateOnly(2023, 1, 1); start < new DateOnly(2026, 12, 1); start = start.AddDays(3))
        {
            foreach (var n in new[] { 1, 2, 5, 23 })
            {
                var end = China.Add(start, n);
                Assert.True(China.IsWorkingDay(end));
                Assert.Equal(n, China.Between(start, end));
                var walked = 0;
                for (var d = start.AddDays(1); d <= end.AddDays(9); d = d.AddDays(1))
                {
                    walked += China.IsWorkingDay(d) ? 1 : 0;
                }

                Assert.Equal(walked, China.Between(start, end.AddDays(9)));
            }
        }
    }

    [Fact]
    public void AYearImported_ReplacesThatYearWhole_AndLeavesTheOthers()
    {
        // A corrected 2024 notice naming only 国庆: 春节 2024 is then an ordinary February, 2025 untouched.
        var corrected = China.With(WorkingCalendar.Parse("2024-10-01..2024-10-07 休 国庆节\n2024-10-12 班 国庆节调休"));
        Assert.True(corrected.IsWorkingDay(D("2024-02-12")));
        Assert.False(corrected.IsWorkingDay(D("2024-02-04")));
        Assert.False(corrected.IsWorkingDay(D("2024-10-03")));
        Assert.True(corrected.IsWorkingDay(D("2024-10-12")));
        Assert.False(corrected.IsWorkingDay(D("2025-01-29")));
        Assert.Equal(China.Years, corrected.Years);
    }

    [Fact]
    public void YearsWithoutANotice_CountMondayToFriday()
    {
        Assert.True(China.IsWorkingDay(D("2030-10-01")));
        Assert.False(China.IsWorkingDay(D("2030-10-05")));
        Assert.Equal(5, China.Between(D("2030-09-29"), D("2030-10-06")));
        Assert.Equal(WorkingCalendar.Weekdays.Between(D("2030-01-01"), D("2030-12-31")), China.Between(D("2030-01-01"), D("2030-12-31")));
    }

    [Fact]
    public void EveryShippedYear_HasItsSevenHolidays()
    {
        foreach (var year in new[] { 2024, 2025, 2026 })
        {
            var names = China.Days.Where(d => d.Date.Year == year && d.Kind == CalendarDayKind.Holiday).Select(d => d.Name).ToHashSet();
            foreach (var holiday in new[] { "元旦", "春节", "清明节", "劳动节", "端午节", "国庆节" })
            {
                Assert.Contains(names, n => n.Contains(holiday, StringComparison.Ordinal));
            }

            Assert.Contains(names, n => n.Contains("中秋节", StringComparison.Ordinal));
        }
    }
}
