using System.Globalization;
using Keystone.Core;
using Keystone.Core.Accounts;
using Keystone.Core.Campaigns;
using Keystone.Core.Data;
using Keystone.Core.Desk;
using Keystone.Core.Lights;
using Keystone.Core.Units;
using Keystone.Web;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Features.Campaigns;

/// <summary>A campaign's targets as the API takes them: projects to start, approvals to obtain, nodes to reach.</summary>
public sealed record CampaignTargetsInput(int? Starts, int? Approvals, int? Nodes);

/// <summary>What a named project must do by when: kind (start | approval | node, or 开工 | 手续 | 节点), the approval's name or the node's id, the deadline (default: the campaign's last day).</summary>
/// <summary>A project's task in a campaign; <paramref name="Version"/> is the campaign's version as read (optional: 乐观并发).</summary>
public sealed record CampaignTaskInput(string? Project, string? Kind, string? Procedure, string? Node, DateOnly? Due, string? Note, int? Version = null);

/// <summary>POST /api/campaigns.</summary>
public sealed record CampaignInput(string? Scope, string? Name, DateOnly? Start, DateOnly? End, string? Goal, CampaignTargetsInput? Targets, IReadOnlyList<CampaignTaskInput>? Projects);

public sealed record CampaignTaskDto(int Id, string Kind, string? Procedure, string? Node, DateOnly Due, string? Note, bool Met, bool Late, bool Overdue, Light Light, string Reason);

public sealed record CampaignProjectDto(string Code, string Name, Light Light, int Tasks, int Met, IReadOnlyList<CampaignTaskDto> Items);

public sealed record CampaignTargetDto(string Key, decimal Target, decimal? Actual, decimal? Rate, decimal? Gap);

public sealed record CampaignItem(
    int Id, string Name, string Unit, DateOnly Start, DateOnly End, string? Goal, DateOnly AsOf, CampaignPhase Phase, int Projects, int Tasks, int Met, int MetLate, int Overdue,
    decimal? Rate, decimal Elapsed, Light Light, string Reason)
{
    public static CampaignItem Of(CampaignProgress p, CultureInfo culture) => new(
        p.Campaign.Id, p.Campaign.Name, p.Campaign.UnitName, p.Campaign.StartsOn, p.Campaign.EndsOn, p.Campaign.Goal, p.AsOf, p.Phase, p.Projects, p.Tasks, p.Met, p.MetLate, p.Overdue,
        p.Rate?.Rounded, p.Elapsed.Rounded, p.Light, p.Reason.For(culture));
}

public sealed record CampaignDetailDto(CampaignItem Campaign, IReadOnlyList<CampaignTargetDto> Targets, IReadOnlyList<CampaignProjectDto> Projects, string Paragraph)
{
    /// <summary>The campaign's version (also the ETag): moved on by every change to its projects' tasks.</summary>
    public int Version { get; init; }
}

/// <summary>
/// What an officer does with campaigns, scoped by the caller, for the API and the page alike: list and judge them as
/// of a day, start one, name projects in it with what they must do by when, take a project out. A campaign of a unit
/// the caller cannot see is not found.
/// </summary>
public static class CampaignActions
{
    public static NotFoundException NotFound(int id) => new(new($"找不到专项行动{id}", $"No campaign {id}"));

    /// <summary>How the audit log names a campaign (its type and id, as AuditInterceptor.Describe logs what it has no case for).</summary>
    public const string AuditEntity = "campaign";

