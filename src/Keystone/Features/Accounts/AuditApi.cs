using Keystone.Core;
using Keystone.Core.Accounts;
using Keystone.Core.Data;
using Keystone.Features.Projects;
using Keystone.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Features.Accounts;

public sealed record AuditDto(long Id, DateTimeOffset At, string Actor, string Entity, string Key, string Action, string? Before, string? After, string? Reason);

/// <summary>GET /api/audit: a project's history (痕迹): every change to it, its plans and its reports, who made it and why.</summary>
public static class AuditApi
{
    public static RouteGroupBuilder MapAuditApi(this RouteGroupBuilder api)
    {
        api.MapGet("/audit", ListAsync).WithTags("Audit").WithName("ListAudit")
            .WithSummary("变更记录 / the audit log of one project (entity=project&id=CODE), its plans and reports included, or of one problem (entity=problem&id=P2024-0001), its notices included");
        return api;
    }

    /// <summary>A project's history: its own entries and those of its plans, reports, schedule and work items.</summary>
    public static IQueryable<AuditEntry> OfProject(AppDbContext db, string code)
    {
        var prefix = code + "/";
        return db.AuditEntries.AsNoTracking()
            .Where(a => ((a.Entity == "project" || a.Entity == "schedule") && a.EntityKey == code)
                || ((a.Entity == "plan" || a.Entity == "report" || a.Entity == "workItem") && a.EntityKey.StartsWith(prefix)));
    }

    private static async Task<Ok<ListResponse<AuditDto>>> ListAsync(AppDbContext db, Caller caller, string entity, string id, int? page, int? pageSize, CancellationToken ct)
    {
        if (string.Equals(entity, "problem", StringComparison.OrdinalIgnoreCase))
        {
            return await ProblemAsync(db, caller, id, page, pageSize, ct);
        }

        if (!string.Equals(entity, "project", StringComparison.OrdinalIgnoreCase))
        {
            throw new DomainException(new("只能按项目或问题查询变更记录：entity=project 或 entity=problem", "Only a project's or a problem's history can be listed: entity=project or entity=problem"), "entity");
        }

        // Only a project the caller may see: otherwise "not found", as everywhere.
        var project = await ProjectsApi.FindAsync(db, caller, id, ct);
        var (skip, take) = ApiSupport.Paging(page, pageSize);
        var query = OfProject(db, project.Code);
        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(a => a.Id).Skip(skip).Take(take)
            .Select(a => new AuditDto(a.Id, a.At, a.Actor, a.Entity, a.EntityKey, a.Action, a.Before, a.After, a.Reason))
            .ToListAsync(ct);
        return TypedResults.Ok(new ListResponse<AuditDto>(items, total));
    }

    /// <summary>A problem's history: the problem's own entries and its supervision notices', if the caller may see the problem.</summary>
    private static async Task<Ok<ListResponse<AuditDto>>> ProblemAsync(AppDbContext db, Caller caller, string id, int? page, int? pageSize, CancellationToken ct)
    {
        var problem = await Problems.ProblemActions.FindAsync(db, caller, await db.LoadTreeAsync(ct), id, ct);
        var (skip, take) = ApiSupport.Paging(page, pageSize);
        var notices = problem.Notices.Select(n => n.Reference).ToList();
        var query = db.AuditEntries.AsNoTracking()
            .Where(a => (a.Entity == "problem" && a.EntityKey == problem.Number) || (a.Entity == "notice" && notices.Contains(a.EntityKey)));
        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(a => a.Id).Skip(skip).Take(take)
            .Select(a => new AuditDto(a.Id, a.At, a.Actor, a.Entity, a.EntityKey, a.Action, a.Before, a.After, a.Reason))
            .ToListAsync(ct);
        return TypedResults.Ok(new ListResponse<AuditDto>(items, total));
    }
}
