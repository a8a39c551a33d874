using Keystone.Core.Accounts;
using Keystone.Core.Data;
using Keystone.Testing;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Core.Tests.Accounts;

/// <summary><see cref="Core.Accounts.Accounts.SignInAsync"/> against a real database, as the web calls it.</summary>
public class SignInTests
{
    private static readonly DateTimeOffset Now = TestDatabase.DemoDay;
    private const string Password = Core.Accounts.Accounts.DemoPassword;

    private static async Task<User> UserAsync(TestDatabase test, string name)
    {
        await using var db = test.NewContext();
        return await db.Users.AsNoTracking().SingleAsync(u => u.UserName == name);
    }

    [Theory]
    [DatabaseData]
    public async Task GuessesInParallel_LockTheAccount_ExactlyOnce(DbProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider, demo: true);
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 12).Select(async i =>
        {
            await using var db = test.NewContext();
            return (await Core.Accounts.Accounts.SignInAsync(db, Now, "demo-city", $"guess-{i}-wrong", "10.0.0.9")).Outcome;
        }));

        Assert.DoesNotContain(SignInOutcome.SignedIn, outcomes);
        Assert.Single(outcomes, o => o == SignInOutcome.LockedOut);
        var user = await UserAsync(test, "demo-city");
        Assert.Equal(Now + User.LockoutTime, user.LockedUntil);
        Assert.Equal(0, user.FailedSignIns); // the guesses that lost the race counted for nothing

        await using var again = test.NewContext();
        var right = await Core.Accounts.Accounts.SignInAsync(again, Now.AddMinutes(1), "demo-city", Password, "10.0.0.9");
        Assert.Equal((null, SignInOutcome.Locked), (right.User, right.Outcome));
        Assert.Equal(SignInResult.LockedText, right.Why);
        Assert.Single(again.AuditEntries.Where(a => a.Entity == Core.Accounts.Accounts.SignInEntity && a.Action == "lockedOut"));
    }

    [Theory]
    [DatabaseData]
    public async Task FourWrongThenRight_ClearsTheCount_AndTheLockLiftsInTime(DbProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider, demo: true);
        await using var db = test.NewContext();
        for (var i = 0; i < User.LockoutFailures - 1; i++)
        {
            Assert.Equal(SignInOutcome.Refused, (await Core.Accounts.Accounts.SignInAsync(db, Now, "demo-zone", "wrong-one", null)).Outcome);
        }

        Assert.Equal(User.LockoutFailures - 1, (await UserAsync(test, "demo-zone")).FailedSignIns);
        Assert.Equal(SignInOutcome.SignedIn, (await Core.Accounts.Accounts.SignInAsync(db, Now, "DEMO-ZONE ", Password, null)).Outcome);
        Assert.Equal(0, (await UserAsync(test, "demo-zone")).FailedSignIns);

        for (var i = 0; i < User.LockoutFailures; i++)
        {
            await Core.Accounts.Accounts.SignInAsync(db, Now, "demo-zone", "wrong-one", null);
        }

        Assert.Equal(SignInOutcome.Locked, (await Core.Accounts.Accounts.SignInAsync(db, Now + User.LockoutTime - TimeSpan.FromSeconds(1), "demo-zone", Password, null)).Outcome);
        var later = await Core.Accounts.Accounts.SignInAsync(db, Now + User.LockoutTime, "demo-zone", Password, null);
        Assert.Equal("demo-zone", later.User?.UserName);
        Assert.Null((await UserAsync(test, "demo-zone")).LockedUntil);
    }

    [Theory]
    [DatabaseData]
    public async Task AnUnknownOrDisabledName_CostsAFullPasswordCheck_AsARealOneDoes(DbProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider, demo: true);
        await using var db = test.NewContext();
        await Core.Accounts.Accounts.DisableAsync(db, await db.Users.SingleAsync(u => u.UserName == "demo-department"), Now);

        foreach (var (name, password) in new[] { ("nobody-at-all", "whatever-it-is"), ("demo-department", Password), ("demo-zone", "wrong-password"), (new string('x', 500), "whatever-it-is"), ("", "") })
        {
            using var counting = PasswordHashing.CountChecks();
            var result = await Core.Accounts.Accounts.SignInAsync(db, Now, name, password, null);
            Assert.Equal((SignInOutcome.Refused, SignInResult.WrongCredentials), (result.Outcome, result.Why));
            Assert.True(counting.Count == 1, $"{name}: {counting.Count} checks");
        }
    }

    [Theory]
    [DatabaseData]
    public async Task ARightPassword_UnderAWeakHash_IsHashedAgain_AtTodaysWorkFactor(DbProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider, demo: true);
        await using (var db = test.NewContext())
        {
            var tree = new Keystone.Core.Units.OrgTree(await db.OrgUnits.Select(u => new Keystone.Core.Units.OrgUnitInfo(u.Id, u.Name, u.Kind, u.ParentId)).ToListAsync());
            var old = await Core.Accounts.Accounts.AddAsync(db, tree, "old-timer", Role.ZoneOfficer, "古县经济技术开发区", "an-old-secret", Now);
            await db.Users.Where(u => u.Id == old.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.PasswordHash, PasswordHashing.Hash("an-old-secret", 1_000)));
        }

        var before = await UserAsync(test, "old-timer");
        Assert.True(PasswordHashing.NeedsRehash(before.PasswordHash));
        await using (var db = test.NewContext())
        {
            Assert.Equal(SignInOutcome.Refused, (await Core.Accounts.Accounts.SignInAsync(db, Now, "old-timer", "not-the-secret", null)).Outcome);
            Assert.Equal(before.PasswordHash, (await UserAsync(test, "old-timer")).PasswordHash); // a wrong password upgrades nothing
            Assert.Equal(SignInOutcome.SignedIn, (await Core.Accounts.Accounts.SignInAsync(db, Now, "old-timer", "an-old-secret", null)).Outcome);
        }

        var after = await UserAsync(test, "old-timer");
        Assert.Equal(PasswordHashing.Iterations, PasswordHashing.IterationsOf(after.PasswordHash));
        Assert.False(PasswordHashing.NeedsRehash(after.PasswordHash));
        Assert.True(PasswordHashing.Verify("an-old-secret", after.PasswordHash));
        Assert.Equal(before.SecurityStamp, after.SecurityStamp); // the same password: sessions and tokens live on
        await using var check = test.NewContext();
        Assert.Equal(SignInOutcome.SignedIn, (await Core.Accounts.Accounts.SignInAsync(check, Now, "old-timer", "an-old-secret", null)).Outcome);
    }

    [Theory]
    [DatabaseData]
    public async Task EveryAttempt_IsAudited_WithTheAddress_NeverThePassword(DbProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider, demo: true);
        await using var db = test.NewContext();
        await Core.Accounts.Accounts.SignInAsync(db, Now, "demo-zone", Password, "192.0.2.7");
        await Core.Accounts.Accounts.SignInAsync(db, Now, "demo-zone", "a-wrong-secret", "192.0.2.8");
        await Core.Accounts.Accounts.SignInAsync(db, Now, "who-is-this", "a-wrong-secret", "192.0.2.9");

        var entries = await db.AuditEntries.Where(a => a.Entity == "signIn").OrderBy(a => a.Id).ToListAsync();
        Assert.Equal(
            [("demo-zone", "succeeded", "demo-zone"), ("demo-zone", "failed", "anonymous"), ("who-is-this", "failed", "anonymous")],
            entries.Select(e => (e.EntityKey, e.Action, e.Actor)));
        Assert.Equal(["""{"address":"192.0.2.7"}""", """{"address":"192.0.2.8"}""", """{"address":"192.0.2.9"}"""], entries.Select(e => e.After));
        Assert.DoesNotContain(entries, e => (e.After ?? "").Contains("secret", StringComparison.Ordinal) || (e.After ?? "").Contains(Password, StringComparison.Ordinal));
    }

    [Theory]
    [DatabaseData]
    public async Task DisablingAUser_OrResettingItsPassword_EndsItsSessions_AndChangesItsStamp(DbProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider, demo: true);
        await using var db = test.NewContext();
        var zone = await db.Users.SingleAsync(u => u.UserName == "demo-zone");
        var city = await db.Users.SingleAsync(u => u.UserName == "demo-city");
        var (zoneStamp, cityStamp) = (zone.SecurityStamp, city.SecurityStamp);
        var sessions = new[]
        {
            await Core.Accounts.Accounts.StartSessionAsync(db, zone, Now, "192.0.2.1", "Firefox"),
            await Core.Accounts.Accounts.StartSessionAsync(db, zone, Now, "192.0.2.2", "Chrome"),
            await Core.Accounts.Accounts.StartSessionAsync(db, city, Now, "192.0.2.3", "Edge"),
        };

        await Core.Accounts.Accounts.DisableAsync(db, zone, Now.AddHours(1));
        await Core.Accounts.Accounts.ResetPasswordAsync(db, city, "a-brand-new-secret", Now.AddHours(2));

        await using var check = test.NewContext();
        var ended = await check.UserSessions.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.EndedAt);
        Assert.Equal([Now.AddHours(1), Now.AddHours(1), Now.AddHours(2)], sessions.Select(s => ended[s.Id]));
        Assert.NotEqual(zoneStamp, (await UserAsync(test, "demo-zone")).SecurityStamp);
        Assert.NotEqual(cityStamp, (await UserAsync(test, "demo-city")).SecurityStamp);
        Assert.Throws<DomainException>(() => sessions[0].End(Now.AddHours(3)));
    }
}