    public static string AuditKey(Campaign campaign) => campaign.Id.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Marks the campaign changed when its tasks are, so the save moves its version (its own columns stay as they
    /// were): an edit of the task list made from an older read is then refused, and a removal cannot take out tasks
    /// someone added since it was read.
    /// </summary>
    private static void Touch(AppDbContext db, Campaign campaign) =>
        db.Entry(campaign).Property(c => c.Name).IsModified = true;

    public static async Task<Campaign> FindAsync(AppDbContext db, Caller caller, OrgTree tree, int id, CancellationToken ct)
    {
        var campaign = await db.Campaigns.Include(c => c.Tasks).FirstOrDefaultAsync(c => c.Id == id, ct);
        return campaign is not null && caller.CanSee(tree, campaign.OrgUnitId) ? campaign : throw NotFound(id);
    }

    /// <summary>The campaigns of the scope's units judged as of the day, newest first.</summary>
    public static async Task<IReadOnlyList<CampaignProgress>> ListAsync(AppDbContext db, OrgTree tree, OrgUnitInfo unit, DateOnly asOf, CancellationToken ct)
    {
        var campaigns = await CampaignData.CampaignsAsync(db, tree, unit, null, ct);
        return await CampaignData.JudgeAsync(db, tree, campaigns, asOf, null, null, ct);
    }

    public static async Task<CampaignProgress> JudgeAsync(AppDbContext db, OrgTree tree, Campaign campaign, DateOnly asOf, CancellationToken ct) =>
        (await CampaignData.JudgeAsync(db, tree, [campaign], asOf, null, null, ct))[0];

    public static CampaignDetailDto Detail(CampaignProgress p, CultureInfo culture) => new(
        CampaignItem.Of(p, culture),
        p.Against.Select(a => new CampaignTargetDto(a.Key, a.Target, a.Actual, a.Rate?.Rounded, a.Gap)).ToList(),
        p.ProjectProgress.Select(x => new CampaignProjectDto(x.Code, x.Name, x.Light, x.Tasks, x.Met, x.Items.Select(i => new CampaignTaskDto(
            i.Task.TaskId, KindCode(i.Task.Kind),
            i.Task.Kind == CampaignTaskKind.Approval ? i.Task.Reference : null,
            i.Task.Kind == CampaignTaskKind.Node ? i.Task.Reference : null,
            i.Task.DueBy, i.Task.Note, i.Met, i.Late, i.Overdue, i.Light, i.Reason.For(culture))).ToList())).ToList(),
        CampaignWording.Paragraph(p, null));

    public static async Task<Campaign> CreateAsync(AppDbContext db, Caller caller, TimeProvider clock, CampaignInput input, CancellationToken ct)
    {
        var tree = await db.LoadTreeAsync(ct);
        var errors = new List<DomainException>();
        ApiSupport.Require(errors, input.Start is not null, "start", "开始日期", "The start");
        ApiSupport.Require(errors, input.End is not null, "end", "结束日期", "The end");
        if (input.Start is { } s)
        {
            ApiSupport.Try(errors, "start", () => SaneDate.Check(s, "start"));
        }

        if (input.End is { } e)
        {
            ApiSupport.Try(errors, "end", () => SaneDate.Check(e, "end"));
        }

        OrgUnitInfo? unit = null;
        try
        {
            unit = caller.Resolve(tree, input.Scope);
        }
        catch (NotFoundException x)
        {
            errors.Add(new(x.Text, "scope"));
        }

        ApiSupport.ThrowIfAny(errors);
        var targets = new CampaignTargets { Starts = input.Targets?.Starts, Approvals = input.Targets?.Approvals, Nodes = input.Targets?.Nodes };
        var campaign = new Campaign(unit!.Id, input.Name, input.Start!.Value, input.End!.Value, input.Goal, targets, caller.UserName, clock.GetUtcNow());
        foreach (var (task, i) in (input.Projects ?? []).Select((t, i) => (t, i + 1)))
        {
            await AddTaskAsync(db, caller, tree, campaign, task, clock.GetUtcNow(), Invariant($"projects[{i}]."), ct);
        }

        db.Campaigns.Add(campaign);
        await db.SaveChangesAsync(ct);
        return campaign;
    }

    /// <summary>Names a project in the campaign (POST /api/campaigns/{id}/projects).</summary>
    public static async Task<Campaign> AddAsync(AppDbContext db, Caller caller, TimeProvider clock, int id, CampaignTaskInput input, CancellationToken ct)
    {
        var tree = await db.LoadTreeAsync(ct);
        var campaign = await FindAsync(db, caller, tree, id, ct);
        await AddTaskAsync(db, caller, tree, campaign, input, clock.GetUtcNow(), "", ct);
        Touch(db, campaign);
        await db.SaveChangesAsync(ct);
        return campaign;
    }

    /// <summary>Takes a project out of the campaign, all its tasks (DELETE /api/campaigns/{id}/projects/{code}).</summary>
    public static async Task<Campaign> RemoveAsync(AppDbContext db, Caller caller, int id, string code, CancellationToken ct)
    {
        var tree = await db.LoadTreeAsync(ct);
        var campaign = await FindAsync(db, caller, tree, id, ct);
        var project = await caller.Coded(db.Projects, tree, code).Select(p => new { p.Id, p.Name }).FirstOrDefaultAsync(ct)
            ?? throw ProjectLookup.NotFound(code);
        foreach (var task in campaign.RemoveProject(project.Id, project.Name))
        {
            db.Remove(task);
        }

        Touch(db, campaign);
        await db.SaveChangesAsync(ct);
        return campaign;
    }

    private static async Task AddTaskAsync(AppDbContext db, Caller caller, OrgTree tree, Campaign campaign, CampaignTaskInput input, DateTimeOffset at, string prefix, CancellationToken ct)
    {
        var errors = new List<DomainException>();
        var code = input.Project?.Trim();
        var project = string.IsNullOrEmpty(code) ? null
            : await caller.Coded(db.Projects, tree, code).Select(p => new { p.Id, p.OrgUnitId }).FirstOrDefaultAsync(ct);
        if (string.IsNullOrEmpty(code))
        {
            errors.Add(new(new("项目编号不能为空", "The project's code is required"), prefix + "project"));
        }
        else if (project is null || !tree.IsWithin(project.OrgUnitId, campaign.OrgUnitId))
        {
            errors.Add(new(new($"找不到{tree[campaign.OrgUnitId].Name}的项目“{code}”", $"{tree[campaign.OrgUnitId].Name} has no project \"{code}\""), prefix + "project"));
        }

        CampaignTaskKind? kind = null;
        try
        {
            kind = ParseKind(input.Kind);
        }
        catch (DomainException x)
        {
            errors.Add(new(x.Text, prefix + "kind"));
        }

        ApiSupport.ThrowIfAny(errors);
        try
        {
            campaign.AddTask(project!.Id, kind!.Value, kind == CampaignTaskKind.Approval ? input.Procedure : input.Node, input.Due, input.Note, at);
        }
        catch (ValidationException x) when (prefix.Length > 0)
        {
            throw new ValidationException(x.Errors.Select(e => new DomainException(e.Text, prefix + e.Field)).ToList());
        }
    }

    /// <summary>start | approval | node, or 开工/复工/开复工, 手续/手续办结/审批, 节点; none given: start.</summary>
    public static CampaignTaskKind ParseKind(string? text) => (text ?? "").Trim().ToLowerInvariant() switch
    {
        "" or "start" or "开工" or "复工" or "开复工" => CampaignTaskKind.Start,
        "approval" or "procedure" or "手续" or "手续办结" or "审批" or "前期手续" => CampaignTaskKind.Approval,
        "node" or "milestone" or "节点" => CampaignTaskKind.Node,
        _ => throw new DomainException(new($"任务类型“{text}”无效：应为开工、手续或节点", $"The task kind \"{text}\" is not valid: start, approval or node"), "kind"),
    };

    public static string KindCode(CampaignTaskKind kind) => kind switch
    {
        CampaignTaskKind.Start => "start",
        CampaignTaskKind.Approval => "approval",
        CampaignTaskKind.Node => "node",
    };

    public static Text KindName(CampaignTaskKind kind) => kind switch
    {
        CampaignTaskKind.Start => new("开工", "Start"),
        CampaignTaskKind.Approval => new("手续办结", "Approval"),
        CampaignTaskKind.Node => new("节点", "Node"),
    };

    public static Text PhaseName(CampaignPhase phase) => phase switch
    {
        CampaignPhase.NotStarted => new("未开始", "Not started"),
        CampaignPhase.Running => new("进行中", "Running"),
        CampaignPhase.Ended => new("已结束", "Ended"),
    };

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
