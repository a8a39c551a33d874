using Keystone.Core;
using Keystone.Core.Accounts;
using Keystone.Core.Data;
using Keystone.Core.Enterprises;
using Keystone.Core.Projects;
using Keystone.Core.Units;
using Keystone.Features.Accounts;
using Keystone.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Features.Projects;

/// <summary>/api/projects: the ledger's projects, listed with filters, one by code, created and updated.</summary>
public static class ProjectsApi
{
    public static RouteGroupBuilder MapProjectsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/projects").WithTags("Projects");
        group.MapGet("/", ListAsync).WithName("ListProjects")
            .WithSummary("项目列表 / list projects")
            .WithDescription("scope: 单位及其下级 / a unit and all below it; unit: 仅该单位 / that unit only; level: provincial|municipal|zone|ordinary or 省级重点…; year: 列入该年度计划 / in that year's plan; q: 名称或编号 / name or code.");
        group.MapGet("/{code}", GetAsync).WithName("GetProject").WithSummary("一个项目（ETag 为其版本）/ one project (its ETag is its version)");
        group.MapPost("/", CreateAsync).RequireAuthorization(AuthSetup.Officer).WithName("CreateProject").WithSummary("新建项目 / create a project");
        group.MapPut("/{code}", UpdateAsync).RequireAuthorization(AuthSetup.Officer).WithName("UpdateProject").HonoursIfMatch()
            .WithSummary("修改项目 / update a project")
            .WithDescription("If-Match: 读取时的 ETag（或请求体 version），项目已被他人修改则 412（version 则 409），未作任何更改；不带则照旧覆盖 / If-Match: the ETag read (or the body's version); when someone changed the project since, 412 (409 for version) and nothing is changed; without either, the update applies as before.");
        return api;
    }

    private static async Task<Ok<ListResponse<ProjectDto>>> ListAsync(
        AppDbContext db, Caller caller, string? scope, string? unit, string? level, string? category, int? year, string? q, int? page, int? pageSize, CancellationToken ct)
    {
        var (skip, take) = ApiSupport.Paging(page, pageSize);
        var tree = await db.LoadTreeAsync(ct);
        var query = caller.Projects(db.Projects.AsNoTracking(), tree);
        if (scope is not null)
        {
            var ids = tree.Subtree(caller.Resolve(tree, scope).Id);
            query = query.Where(p => ids.Contains(p.OrgUnitId));
        }

        if (unit is not null)
        {
            var id = caller.Resolve(tree, unit).Id;
            query = query.Where(p => p.OrgUnitId == id);
        }

        if (level is not null)
        {
            var flag = ProjectVocabulary.ParseLevel(level)
                ?? throw new DomainException(new($"项目级别“{level}”无效：可用 provincial、municipal、zone、ordinary 或 省级重点 等", $"The level \"{level}\" is not valid: use provincial, municipal, zone, ordinary or 省级重点 …"), "level");
            query = query.Where(p => (p.Levels & flag) != 0);
        }

        if (category is not null)
        {
            var c = ProjectVocabulary.ParseCategory(category)
                ?? throw new DomainException(new($"项目类别“{category}”无效", $"The category \"{category}\" is not valid"), "category");
            query = query.Where(p => p.Category == c);
        }

        if (year is { } y)
        {
            query = query.Where(p => p.Plans.Any(a => a.Year == y));
        }

        if (!string.IsNullOrWhiteSpace(q))
        {
            var term = q.Trim();
            query = query.Where(p => p.Name.Contains(term) || p.Code.Contains(term));
        }

        var total = await query.CountAsync(ct);
        var projects = await query
            .OrderBy(p => p.Code)
            .Skip(skip).Take(take)
            .Include(p => p.Enterprise)
            .Include(p => p.Parent)
            .Include(p => p.Plans.Where(a => year == null || a.Year == year))
            .AsSplitQuery()
            .ToListAsync(ct);
        var items = projects.Select(p => ProjectDto.Of(p, tree, p.Plans)).ToList();
        return TypedResults.Ok(new ListResponse<ProjectDto>(items, total));
    }

    private static async Task<Ok<ProjectDto>> GetAsync(HttpContext http, AppDbContext db, Caller caller, string code, CancellationToken ct)
    {
        var project = await ProjectLookup.FindAsync(db, caller, code, ct);
        Concurrency.Tag(http, project);
        return TypedResults.Ok(ProjectDto.Of(project, await db.LoadTreeAsync(ct), project.Plans));
    }

    private static async Task<Created<ProjectDto>> CreateAsync(AppDbContext db, Caller caller, TimeProvider clock, ProjectInput input, CancellationToken ct)
    {
        var tree = await db.LoadTreeAsync(ct);
        var errors = new List<DomainException>();
        var code = ApiSupport.Try(errors, "code", () => new ProjectCode(input.Code ?? ""));
        var (unit, facts, enterprise, proposedName) = await ReadAsync(db, caller, tree, input, null, errors, ct);
        if (code is { } c && await db.Projects.AnyAsync(p => p.Code == c.Value, ct))
        {
            errors.Add(new(new($"项目编号“{c}”已存在", $"The project code \"{c}\" already exists"), "code"));
        }

        var parent = await ParentAsync(db, caller, tree, input.Parent, errors, ct);
        ApiSupport.ThrowIfAny(errors);
        var project = new Project(code!.Value, unit!, facts!, enterprise);
        project.SetParent(parent, hasParts: false);
        db.Projects.Add(project);
        var proposal = await ProposeAsync(db, caller, clock, enterprise, proposedName, project.Code, ct);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/projects/{Uri.EscapeDataString(project.Code)}", ProjectDto.Of(project, tree, project.Plans) with { EnterpriseProposal = proposal?.Id });
    }

    private static async Task<Ok<ProjectDto>> UpdateAsync(HttpContext http, AppDbContext db, Caller caller, TimeProvider clock, string code, ProjectInput input, CancellationToken ct)
    {
        var project = await ProjectLookup.FindAsync(db, caller, code, ct);
        var tree = await db.LoadTreeAsync(ct);
        await Concurrency.CheckAsync(http, db, caller, tree, clock, project, Concurrency.Noun.Project, "project", project.Code, input.Version, ct);
        var errors = new List<DomainException>();
        if (input.Code is { } given && !string.Equals(given.Trim(), project.Code, StringComparison.Ordinal))
        {
            errors.Add(new(new("项目编号不能修改（请求中的编号与网址不一致）", "The project code cannot change (the body's code differs from the URL's)"), "code"));
        }

        var (unit, facts, enterprise, proposedName) = await ReadAsync(db, caller, tree, input, project, errors, ct);
        var parent = await ParentAsync(db, caller, tree, input.Parent, errors, ct);
        var parts = await db.Projects.CountAsync(p => p.ParentId == project.Id, ct);
        if (unit is not null && unit.Id != project.OrgUnitId && parts > 0)
        {
            errors.Add(new(
                new($"项目“{project.Code}”有{parts}个子项目，子项目与上级项目应属于同一单位：请先调整子项目", $"The project {project.Code} has {parts} parts, which belong to its unit: move or detach them first"),
                "unit"));
        }

        ApiSupport.ThrowIfAny(errors);
        if (unit!.Id != project.OrgUnitId)
        {
            project.MoveTo(unit);
        }

        project.SetParent(parent, hasParts: parts > 0);

        project.Revise(facts!, enterprise);
        var proposal = await ProposeAsync(db, caller, clock, enterprise, proposedName, project.Code, ct);
        await db.SaveChangesAsync(ct);
        Concurrency.Tag(http, project);
        return TypedResults.Ok(ProjectDto.Of(project, tree, project.Plans) with { EnterpriseProposal = proposal?.Id });
    }

    /// <summary>The parent a project's input names by code (null when none), among the projects the caller may see.</summary>
    private static async Task<Project?> ParentAsync(AppDbContext db, Caller caller, OrgTree tree, string? code, List<DomainException> errors, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return null;
        }

        var key = code.Trim();
        var parent = await caller.Projects(db.Projects, tree).Include(p => p.Parent).FirstOrDefaultAsync(p => p.Code == key, ct);
        if (parent is null)
        {
            errors.Add(new(new($"找不到上级项目“{key}”", $"No parent project with the code \"{key}\""), "parent"));
        }

        return parent;
    }

    /// <summary>
    /// The enterprise name a project's form gave, when it differs from the record, as an open proposal to the
    /// enterprise's owner (the same open one again if this unit already proposed that name). Saved with the project.
    /// </summary>
    private static async Task<EnterpriseProposal?> ProposeAsync(
        AppDbContext db, Caller caller, TimeProvider clock, Enterprise? enterprise, string? name, string code, CancellationToken ct)
    {
        if (enterprise is null || name is null)
        {
            return null;
        }

        return await db.EnterpriseProposals.FirstOrDefaultAsync(
                p => p.EnterpriseId == enterprise.Id && p.ProposedByUnitId == caller.UnitId && p.Status == ProposalStatus.Open && p.Name == name, ct)
            ?? db.EnterpriseProposals.Add(new EnterpriseProposal(enterprise, name, $"项目{code}", caller.UnitId, caller.UserName, clock.GetUtcNow())).Entity;
    }

    /// <summary>
    /// Reads and checks every field of the input, collecting all problems; the unit and enterprise are looked
    /// up or prepared. An enterprise is linked only if the caller may use it (<see cref="Caller.MayLinkEnterprise"/>)
    /// or the project is linked to it already, and is never renamed here: a different name comes back as a
    /// name to propose to its owner.
    /// </summary>
    private static async Task<(OrgUnit? Unit, ProjectFacts? Facts, Enterprise? Enterprise, string? ProposedName)> ReadAsync(
        AppDbContext db, Caller caller, OrgTree tree, ProjectInput input, Project? current, List<DomainException> errors, CancellationToken ct)
    {
        OrgUnit? unit = null;
        if (string.IsNullOrWhiteSpace(input.Unit))
        {
            errors.Add(new(new("所属单位不能为空", "The unit is required"), "unit"));
        }
        else
        {
            try
            {
                unit = await db.OrgUnits.FindAsync([caller.Resolve(tree, input.Unit).Id], ct);
            }
            catch (Exception ex) when (ex is DomainException or NotFoundException)
            {
                errors.Add(new(ex is DomainException d ? d.Text : ((NotFoundException)ex).Text, "unit"));
            }
        }

        var levels = ProjectLevels.None;
        if (input.Levels is not { Count: > 0 })
        {
            errors.Add(new(new("项目级别不能为空", "The level is required"), "levels"));
        }
        else
        {
            foreach (var text in input.Levels)
            {
                if (ProjectVocabulary.ParseLevels(text) is { } l)
                {
                    levels |= l;
                }
                else
                {
                    errors.Add(new(new($"项目级别“{text}”无效：可用 provincial、municipal、zone、ordinary 或 省级重点 等", $"The level \"{text}\" is not valid: use provincial, municipal, zone, ordinary or 省级重点 …"), "levels"));
                }
            }
        }

        var category = ProjectCategory.Other;
        if (input.Category is null)
        {
            errors.Add(new(new("项目类别不能为空", "The category is required"), "category"));
        }
        else if (ProjectVocabulary.ParseCategory(input.Category) is { } c)
        {
            category = c;
        }
        else
        {
            errors.Add(new(new($"项目类别“{input.Category}”无效：可用 industrial、infrastructure、livelihood、other 或 产业类 等", $"The category \"{input.Category}\" is not valid: use industrial, infrastructure, livelihood, other or 产业类 …"), "category"));
        }

        var status = ProjectStatus.Preparing;
        if (input.Status is not null)
        {
            if (ProjectVocabulary.ParseStatus(input.Status) is { } s)
            {
                status = s;
            }
            else
            {
                errors.Add(new(new($"项目状态“{input.Status}”无效", $"The status \"{input.Status}\" is not valid"), "status"));
            }
        }

        ApiSupport.Require(errors, !string.IsNullOrWhiteSpace(input.Name), "name", "项目名称", "The project name");
        ApiSupport.Require(errors, input.TotalInvestment is not null, "totalInvestment", "总投资", "The total investment");
        var total = ApiSupport.Amount(errors, input.TotalInvestment, "totalInvestment", "总投资", "The total investment");
        var output = ApiSupport.Amount(errors, input.OutputValueTarget, "outputValueTarget", "达产后年产值", "The output value");
        var tax = ApiSupport.Amount(errors, input.TaxTarget, "taxTarget", "年纳税", "The annual tax");
        var land = input.LandAreaMu is { } mu ? ApiSupport.Try(errors, "landAreaMu", () => Area.FromMu(mu)) : null;
        var floor = input.FloorArea is { } m2 ? ApiSupport.Try(errors, "floorArea", () => new Area(m2)) : null;

        Enterprise? enterprise = null;
        string? proposedName = null;
        if (input.Enterprise is { } e)
        {
            if (ApiSupport.Try(errors, "enterprise.uscc", () => new Uscc(e.Uscc ?? "")) is { } uscc)
            {
                enterprise = await db.Enterprises.FirstOrDefaultAsync(x => x.Uscc == uscc, ct);
                try
                {
                    if (enterprise is null)
                    {
                        // Registered here: the project's unit owns it.
                        if (unit is not null)
                        {
                            enterprise = new Enterprise(uscc, e.Name ?? "", unit);
                            db.Enterprises.Add(enterprise);
                        }
                    }
                    else if (current?.EnterpriseId != enterprise.Id && !caller.MayLinkEnterprise(tree, enterprise.OwnerUnitId))
                    {
                        errors.Add(EnterpriseAccess.NotUsable("enterprise.uscc"));
                        enterprise = null;
                    }
                    else if (!string.IsNullOrWhiteSpace(e.Name) && e.Name.Trim() != enterprise.Name)
                    {
                        proposedName = Enterprise.CheckName(e.Name);
                    }
                }
                catch (DomainException ex)
                {
                    errors.Add(new(ex.Text, "enterprise.name"));
                }
            }
        }

        if (errors.Count > 0 || total is not { } totalInvestment)
        {
            return (unit, null, enterprise, proposedName);
        }

        var facts = new ProjectFacts
        {
            Name = input.Name!,
            Levels = levels,
            Category = category,
            Status = status,
            TotalInvestment = totalInvestment,
            IndustryChain = input.IndustryChain,
            Content = input.Content,
            LandArea = land,
            FloorArea = floor,
            OutputValueTarget = output,
            TaxTarget = tax,
            JobsTarget = input.JobsTarget,
            ActualStart = input.ActualStart,
            PlannedCompletion = input.PlannedCompletion,
            ResponsibleLeader = input.ResponsibleLeader,
            ResponsibleUnit = input.ResponsibleUnit,
            Contact = input.Contact,
            ProblemsNote = input.ProblemsNote,
            Remarks = input.Remarks,
        };
        return (unit, facts, enterprise, proposedName);
    }
}
