using Keystone.Core.Accounts;

namespace Keystone.Core.Tests.Accounts;

public class UserTransitionsTests
{
    private static readonly DateTimeOffset Now = new(2024, 4, 10, 9, 0, 0, TimeSpan.FromHours(8));

    private static User Officer() => new("zhang.san", Role.ZoneOfficer, 3, "hash", Now);

    [Fact]
    public void Reassigning_ChangesTheStamp_AndAReassignmentThatChangesNothingIsRefused()
    {
        var user = Officer();
        var stamp = user.SecurityStamp;
        var e = Assert.Throws<DomainException>(() => user.Reassign(Role.ZoneOfficer, 3, null, null));
        Assert.Equal("role", e.Field);
        Assert.Equal(stamp, user.SecurityStamp);

        user.Reassign(Role.DepartmentOfficer, 3, null, " 阳泉高新区自然资源分局 ");
        Assert.Equal((Role.DepartmentOfficer, "阳泉高新区自然资源分局"), (user.Role, user.Department));
        Assert.NotEqual(stamp, user.SecurityStamp);
        Assert.Throws<DomainException>(() => user.Reassign(Role.EnterpriseReporter, 3, null, null)); // a reporter needs its enterprise
        Assert.Equal(Role.DepartmentOfficer, user.Role);
    }

    [Fact]
    public void OnlyADisabledUser_IsEnabled()
    {
        var user = Officer();
        Assert.Throws<DomainException>(user.Enable);
        user.Disable();
        user.Enable();
        Assert.False(user.Disabled);
        Assert.True(user.MaySignIn(Now));
    }
}
