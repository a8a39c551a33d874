using Keystone.Core.Briefings;
using Keystone.Core.Data;
using Keystone.Core.Figures;
using Keystone.Core.Progress;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Core.Desk;

/// <summary>
/// The latest 形象进度 of the started projects on the provincial and municipal lists, for the briefing's
/// per-list narrative ("续建的5个项目中，…正在进行…"): the text of each project's latest approved report of year
/// Y, up to the as-of month, that has one.
/// </summary>
public static class NarrativeData
{
    public static async Task<IReadOnlyDictionary<int, string>> ImageProgressAsync(AppDbContext db, IReadOnlyList<PlanRow> rows, int year, DateOnly asOf, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var ids = rows.Where(r => BriefingInputs.IsListed(r, year, asOf)).Select(r => r.ProjectId).ToList();
        if (ids.Count == 0 || asOf.Year < year)
        {
            return new Dictionary<int, string>();
        }

        // Each project's latest approved report with a text, found in the filtered index (one seek a project), rather
        // than every report of the year read to keep the last.
        var (first, last) = (new Period(year, 1), asOf.Year > year ? new Period(year, 12) : Period.Of(asOf));
        var latest = await db.Projects.AsNoTracking()
            .Where(p => ids.Contains(p.Id))
            .Select(p => new
            {
                p.Id,
                Text = db.ProgressReports
                    .Where(r => r.ProjectId == p.Id && r.ImageProgress != null && r.Status == ReportStatus.Approved && r.Period >= first && r.Period <= last)
                    .OrderByDescending(r => r.Period)
                    .Select(r => r.ImageProgress)
                    .FirstOrDefault(),
            })
            .Where(p => p.Text != null) // only the projects with a text come back: most of a province's have none
            .ToListAsync(ct);
        return latest.ToDictionary(p => p.Id, p => p.Text!);
    }
}
