using Keystone.Features.Progress;
using Keystone.Features.Projects;

namespace Keystone.Web;

/// <summary>The plain endpoints behind the desk pages: files to download and photos to show.</summary>
public static class DeskEndpoints
{
    public static void MapDeskEndpoints(this WebApplication app)
    {
        app.MapGet("/projects/export", LedgerExport.ExportAsync).ExcludeFromDescription();
        app.MapGet("/photos/{id:int}", PhotoEndpoints.GetAsync).ExcludeFromDescription();
    }
}
