using Keystone.Core.Accounts;
using Keystone.Core.Data;
using Keystone.Core.Notifications;
using Keystone.Features.Accounts;
using Keystone.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Keystone.Features.Notifications;

/// <summary>
/// /api/units/{unit}/robots: a unit's DingTalk and WeCom group robots, for officers of the unit or of a unit
/// above it (a sibling's unit answers 404). The webhook is only ever shown masked and the secret never.
/// </summary>
public static class RobotsApi
{
    public static RouteGroupBuilder MapRobotsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/units/{unit}/robots").WithTags("Notifications").RequireAuthorization(AuthSetup.Officer);
        group.MapGet("/", ListAsync).WithName("ListRobots").WithSummary("单位的群机器人（地址已脱敏）/ a unit's group robots, webhooks masked");
        group.MapPost("/", AddAsync).WithName("AddRobot").WithSummary("添加钉钉或企业微信群机器人 / add a DingTalk or WeCom group robot");
        group.MapPut("/{id:int}", ChangeAsync).WithName("ChangeRobot").HonoursIfMatch().WithSummary("修改群机器人 / change a group robot (webhook and secret kept when omitted)")
            .WithDescription(Concurrency.IfMatchDescription("群机器人", "robot") + " The version is the list's version of the robot.");
        group.MapDelete("/{id:int}", RemoveAsync).WithName("RemoveRobot").WithSummary("删除群机器人 / remove a group robot");
        group.MapPost("/{id:int}/test", TestAsync).WithName("TestRobot").WithSummary("发送测试消息 / send the robot a test message");
        return api;
    }

    private static async Task<Ok<ListResponse<RobotDto>>> ListAsync(AppDbContext db, Caller caller, string unit, CancellationToken ct)
    {
        var tree = await db.LoadTreeAsync(ct);
        var items = await RobotEdits.ListAsync(db, tree, caller.Resolve(tree, unit), ct);
        return TypedResults.Ok(new ListResponse<RobotDto>(items, items.Count));
    }

    private static async Task<Created<RobotDto>> AddAsync(AppDbContext db, Caller caller, SecretBox box, string unit, RobotInput input, CancellationToken ct)
    {
        var tree = await db.LoadTreeAsync(ct);
        var u = caller.Resolve(tree, unit);
        var robot = await RobotEdits.AddAsync(db, box, u, input, ct);
        return TypedResults.Created($"/api/units/{u.Id}/robots/{robot.Id}", RobotEdits.ToDto(tree, robot));
    }

    private static async Task<Ok<RobotDto>> ChangeAsync(HttpContext http, AppDbContext db, Caller caller, SecretBox box, TimeProvider clock, string unit, int id, RobotInput input, CancellationToken ct)
    {
        var tree = await db.LoadTreeAsync(ct);
        var robot = await RobotEdits.ChangeAsync(db, box, caller.Resolve(tree, unit), id, input, ct, found => Concurrency.CheckAsync(
            http, db, caller, tree, clock, found, Concurrency.Noun.Robot, "robot", RobotEdits.AuditKey(found), input.Version, ct));
        Concurrency.Tag(http, robot);
        return TypedResults.Ok(RobotEdits.ToDto(tree, robot));
    }

    private static async Task<NoContent> RemoveAsync(AppDbContext db, Caller caller, string unit, int id, CancellationToken ct)
    {
        var tree = await db.LoadTreeAsync(ct);
        await RobotEdits.RemoveAsync(db, caller.Resolve(tree, unit), id, ct);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<RobotTestResult>> TestAsync(AppDbContext db, Caller caller, SecretBox box, RobotClient client, TimeProvider clock, string unit, int id, CancellationToken ct)
    {
        var tree = await db.LoadTreeAsync(ct);
        return TypedResults.Ok(await RobotEdits.TestAsync(db, box, client, clock, caller.Resolve(tree, unit), id, ct));
    }
}
