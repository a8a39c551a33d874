using Keystone.Core;
using Keystone.Core.Accounts;
using Keystone.Core.Data;
using Keystone.Core.Units;
using Keystone.Features.Accounts;
using Keystone.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Features.Units;

public sealed record UnitDto(int Id, string Name, OrgUnitKind Kind, int? ParentId, string Path, int Projects);

/// <summary>/api/units: the org units (province → city → zone/county) with the number of projects at or below each.</summary>
public static class UnitsApi
{
    public static RouteGroupBuilder MapUnitsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/units").WithTags("Units").RequireAuthorization(AuthSetup.Officer);
        group.MapGet("/", ListAsync).WithName("ListUnits").WithSummary("组织单位列表 / the org units");
        group.MapGet("/{id:int}", GetAsync).WithName("GetUnit").WithSummary("一个组织单位 / one org unit");
        return api;
    }

    private static async Task<Ok<ListResponse<UnitDto>>> ListAsync(AppDbContext db, Caller caller, string? scope, CancellationToken ct)
    {
        var tree = await db.LoadTreeAsync(ct);
        var counts = await ProjectCountsAsync(db, tree, ct);
        var ids = tree.Subtree(caller.Resolve(tree, scope).Id);
        var items = ids.Select(id => ToDto(tree, id, counts)).OrderBy(u => u.Path, StringComparer.Ordinal).ToList();
        return TypedResults.Ok(new ListResponse<UnitDto>(items, items.Count));
    }

    private static async Task<Ok<UnitDto>> GetAsync(AppDbContext db, Caller caller, int id, CancellationToken ct)
    {
        var tree = await db.LoadTreeAsync(ct);
        if (!caller.CanSee(tree, id))
        {
            throw new NotFoundException(new($"找不到编号为{id}的单位", $"No unit with id {id}"));
        }

        return TypedResults.Ok(ToDto(tree, id, await ProjectCountsAsync(db, tree, ct)));
    }

    private static UnitDto ToDto(OrgTree tree, int id, Dictionary<int, int> counts)
    {
        var unit = tree[id];
        return new UnitDto(unit.Id, unit.Name, unit.Kind, unit.ParentId, tree.PathOf(id), counts.GetValueOrDefault(id));
    }

    /// <summary>Projects at or below each unit.</summary>
    private static async Task<Dictionary<int, int>> ProjectCountsAsync(AppDbContext db, OrgTree tree, CancellationToken ct)
    {
        var direct = await db.Projects.GroupBy(p => p.OrgUnitId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        return tree.All.ToDictionary(u => u.Id, u => tree.Subtree(u.Id).Sum(id => direct.GetValueOrDefault(id)));
    }
}
