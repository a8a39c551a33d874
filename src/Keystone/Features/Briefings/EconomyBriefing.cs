using Keystone.Core;
using Keystone.Core.Briefings;
using Keystone.Core.Data;
using Keystone.Core.Desk;
using Keystone.Core.Documents;
using Keystone.Core.Enterprises;
using Keystone.Core.Units;
using Keystone.Web;

namespace Keystone.Features.Briefings;

/// <summary>
/// The 经济运行分析会 briefing on the web (keystone briefing --kind economy): the indicators with growth, rank and
/// target gaps, 指标挖潜 by project and by enterprise, the month's visits and their problems, the pool.
/// </summary>
public static class EconomyBriefing
{
    public static bool IsEconomy(string? kind) => kind?.Trim().ToLowerInvariant() is "economy" or "经济运行";

    /// <summary>The month asked for, else the scope's latest month with indicator values up to the day.</summary>
    public static async Task<Period> PeriodAsync(AppDbContext db, OrgUnitInfo unit, string? period, DateOnly day, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(period))
        {
            return await IndicatorData.LatestPeriodAsync(db, unit.Id, day, ct);
        }

        try
        {
            return Period.Parse(period.Trim());
        }
        catch (DomainException e)
        {
            throw new DomainException(e.Text, "period");
        }
    }

    public static async Task<Briefing> DraftAsync(AppDbContext db, TimeProvider clock, IConfiguration config, OrgTree tree, OrgUnitInfo unit, Period period, CancellationToken ct) =>
        EconomyBriefingWriter.Write(await EnterpriseContributionData.EconomyAsync(db, tree, unit, period, PoolThresholds.From(k => config[k]), DeskDate.Today(clock), ct));

    public static async Task<IResult> AnswerAsync(
        AppDbContext db, TimeProvider clock, IConfiguration config, OrgTree tree, OrgUnitInfo unit, string? period, string? format, string? issuer, CancellationToken ct)
    {
        var kind = (format ?? "json").Trim().ToLowerInvariant();
        if (kind is not ("json" or "text" or "docx"))
        {
            throw new DomainException(new("经济运行通报可输出 json、text 或 docx", "The economy briefing comes as json, text or docx"), "format");
        }

        var month = await PeriodAsync(db, unit, period, DeskDate.Today(clock), ct);
        var briefing = await DraftAsync(db, clock, config, tree, unit, month, ct);
        switch (kind)
        {
            case "text":
                return TypedResults.Text(briefing.ToPlainText(), "text/plain; charset=utf-8");
            case "docx":
                var docx = new MemoryStream();
                BriefingDocx.Write(briefing, new BriefingDocxOptions { IssuingBody = issuer, Date = month.LastDay, Created = clock.GetUtcNow() }, docx);
                return TypedResults.File(docx.ToArray(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document", briefing.Title + ".docx");
            default:
                return TypedResults.Ok(briefing);
        }
    }
}
