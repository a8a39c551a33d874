using Keystone.Core;
using Keystone.Core.Accounts;
using Keystone.Core.Data;
using Keystone.Web;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Features.Progress;

/// <summary>GET /photos/{id}: a report photo's bytes, for the caller who may see its project.</summary>
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
}
