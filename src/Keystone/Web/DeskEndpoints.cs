using Keystone.Features.Progress;
using Keystone.Features.Projects;

namespace Keystone.Web;

/// <summary>The plain endpoints behind the desk pages: files to download and photos to show.</summary>
public static class DeskEndpoints
{
    public static RouteGroupBuilder MapDeskEndpoints(this WebApplication app)
    {
        var desk = app.MapGroup("");
        desk.MapGet("/projects/export", LedgerExport.ExportAsync).ExcludeFromDescription();
        desk.MapGet("/photos/{id:int}", PhotoEndpoints.GetAsync).ExcludeFromDescription();
        desk.MapGet("/photos/{id:int}/thumb", PhotoEndpoints.GetThumbAsync).ExcludeFromDescription();
        return desk;
    }
}
