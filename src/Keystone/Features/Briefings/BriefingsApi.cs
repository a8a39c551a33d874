using Keystone.Components;
using Keystone.Core;
using Keystone.Core.Accounts;
using Keystone.Core.Briefings;
using Keystone.Core.Data;
using Keystone.Core.Desk;
using Keystone.Core.Documents;
using Keystone.Features.Accounts;
using Keystone.Features.Figures;
using Keystone.Features.Ledger;
using Keystone.Web;
using Microsoft.AspNetCore.Mvc;

namespace Keystone.Features.Briefings;

/// <summary>/api/briefings: the 通报 drafted from live data, as JSON, text, .docx or .xlsx.</summary>
public static class BriefingsApi
{
    public static RouteGroupBuilder MapBriefingsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/briefings", GetAsync).RequireAuthorization(AuthSetup.Officer).WithTags("Briefings").WithName("GetBriefing")
            .WithSummary("起草通报 / draft the briefing (format=json|text|docx|xlsx); kind=economy for the 经济运行分析 briefing of a month (period=2022-03; json, text or docx)");
        return api;
    }

    private static async Task<IResult> GetAsync(
        AppDbContext db, TimeProvider clock, Caller caller, IConfiguration config, string? scope, int? year, string? asOf, string? format, string? issuer, [FromQuery(Name = "kind")] string? briefingKind, string? period, CancellationToken ct)
    {
        var tree = await db.LoadTreeAsync(ct);
        var unit = caller.Resolve(tree, scope);
        if (EconomyBriefing.IsEconomy(briefingKind))
        {
            return await EconomyBriefing.AnswerAsync(db, clock, config, tree, unit, period, format, issuer, ct);
        }

        var date = await DeskScope.AsOfAsync(db, caller, tree, clock, scope, year, asOf, ct);

        var kind = (format ?? "json").Trim().ToLowerInvariant();
        if (kind is not ("json" or "text" or "docx" or "xlsx"))
        {
            throw new DomainException(new($"格式“{kind}”无效：可用 json、text、docx、xlsx", $"The format \"{kind}\" is not valid: use json, text, docx or xlsx"), "format");
        }

        var drafted = await ScopeDesk.BriefingAsync(db, tree, unit, year ?? date.Year, date, ct);
        var name = $"{unit.Name}{year ?? date.Year}年重点项目通报（截至{date:yyyyMMdd}）";
        switch (kind)
        {
            case "text":
                return TypedResults.Text(drafted.Briefing.ToPlainText(), "text/plain; charset=utf-8");
            case "docx":
                var docx = new MemoryStream();
                BriefingDocx.Write(drafted.Briefing, new BriefingDocxOptions { IssuingBody = issuer, Date = date, Created = clock.GetUtcNow() }, docx);
                return TypedResults.File(docx.ToArray(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document", name + ".docx");
            case "xlsx":
                var xlsx = new MemoryStream();
                BriefingXlsx.Write(drafted.Input, drafted.Briefing, xlsx);
                return TypedResults.File(xlsx.ToArray(), LedgerApi.XlsxType, name + ".xlsx");
            default:
                return TypedResults.Ok(BriefingReport.Of(unit.Name, drafted));
        }
    }
}
