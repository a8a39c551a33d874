using System.Globalization;
using Keystone.Core;
using Keystone.Core.Accounts;
using Keystone.Core.Data;
using Keystone.Core.Units;
using Keystone.Features.Projects;
using Keystone.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Features.Accounts;

/// <param name="Unit">The name of the unit the entry is about; null for an entry no unit can be named for (a province administrator's alone).</param>
/// <param name="Lines">What changed as a person would write it, one line per value, in the caller's language ("总投资 5亿元 → 6亿元", "状态 提交 → 通过").</param>
/// <param name="Text">The whole entry in one sentence: when (the desk's time), who, what, the changes and the reason.</param>
public sealed record AuditDto(long Id, DateTimeOffset At, string Actor, string Entity, string Key, string Action, string? Before, string? After, string? Reason, string? Unit, IReadOnlyList<string> Lines, string Text);

/// <summary>
/// GET /api/audit: the audit log (痕迹), scoped like everything else: the history of one thing
/// (entity=KIND&amp;id=…) or a unit's log (unit=NAME&amp;from=&amp;to=&amp;entity=). Whatever is asked, an answer holds
/// only entries about units inside the caller's scope; an entry no unit can be named for only a province
/// administrator reads.
/// </summary>
public static class AuditApi
{
    /// <summary>What entity= accepts, and the entries each kind reads (a project's plans and reports are its history too).</summary>
    private static readonly Dictionary<string, string[]> Kinds = new(StringComparer.OrdinalIgnoreCase)
    {
        ["project"] = ["project", "schedule", "plan", "report", "workItem"],
        ["problem"] = ["problem", "notice"],
        ["factors"] = ["factors", "funds", "emissions"],
        ["procedure"] = ["procedure"],
        ["photo"] = ["photo"],
        ["lightRules"] = ["lightRules"],
        ["closedPeriod"] = ["closedPeriod"],
        ["robot"] = ["robot"],
        ["enterprise"] = ["enterprise"],
        ["unit"] = ["unit"],
        ["user"] = ["user", "token", "signIn", "session"],
        ["signIn"] = ["signIn"],
        ["plan"] = ["plan"],
        ["report"] = ["report"],
        ["schedule"] = ["schedule"],
        ["workItem"] = ["workItem"],
        ["notice"] = ["notice"],
        ["token"] = ["token"],
    };

    private static readonly string KindList = string.Join(", ", Kinds.Keys);

    public static RouteGroupBuilder MapAuditApi(this RouteGroupBuilder api)
    {
        api.MapGet("/audit", ListAsync).WithTags("Audit").WithName("ListAudit")
            .WithSummary("变更记录 / the audit log: one thing's history (entity=project|problem|factors|procedure|photo|lightRules|closedPeriod|robot|enterprise|unit|user|signIn&id=…), "
                + "or a unit's log for officers (unit=NAME&from=2024-04-01&to=2024-04-30&entity=…); only entries about units in the caller's scope");
        return api;
    }

    /// <summary>A project's history: its own entries and those of its plans, reports, schedule and work items.</summary>
    public static IQueryable<AuditEntry> OfProject(AppDbContext db, string code) => OfKeys(db, Kinds["project"], code, prefix: true);

    /// <summary>
    /// Only the entries the caller may read: those about a unit inside its scope; those about no unit only
    /// for the administrator of the one province, who sees everything.
    /// </summary>
    public static IQueryable<AuditEntry> Visible(IQueryable<AuditEntry> entries, Caller caller, OrgTree tree)
    {
        if (SeesAll(caller, tree))
        {
            return entries;
        }

        var units = caller.Units(tree);
        return entries.Where(a => a.OrgUnitId != null && units.Contains(a.OrgUnitId.Value));
    }

    private static bool SeesAll(Caller caller, OrgTree tree) =>
        caller.Role is Role.ProvinceAdmin or Role.NationAdmin && tree.Roots.Count() == 1 && tree.Roots.Single().Id == caller.UnitId;

