using System.Globalization;
using Keystone.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Tests.Features.Accounts;

/// <summary>
/// The meetings and inspections part of the matrix: the home zone's March 调度会 (from the demo) and an inspection of
/// its own (recorded through the API when the world is built) are what the id routes act on; their tables join the
/// fingerprint and their titles the markers of the home zone's facts.
/// </summary>
public sealed partial class ScopeMatrix
{
    private int homeMeetingId;
    private int homeInspectionId;

    private const string HomeInspectionTitle = "矩阵领导调研阳泉高新区重点项目";

    /// <summary>An inspection of the home zone with one stop on its project, so the stop and instruction routes have a target.</summary>
    private async Task BuildMeetingsWorldAsync()
    {
        var inspection = await Ok(HttpMethod.Post, "/api/inspections", new
        {
            scope = HomeUnit,
            date = "2024-04-09",
            leader = "矩阵领导",
            title = HomeInspectionTitle,
            stops = new object[] { new { project = HomeProject, reported = "矩阵汇报内容" } },
        });
        homeInspectionId = (int)inspection["id"]!;
    }

    private IEnumerable<(string Table, string Where)> MeetingTables()
    {
        var units = $"\"OrgUnitId\" IN ({unitIds})";
        var meetings = $"\"MeetingId\" IN (SELECT \"Id\" FROM \"meetings\" WHERE {units})";
        var stops = $"\"InspectionId\" IN (SELECT \"Id\" FROM \"inspections\" WHERE {units})";
        return
        [
            ("meetings", units),
            ("meeting_agenda", meetings),
            ("meeting_decisions", meetings),
            ("inspections", units),
            ("inspection_stops", stops),
            ("inspection_instructions", $"\"StopId\" IN (SELECT \"Id\" FROM \"inspection_stops\" WHERE {stops})"),
        ];
    }

    /// <summary>The home zone's meeting and inspection titles as markers; the latest meeting's id for the routes.</summary>
    private async Task<IEnumerable<Marker>> MeetingMarkersAsync(AppDbContext db)
    {
        var meetings = await db.Meetings.AsNoTracking().Where(m => m.OrgUnitId == homeUnitId).OrderBy(m => m.HeldOn).Select(m => new { m.Id, m.Title }).ToListAsync();
        homeMeetingId = meetings.Last().Id;
        var inspections = await db.Inspections.AsNoTracking().Where(i => i.OrgUnitId == homeUnitId).Select(i => i.Title).ToListAsync();
        return meetings.Select(m => new Marker("meeting", m.Title)).Concat(inspections.Select(t => new Marker("inspection", t)));
    }

    private string? MeetingId(MatrixRoute route) =>
        route.Template.StartsWith("/api/meetings/", StringComparison.Ordinal) ? homeMeetingId.ToString(CultureInfo.InvariantCulture)
        : route.Template.StartsWith("/api/inspections/", StringComparison.Ordinal) ? homeInspectionId.ToString(CultureInfo.InvariantCulture)
        : null;

    /// <summary>A body the home zone's officer would have had accepted for a meeting or inspection route.</summary>
    private static object? MeetingBody(MatrixRoute route, int index) => route.Key switch
    {
        "POST /api/meetings" => new { scope = HomeUnit, kind = "调度会", date = "2024-04-10", title = $"矩阵调度会{index}", chair = "矩阵主持人" },
        "PUT /api/meetings/{id}/minutes" => new { minutes = "矩阵会议纪要" },
        "POST /api/meetings/{id}/decisions" => new { text = $"矩阵议定事项{index}", department = "阳泉高新区发展和改革局", deadline = "2024-04-30", category = "其他" },
        "POST /api/inspections" => new { scope = HomeUnit, date = "2024-04-10", leader = "矩阵领导", title = $"矩阵调研{index}" },
        "POST /api/inspections/{id}/stops" => new { project = HomeProject, reported = "矩阵汇报" },
        "POST /api/inspections/{id}/stops/{sequence}/instructions" => new { to = "enterprise", addressee = "项目企业", words = $"矩阵指示{index}", deadline = "2024-04-30", category = "其他" },
        _ => null,
    };
}
