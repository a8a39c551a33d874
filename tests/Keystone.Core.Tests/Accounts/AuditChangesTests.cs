using Keystone.Core.Accounts;

namespace Keystone.Core.Tests.Accounts;

public class AuditChangesTests
{
    [Fact]
    public void AnUpdate_ListsOnlyTheFieldsThatDiffer_BeforeAndAfter()
    {
        var changes = AuditChanges.Of(
            """{"name":"甲项目","totalInvestment":50000,"status":"planned","levels":["provincial"]}""",
            """{"name":"甲项目","totalInvestment":60000.5,"status":"underConstruction","levels":["provincial"]}""");
        Assert.Equal(
            [new AuditChange("totalInvestment", "50000", "60000.5"), new AuditChange("status", "planned", "underConstruction")],
            changes);
    }

    [Fact]
    public void ACreation_ListsEveryField_FromNothing_AndADeletion_ToNothing()
    {
        Assert.Equal([new AuditChange("a", null, "1"), new AuditChange("b", null, "x")], AuditChanges.Of(null, """{"a":1,"b":"x"}"""));
        Assert.Equal([new AuditChange("a", "1", null)], AuditChanges.Of("""{"a":1}""", null));
    }

    [Fact]
    public void AFieldThatAppears_OrBecomesNull_IsAChange()
    {
        // Fields come in the order of the before, then those only the after has.
        Assert.Equal([new AuditChange("c", "3", null), new AuditChange("b", null, "2")], AuditChanges.Of("""{"a":1,"c":3}""", """{"a":1,"b":2,"c":null}"""));
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("not json", "{\"a\":1")]
    [InlineData("[1,2]", "42")]
    public void NothingReadable_IsNoChange_NotAFailure(string? before, string? after) =>
        Assert.Empty(AuditChanges.Of(before, after));
}
