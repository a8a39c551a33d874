using Keystone.Core;
using Keystone.Core.Accounts;
using Keystone.Core.Data;
using Keystone.Core.Progress;
using Keystone.Web;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Features.Progress;

/// <summary>
/// GET /photos/{id}: a report photo's bytes, for the caller who may see its project; GET /photos/{id}/thumb:
/// its thumbnail (a JPEG at most 320 px on its long side), made on first request for a photo stored before
/// thumbnails, and a placeholder picture for a photo that does not decode, so a damaged file never breaks a page.
/// </summary>
public static class PhotoEndpoints
{
    public static async Task<IResult> GetAsync(int id, HttpContext http, AppDbContext db, Caller caller, CancellationToken ct)
    {
        var tree = await db.LoadTreeAsync(ct);
        var visible = caller.Projects(db.Projects, tree);
        var photo = await db.ReportPhotos.AsNoTracking()
            .Where(p => p.Id == id && visible.Any(v => v.Id == p.ProjectId))
            .Select(p => new { p.ContentType, p.Content })
            .FirstOrDefaultAsync(ct)
            ?? throw new NotFoundException(new("找不到该照片", "No such photo"));
        // A photo never changes once stored; the browser may keep it, but only for this user.
        http.Response.Headers.CacheControl = "private, max-age=86400";
        http.Response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.File(photo.Content, photo.ContentType);
    }

    public static async Task<IResult> GetThumbAsync(int id, HttpContext http, AppDbContext db, Caller caller, CancellationToken ct)
    {
        var tree = await db.LoadTreeAsync(ct);
        var visible = caller.Projects(db.Projects, tree);
        var photo = await db.ReportPhotos.AsNoTracking()
            .Where(p => p.Id == id && visible.Any(v => v.Id == p.ProjectId))
            .Select(p => new { p.Thumbnail })
            .FirstOrDefaultAsync(ct)
            ?? throw new NotFoundException(new("找不到该照片", "No such photo"));
        var thumbnail = photo.Thumbnail;
        if (thumbnail is null)
        {
            // Stored before thumbnails: made once and kept. A derived copy, not an edit, so it bypasses the audit log.
            var content = await db.ReportPhotos.AsNoTracking().Where(p => p.Id == id).Select(p => p.Content).FirstAsync(ct);
            thumbnail = PhotoThumbnail.Make(content) ?? [];
            await db.ReportPhotos.Where(p => p.Id == id && p.Thumbnail == null).ExecuteUpdateAsync(s => s.SetProperty(p => p.Thumbnail, thumbnail), ct);
        }

        http.Response.Headers.CacheControl = "private, max-age=86400";
        http.Response.Headers.XContentTypeOptions = "nosniff";
        return thumbnail.Length == 0
            ? TypedResults.Text(Placeholder, "image/svg+xml", System.Text.Encoding.UTF8)
            : TypedResults.File(thumbnail, "image/jpeg");
    }

    /// <summary>A grey picture-frame icon, shown in place of a photo that does not decode.</summary>
    public const string Placeholder =
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"320\" height=\"240\" viewBox=\"0 0 320 240\">"
        + "<rect width=\"320\" height=\"240\" fill=\"#e9ecef\"/>"
        + "<rect x=\"120\" y=\"80\" width=\"80\" height=\"64\" rx=\"6\" fill=\"none\" stroke=\"#6c757d\" stroke-width=\"6\"/>"
        + "<path d=\"M128 136l20-24 14 16 10-10 20 18z\" fill=\"#6c757d\"/><circle cx=\"182\" cy=\"98\" r=\"7\" fill=\"#6c757d\"/></svg>";
}
