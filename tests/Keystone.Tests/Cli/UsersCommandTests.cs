using Keystone.Core.Accounts;
using Keystone.Core.Data;
using Keystone.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Keystone.Tests.Cli;

public class UsersCommandTests
{
    private static readonly FakeTimeProvider Clock = new(TestDatabase.DemoDay);

    private static Task<CliRunner.Result> Run(string input, params string[] args) => CliRunner.RunWithInputAsync(Clock, new Dictionary<string, string>(), input, args);

    [Theory]
    [DatabaseData]
    public async Task TheFirstAdmin_IsMadeFromTheShell_WithThePasswordOnStdin(DbProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, demo: true);
        var add = await Run("a-long-secret\n", "users", "add", "--db", db.Target.ConnectionString, "--username", "Zhang.San", "--role", "ZoneOfficer", "--unit", "古县经济技术开发区", "--password-stdin");
        Assert.Equal(0, add.ExitCode);
        Assert.Contains("zhang.san", add.Output);
        await using (var context = db.NewContext())
        {
            var user = context.Users.Single(u => u.UserName == "zhang.san");
            Assert.NotEqual("a-long-secret", user.PasswordHash);
            Assert.True(PasswordHashing.Verify("a-long-secret", user.PasswordHash));
            Assert.Contains(context.AuditEntries, a => a.Entity == "user" && a.EntityKey == "zhang.san" && a.Actor.StartsWith("cli:", StringComparison.Ordinal));
            Assert.DoesNotContain(context.AuditEntries, a => a.After != null && a.After.Contains("pbkdf2", StringComparison.Ordinal));
        }

        var list = await Run("", "users", "list", "--db", db.Target.ConnectionString);
        Assert.Contains("zhang.san", list.Output);
        Assert.Contains("demo-zone", list.Output);

        var reset = await Run("another-secret\n", "users", "reset-password", "--db", db.Target.ConnectionString, "--username", "zhang.san", "--password-stdin");
        Assert.Equal(0, reset.ExitCode);
        var disable = await Run("", "users", "disable", "--db", db.Target.ConnectionString, "--username", "zhang.san");
        Assert.Equal(0, disable.ExitCode);
        await using (var context = db.NewContext())
        {
            var user = context.Users.Single(u => u.UserName == "zhang.san");
            Assert.True(user.Disabled);
            Assert.True(PasswordHashing.Verify("another-secret", user.PasswordHash));
            Assert.False(user.MaySignIn(TestDatabase.DemoDay));
        }
    }

    [Fact]
    public async Task BadAccounts_AreRefused_WithTheReason()
    {
        await using var db = await TestDatabase.CreateAsync(DbProvider.Sqlite, demo: true);
        var cs = db.Target.ConnectionString;
        var noStdin = await Run("", "users", "add", "--db", cs, "--username", "x1", "--role", "ZoneOfficer", "--unit", "阳泉高新区");
        Assert.Equal(2, noStdin.ExitCode);
        Assert.Contains("--password-stdin", noStdin.Error);
        var weak = await Run("short\n", "users", "add", "--db", cs, "--username", "x1", "--role", "ZoneOfficer", "--unit", "阳泉高新区", "--password-stdin");
        Assert.Contains("至少8位", weak.Error);
        var taken = await Run("a-long-secret\n", "users", "add", "--db", cs, "--username", "demo-zone", "--role", "ZoneOfficer", "--unit", "阳泉高新区", "--password-stdin");
        Assert.Contains("已存在", taken.Error);
        var reporter = await Run("a-long-secret\n", "users", "add", "--db", cs, "--username", "r1", "--role", "EnterpriseReporter", "--unit", "阳泉高新区", "--password-stdin");
        Assert.Contains("统一社会信用代码", reporter.Error);
        var cityAtZone = await Run("a-long-secret\n", "users", "add", "--db", cs, "--username", "c1", "--role", "CityOfficer", "--unit", "阳泉高新区", "--password-stdin", "--lang", "en");
        Assert.Contains("cannot belong", cityAtZone.Error);
        var role = await Run("a-long-secret\n", "users", "add", "--db", cs, "--username", "c2", "--role", "Mayor", "--unit", "阳泉市", "--password-stdin");
        Assert.Contains("角色", role.Error);
        Assert.All([noStdin, weak, taken, reporter, cityAtZone, role], r => Assert.Equal(2, r.ExitCode));
    }

    [Fact]
    public async Task ANoDemoDatabase_HasNoDemoUsers()
    {
        await using var db = await TestDatabase.CreateAsync(DbProvider.Sqlite);
        await using var context = db.NewContext();
        Assert.Empty(context.Users);
        Assert.False(await Accounts.DemoUsersActiveAsync(context));
    }
}
