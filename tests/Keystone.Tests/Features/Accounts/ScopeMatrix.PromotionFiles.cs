using System.Globalization;
using Keystone.Core.Data;
using Keystone.Testing;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Tests.Features.Accounts;

/// <summary>
/// The promotion files' and events' part of the matrix: the import routes sent a file naming the home zone's own
/// lead and target (into the home zone, as its officer would), the events' bodies and ids the home zone's, its
/// events' tables in the fingerprint and their names as markers of its facts.
/// </summary>
public sealed partial class ScopeMatrix
{
    private const string HomeTarget = "晶盛长晶装备有限公司";

    private int homeEventId;

    private IEnumerable<(string Table, string Where)> PromotionFileTables()
    {
        var events = $"\"OrgUnitId\" IN ({unitIds})";
        return
        [
            ("promotion_events", events),
            ("promotion_event_leads", $"\"EventId\" IN (SELECT \"Id\" FROM \"promotion_events\" WHERE {events})"),
        ];
    }

    /// <summary>The home zone's event names as markers; its first event for the routes that take an id.</summary>
    private async Task<IEnumerable<Marker>> PromotionEventMarkersAsync(AppDbContext db)
    {
        var events = await db.PromotionEvents.AsNoTracking().Where(e => e.OrgUnitId == homeUnitId).OrderBy(e => e.Id).Select(e => new { e.Id, e.Name }).ToListAsync();
        homeEventId = events[0].Id;
        return events.Select(e => new Marker("promotion event", e.Name));
    }

    private string? PromotionEventId(MatrixRoute route) =>
        route.Template.StartsWith("/api/promotion/events/", StringComparison.Ordinal) ? homeEventId.ToString(CultureInfo.InvariantCulture) : null;

    private object? PromotionEventBody(MatrixRoute route, int index) => route.Key switch
    {
        "POST /api/promotion/events" => new { unit = HomeUnit, on = "2024-04-09", kind = "推介会", name = $"矩阵招商活动{index}", place = "阳泉", leads = new[] { promotionIds["lead:"] } },
        "PUT /api/promotion/events/{id}" => new { on = "2021-09-03", kind = "签约仪式", name = "矩阵改写招商活动", place = "阳泉高新区", leads = Array.Empty<int>() },
        _ => null,
    };

    /// <summary>The events page's form: an event of the home zone touching its lead.</summary>
    private (string, string)[] PromotionEventForm =>
        [("on", "2024-04-09"), ("kind", "trip"), ("name", "矩阵页面招商活动"), ("place", "北京"), ("leads", promotionIds["lead:"].ToString(CultureInfo.InvariantCulture))];

    /// <summary>The import routes: a file naming the home zone's own lead or target, into the home zone.</summary>
    private static (Func<string?, HttpContent?> Content, string Echo)? PromotionFileBody(MatrixRoute route)
    {
        var (name, file, echo) = route.Key switch
        {
            "POST /api/leads/import" => ("线索.xlsx", new TestLedger { Sheet = "线索", Headers = ["线索/项目名称", "投资方", "招商方式", "备注"] }
                .Row("中信重工高端特种金属材料项目", "中信重工机械股份有限公司", "产业招商", "矩阵导入备注").ToXlsx(), "中信重工高端特种金属材料项目 中信重工机械股份有限公司 矩阵导入备注"),
            "POST /api/promotion/targets/import" => ("目标企业库.xlsx", new TestLedger { Sheet = "目标企业库", Headers = ["企业名称", "企业规模"] }
                .Row(HomeTarget, "矩阵导入规模").ToXlsx(), $"{HomeTarget} 矩阵导入规模"),
            _ => ((string?)null, (byte[]?)null, ""),
        };
        return file is null ? null : (_ => new MultipartFormDataContent { FilePart(name!, file), { new StringContent(HomeUnit), "unit" } }, echo);
    }
}
