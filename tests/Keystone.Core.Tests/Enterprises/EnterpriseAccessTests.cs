using Keystone.Core.Enterprises;
using Keystone.Core.Projects;
using Keystone.Core.Units;

namespace Keystone.Core.Tests.Enterprises;

public class EnterpriseAccessTests
{
    private static readonly OrgTree Tree = new(
    [
        new(1, "山西省", OrgUnitKind.Province, null),
        new(2, "阳泉市", OrgUnitKind.City, 1),
        new(3, "阳泉高新区", OrgUnitKind.Zone, 2),
        new(4, "盂县", OrgUnitKind.County, 2),
        new(5, "临汾市", OrgUnitKind.City, 1),
        new(6, "古县经济技术开发区", OrgUnitKind.Zone, 5),
    ]);

    private static readonly DateTimeOffset Now = new(2024, 4, 10, 9, 0, 0, TimeSpan.FromHours(8));

    [Theory]
    [InlineData(3, 3, true)] // its own
    [InlineData(3, 2, true)] // the city's, shared downward
    [InlineData(3, 1, true)] // the province's
    [InlineData(2, 3, true)] // the city links its zone's
    [InlineData(3, 4, false)] // a sibling county's
    [InlineData(3, 6, false)] // another city's zone
    [InlineData(2, 5, false)] // another city
    public void MayLink_OwnScopeAndAbove_NeverASiblings(int scope, int owner, bool expected) =>
        Assert.Equal(expected, EnterpriseAccess.MayLink(Tree, scope, owner));

    [Theory]
    [InlineData(3, 3, true)]
    [InlineData(2, 3, true)]
    [InlineData(1, 6, true)]
    [InlineData(3, 2, false)] // shared with the zone, kept by the city
    [InlineData(3, 4, false)]
    [InlineData(99, 3, false)] // an unknown unit keeps nothing
    public void MayKeep_OnlyTheOwnerAndUnitsAboveIt(int scope, int owner, bool expected) =>
        Assert.Equal(expected, EnterpriseAccess.MayKeep(Tree, scope, owner));

    private static Enterprise CityEnterprise() =>
        new(new Uscc("91140300CBPRNJHCCN"), "阳泉市城投集团", new OrgUnit("阳泉市", OrgUnitKind.City, new OrgUnit("山西省", OrgUnitKind.Province, null)));

    [Fact]
    public void AcceptingAProposal_RenamesTheEnterprise_Once()
    {
        var enterprise = CityEnterprise();
        var proposal = new EnterpriseProposal(enterprise, " 阳泉城投 ", "简称", 3, "demo-zone", Now);
        Assert.Equal("阳泉市城投集团", enterprise.Name);
        Assert.Equal(ProposalStatus.Open, proposal.Status);

        proposal.Accept("demo-city", Now, "同意");
        Assert.Equal("阳泉城投", enterprise.Name);
        Assert.Equal(ProposalStatus.Accepted, proposal.Status);
        Assert.Equal("demo-city", proposal.DecidedBy);

        var again = Assert.Throws<DomainException>(() => proposal.Reject("demo-city", Now, null));
        Assert.Contains("已处理", again.Text.Zh);
        Assert.Equal(ProposalStatus.Accepted, proposal.Status);
    }

    [Fact]
    public void RejectingAProposal_LeavesTheName()
    {
        var enterprise = CityEnterprise();
        var proposal = new EnterpriseProposal(enterprise, "阳泉城投", null, 3, "demo-zone", Now);
        proposal.Reject("demo-city", Now, "以营业执照为准");
        Assert.Equal("阳泉市城投集团", enterprise.Name);
        Assert.Equal("以营业执照为准", proposal.Comment);
    }

    [Fact]
    public void AProposal_OfTheSameOrNoName_IsRefused()
    {
        var enterprise = CityEnterprise();
        Assert.Equal("name", Assert.Throws<DomainException>(() => new EnterpriseProposal(enterprise, "阳泉市城投集团", null, 3, "demo-zone", Now)).Field);
        Assert.Throws<DomainException>(() => new EnterpriseProposal(enterprise, " ", null, 3, "demo-zone", Now));
        Assert.Equal("reason", Assert.Throws<DomainException>(() => new EnterpriseProposal(enterprise, "阳泉城投", new string('长', 501), 3, "demo-zone", Now)).Field);
    }
}
