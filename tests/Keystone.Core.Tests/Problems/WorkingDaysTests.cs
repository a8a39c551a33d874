using Keystone.Core.Problems;

namespace Keystone.Core.Tests.Problems;

public class WorkingDaysTests
{
    // 2024-04-11 is a Thursday.
    [Theory]
    [InlineData("2024-04-11", 0, "2024-04-11")]
    [InlineData("2024-04-11", 1, "2024-04-12")]
    [InlineData("2024-04-11", 2, "2024-04-15")]
    [InlineData("2024-04-11", 5, "2024-04-18")]
    [InlineData("2024-04-13", 1, "2024-04-15")] // raised on a Saturday: Monday is the first working day
    [InlineData("2024-04-13", 2, "2024-04-16")]
    [InlineData("2024-04-14", 10, "2024-04-26")]
    public void Add_SkipsWeekends(string from, int days, string expected) =>
        Assert.Equal(DateOnly.Parse(expected), WorkingDays.Add(DateOnly.Parse(from), days));

    [Theory]
    [InlineData("2024-04-11", "2024-04-11", 0)]
    [InlineData("2024-04-11", "2024-04-10", 0)]
    [InlineData("2024-04-11", "2024-04-12", 1)]
    [InlineData("2024-04-11", "2024-04-14", 1)] // Saturday and Sunday do not count
    [InlineData("2024-04-11", "2024-04-15", 2)]
    [InlineData("2024-04-12", "2024-04-26", 10)]
    [InlineData("2024-04-13", "2024-04-14", 0)]
    public void Between_CountsWorkingDaysAfterTheFirstUpToTheLast(string from, string to, int expected) =>
        Assert.Equal(expected, WorkingDays.Between(DateOnly.Parse(from), DateOnly.Parse(to)));

    [Fact]
    public void Between_UndoesAdd_OverTwoYears()
    {
        for (var start = new DateOnly(2024, 1, 1); start < new DateOnly(2026, 1, 1); start = start.AddDays(1))
        {
            foreach (var n in new[] { 1, 2, 5, 23 })
            {
                var end = WorkingDays.Add(start, n);
                Assert.True(WorkingDays.IsWorkingDay(end));
                Assert.Equal(n, WorkingDays.Between(start, end));
            }
        }
    }
}