    private static bool IsOfficer(Caller caller) => caller.Role is Role.NationAdmin or Role.ProvinceAdmin or Role.CityOfficer or Role.ZoneOfficer;

    /// <summary>Entries of the given kinds whose key is <paramref name="key"/> (or, with a prefix, starts with "key/").</summary>
    private static IQueryable<AuditEntry> OfKeys(AppDbContext db, string[] entities, string key, bool prefix)
    {
        var start = key + "/";
        return db.AuditEntries.AsNoTracking()
            .Where(a => entities.Contains(a.Entity) && (a.EntityKey == key || (prefix && a.EntityKey.StartsWith(start))));
    }

    private static async Task<Results<Ok<ListResponse<AuditDto>>, ForbidHttpResult>> ListAsync(
        AppDbContext db, Caller caller, string? entity, string? id, string? unit, string? from, string? to, int? page, int? pageSize, CancellationToken ct)
    {
        string[]? kinds = null;
        if (entity is not null && !Kinds.TryGetValue(entity.Trim(), out kinds))
        {
            throw new DomainException(
                new($"变更记录的类别“{entity}”无效，可选：{KindList}", $"\"{entity}\" is not a kind of audit entry; one of: {KindList}"), "entity");
        }

        var (skip, take) = ApiSupport.Paging(page, pageSize);
        var (since, until) = Dates(from, to);
        var tree = await db.LoadTreeAsync(ct);
        IQueryable<AuditEntry> query;
        if (!string.IsNullOrWhiteSpace(id))
        {
            if (entity is null)
            {
                throw new DomainException(new("按编号查询变更记录时须指明类别 entity", "Name the kind of what id= names: entity="), "entity");
            }

            if (await HistoryAsync(db, caller, tree, entity.Trim(), id.Trim(), ct) is not { } history)
            {
                return TypedResults.Forbid();
            }

            query = history;
        }
        else
        {
            // A unit's log is the officers' (the unit's own and everything below it).
            if (!IsOfficer(caller))
            {
                return TypedResults.Forbid();
            }

            var scope = caller.Resolve(tree, unit);
            var units = tree.Subtree(scope.Id);
            var withoutUnit = SeesAll(caller, tree) && scope.ParentId is null;
            query = db.AuditEntries.AsNoTracking().Where(a => (a.OrgUnitId != null && units.Contains(a.OrgUnitId.Value)) || (withoutUnit && a.OrgUnitId == null));
            if (kinds is not null)
            {
                query = query.Where(a => kinds.Contains(a.Entity));
            }
        }

        query = Visible(query, caller, tree);
        if (since is { } s)
        {
            query = query.Where(a => a.At >= s);
        }

        if (until is { } u)
        {
            query = query.Where(a => a.At < u);
        }

        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(a => a.Id).Skip(skip).Take(take).ToListAsync(ct);
        return TypedResults.Ok(new ListResponse<AuditDto>(
            items.Select(a => new AuditDto(a.Id, a.At, a.Actor, a.Entity, a.EntityKey, a.Action, a.Before, a.After, a.Reason,
                a.OrgUnitId is { } u && tree.Contains(u) ? tree[u].Name : null,
                AuditText.Lines(a).Select(l => l.ToString()).ToList(), AuditText.Sentence(a).ToString())).ToList(),
            total));
    }

