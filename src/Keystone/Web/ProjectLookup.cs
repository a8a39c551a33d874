using Keystone.Core;
using Keystone.Core.Accounts;
using Keystone.Core.Data;
using Keystone.Core.Projects;
using Keystone.Core.Units;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Web;

/// <summary>
/// A project by its code within the caller's scope, one way for every API and page: a project outside the
/// caller's scope is not found, as if it did not exist.
/// </summary>
public static class ProjectLookup
{
    /// <summary>The caller's project with this code, as a query (a page includes what it shows); empty outside the caller's scope.</summary>
    public static IQueryable<Project> Coded(this Caller caller, IQueryable<Project> projects, OrgTree tree, string code)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var key = (code ?? "").Trim();
        return caller.Projects(projects, tree).Where(p => p.Code == key);
    }

    /// <summary>The project with its plans and enterprise, or 404 — also when it exists but is outside the caller's scope.</summary>
    public static async Task<Project> FindAsync(AppDbContext db, Caller caller, string code, CancellationToken ct)
    {
        ProjectCode key;
        try
        {
            key = new ProjectCode(code);
        }
        catch (DomainException)
        {
            throw NotFound(code);
        }

        var tree = await db.LoadTreeAsync(ct);
        return await caller.Coded(db.Projects, tree, key.Value)
            .Include(p => p.Enterprise)
            .Include(p => p.Parent)
            .Include(p => p.Plans)
            .FirstOrDefaultAsync(ct)
            ?? throw NotFound(code);
    }

    public static NotFoundException NotFound(string code) =>
        new(new($"找不到项目“{code}”", $"No project with the code \"{code}\""));
}
