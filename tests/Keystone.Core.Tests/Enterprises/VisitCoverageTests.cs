using Keystone.Core.Enterprises;

namespace Keystone.Core.Tests.Enterprises;

public class VisitCoverageTests
{
    private static readonly Officer Wang = new(7, "王强");
    private static readonly Officer Li = new(null, "李娜");
    private static readonly Period March = new(2024, 3);

    private static readonly Assignment[] Assignments =
    [
        new(1, "甲公司", Wang, "经发局"),
        new(2, "乙公司", Wang, "经发局"),
        new(3, "丙公司", Wang, "经发局"),
        new(4, "丁公司", Li, "招商局"),
        new(5, "戊公司", Li, "招商局"),
    ];

    [Fact]
    public void Coverage_CountsEachAssignedEnterpriseVisitedByItsOfficerInTheMonth_Once()
    {
        VisitFact[] visits =
        [
            new(1, Wang, new DateOnly(2024, 3, 5)),
            new(1, Wang, new DateOnly(2024, 3, 20)), // twice: counts once
            new(2, new Officer(8, "王强"), new DateOnly(2024, 3, 6)), // another user of the same name: someone else
            new(2, new Officer(null, "王刚"), new DateOnly(2024, 3, 7)), // a named person who is not 王强
            new(3, Wang, new DateOnly(2024, 2, 29)), // February
            new(4, Li, new DateOnly(2024, 3, 31)),
            new(5, Wang, new DateOnly(2024, 3, 8)), // 李娜's enterprise, visited by 王强: covers no one
        ];

        var result = VisitCoverage.Compute(March, Assignments, visits);

        // 王强: 1 of 3 (甲); 李娜: 1 of 2 (丁); in all 2 of 5 = 40%.
        var wang = result.Officers[0];
        Assert.Equal("王强", wang.Officer.Name);
        Assert.Equal((3, 1), (wang.Assigned.Count, wang.Visited.Count));
        Assert.Equal(["乙公司", "丙公司"], wang.Unvisited.Select(a => a.Enterprise));
        Assert.Equal("33.3%", ChineseFormat.Percent(wang.Rate));
        var li = result.Officers[1];
        Assert.Equal((2, 1), (li.Assigned.Count, li.Visited.Count));
        Assert.Equal(["戊公司"], li.Unvisited.Select(a => a.Enterprise));
        Assert.Equal((5, 2), (result.Assigned, result.Visited));
        Assert.Equal("40%", ChineseFormat.Percent(result.Rate));
    }

    [Fact]
    public void AVisitNamingTheOfficer_WithoutAnAccount_CountsForTheOfficerOfThatName()
    {
        // Recorded by a colleague under the officer's name: the same officer, since one side has no account.
        var result = VisitCoverage.Compute(March, Assignments, [new(2, new Officer(null, "王强"), new DateOnly(2024, 3, 6))]);
        Assert.Equal(["乙公司"], result.Officers[0].Visited.Select(a => a.Enterprise));
    }

    [Fact]
    public void Coverage_OfARunningMonth_CountsVisitsUpToTheDay()
    {
        VisitFact[] visits = [new(1, Wang, new DateOnly(2024, 3, 5)), new(2, Wang, new DateOnly(2024, 3, 25))];
        var result = VisitCoverage.Compute(March, Assignments, visits, asOf: new DateOnly(2024, 3, 20));
        Assert.Single(result.Officers[0].Visited);
    }

    [Fact]
    public void Coverage_WithNothingAssigned_IsADash_NeverZero()
    {
        var result = VisitCoverage.Compute(March, [], [new(1, Wang, new DateOnly(2024, 3, 5))]);
        Assert.Empty(result.Officers);
        Assert.Equal("—", ChineseFormat.Percent(result.Rate));
    }
}