    /// <summary>
    /// One thing's entries, if the caller may see the thing: a project, problem or photo as its pages show
    /// it; the rest for officers only (null: forbidden). What the caller may not see answers "not found".
    /// </summary>
    private static async Task<IQueryable<AuditEntry>?> HistoryAsync(AppDbContext db, Caller caller, OrgTree tree, string entity, string id, CancellationToken ct)
    {
        var kinds = Kinds[entity];
        switch (kinds[0])
        {
            case "problem":
                var problem = await Problems.ProblemActions.FindAsync(db, caller, tree, id, ct);
                var notices = problem.Notices.Select(n => n.Reference).ToList();
                return db.AuditEntries.AsNoTracking()
                    .Where(a => (a.Entity == "problem" && a.EntityKey == problem.Number) || (a.Entity == "notice" && notices.Contains(a.EntityKey)));
            case "notice":
                throw new DomainException(new("督办单的记录在其问题的记录中：entity=problem&id=问题编号", "A notice's entries are in its problem's history: entity=problem&id=NUMBER"), "entity");
            case "project" or "photo" or "plan" or "report" or "schedule" or "workItem":
                var project = await ProjectLookup.FindAsync(db, caller, id, ct);
                return OfKeys(db, kinds, project.Code, prefix: true);
        }

        if (!IsOfficer(caller))
        {
            return null;
        }

        switch (kinds[0])
        {
            case "factors" or "procedure":
                // entity=procedure&id=CODE/施工许可 is one item; id=CODE the whole checklist.
                var code = id.Split('/', 2)[0];
                var project = await ProjectLookup.FindAsync(db, caller, code, ct);
                return id.Contains('/', StringComparison.Ordinal) ? OfKeys(db, kinds, project.Code + id[code.Length..], prefix: false) : OfKeys(db, kinds, project.Code, prefix: true);
            case "lightRules" or "closedPeriod" or "unit" or "robot":
                var unit = caller.Resolve(tree, id);
                var key = unit.Id.ToString(CultureInfo.InvariantCulture);
                return kinds[0] switch
                {
                    "lightRules" => OfKeys(db, kinds, key, prefix: false),
                    "closedPeriod" or "robot" => OfKeys(db, kinds, key, prefix: true),
                    // A unit's name is its key; its creation is logged in the unit above it, or in none when
                    // that unit was created in the same save (a province administrator's to read).
                    _ => db.AuditEntries.AsNoTracking().Where(a => a.Entity == "unit" && a.EntityKey == unit.Name
                        && (a.OrgUnitId == unit.Id || a.OrgUnitId == unit.ParentId || a.OrgUnitId == null)),
                };
            case "enterprise":
                var invalid = new List<DomainException>();
                var uscc = ApiSupport.Try(invalid, "id", () => new Uscc(id));
                ApiSupport.ThrowIfAny(invalid);
                return OfKeys(db, kinds, uscc!.Value.Value, prefix: false);
            case "user" or "signIn" or "token":
                var name = id.ToLowerInvariant();
                var userUnit = await db.Users.AsNoTracking().Where(u => u.UserName == name).Select(u => (int?)u.OrgUnitId).FirstOrDefaultAsync(ct);
                if (!SeesAll(caller, tree) && (userUnit is not { } at || !caller.CanSee(tree, at)))
                {
                    throw new NotFoundException(new($"用户“{id}”不存在或无权访问", $"The user \"{id}\" does not exist or is not yours to see"));
                }

                return OfKeys(db, kinds, name, prefix: false);
        }

        return null;
    }

    /// <summary>from= and to= are whole days (to included), in the desk's time zone (<see cref="DeskDate.Zone"/>).</summary>
    private static (DateTimeOffset? Since, DateTimeOffset? Until) Dates(string? from, string? to)
    {
        var errors = new List<DomainException>();
        DateOnly? Day(string? value, string field)
        {
            if (value is null)
            {
                return null;
            }

            if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                return day;
            }

            errors.Add(new(new($"日期“{value}”应写作 2024-04-10", $"The date \"{value}\" should look like 2024-04-10"), field));
            return null;
        }

        var first = Day(from, "from");
        var last = Day(to, "to");
        if (first is { } f && last is { } l && f > l)
        {
            errors.Add(new(new($"起始日期{f:yyyy-MM-dd}晚于截止日期{l:yyyy-MM-dd}", $"The start {f:yyyy-MM-dd} is after the end {l:yyyy-MM-dd}"), "from"));
        }

        ApiSupport.ThrowIfAny(errors);
        return (first is { } a ? DeskDate.StartOf(a) : null, last is { } b ? DeskDate.StartOf(b.AddDays(1)) : null);
    }
}
