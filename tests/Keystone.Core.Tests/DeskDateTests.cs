using Keystone.Core.Plans;
using Keystone.Core.Progress;
using Keystone.Core.Tests.Projects;
using Microsoft.Extensions.Time.Testing;

namespace Keystone.Core.Tests;

/// <summary>
/// The business date is Beijing's whatever the server's zone. The tests leave <see cref="DeskDate.Zone"/> at its
/// default (Asia/Shanghai): it is one per process, and other tests run alongside.
/// </summary>
public class DeskDateTests
{
    /// <summary>20:00 UTC on 9 April is 04:00 on 10 April in Beijing.</summary>
    private static readonly DateTimeOffset LateEvening = new(2024, 4, 9, 20, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Today_IsTheDateInShanghai_OnAServerClockInUtc()
    {
        var clock = new FakeTimeProvider(LateEvening);
        Assert.Equal(new DateOnly(2024, 4, 9), DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime)); // UTC says 9 April …
        Assert.Equal(new DateOnly(2024, 4, 10), DeskDate.Today(clock)); // … the desk says 10 April
        Assert.Equal(new DateOnly(2024, 4, 10), DeskDate.AsOf(null, clock));
    }

    [Fact]
    public void Today_IgnoresTheClocksOwnLocalZone()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2024, 4, 9, 15, 59, 59, TimeSpan.Zero));
        clock.SetLocalTimeZone(TimeZoneInfo.FindSystemTimeZoneById("America/New_York"));
        Assert.Equal(new DateOnly(2024, 4, 9), DeskDate.Today(clock));
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(new DateOnly(2024, 4, 10), DeskDate.Today(clock));
    }

    [Fact]
    public void ADayStarts_AtMidnightInShanghai()
    {
        Assert.Equal(new DateTimeOffset(2024, 4, 9, 16, 0, 0, TimeSpan.Zero), DeskDate.StartOf(new DateOnly(2024, 4, 10)));
        Assert.Equal(new DateTimeOffset(2024, 4, 10, 4, 0, 0, TimeSpan.FromHours(8)), DeskDate.Local(LateEvening));
    }

    [Fact]
    public void TheZone_IsAsiaShanghai_ByDefault_AndAnyKnownZoneMayBeNamed()
    {
        Assert.Equal(TimeSpan.FromHours(8), DeskDate.ZoneFrom(null).BaseUtcOffset);
        Assert.Equal(TimeSpan.FromHours(8), DeskDate.ZoneFrom(" ").BaseUtcOffset);
        Assert.Equal(TimeSpan.FromHours(6), DeskDate.ZoneFrom("Asia/Urumqi").BaseUtcOffset);
    }

    [Fact]
    public void AnUnknownZone_IsRefused_NamingTheSetting()
    {
        var e = Assert.Throws<DomainException>(() => DeskDate.ZoneFrom("Asia/Beijing"));
        Assert.Equal("Keystone:TimeZone", e.Field);
        Assert.Contains("Keystone:TimeZone", e.Text.Zh, StringComparison.Ordinal);
        Assert.Contains("Keystone__TimeZone", e.Text.En, StringComparison.Ordinal);
        Assert.Contains("Asia/Beijing", e.Text.En, StringComparison.Ordinal);
    }

    [Fact]
    public void AMonthHasBegun_WhenItHasInBeijing()
    {
        var project = ProjectTests.NewProject();
        project.Plan(2024, new PlanEntry { Nature = Nature.New, PlannedInvestment = new Money(1000m) });
        var figures = new ProgressFigures { Month = new Money(1), YearToDate = new Money(1), Cumulative = new Money(1) };

        // 16:30 UTC on 31 March is 00:30 on 1 April in Beijing: April has begun.
        project.Report(new Period(2024, 4), figures, new DateTimeOffset(2024, 3, 31, 16, 30, 0, TimeSpan.Zero));
        var e = Assert.Throws<DomainException>(() => project.Report(new Period(2024, 5), figures, new DateTimeOffset(2024, 4, 30, 15, 0, 0, TimeSpan.Zero)));
        Assert.Equal("period", e.Field);
    }
}
