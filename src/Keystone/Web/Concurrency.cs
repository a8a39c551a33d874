using System.Globalization;
using System.Text.Json;
using Keystone.Core;
using Keystone.Core.Accounts;
using Keystone.Core.Data;
using Keystone.Core.Units;
using Keystone.Features.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Web;

/// <summary>
/// A save refused because the record changed since the copy it was made from was read (乐观并发): nothing of
/// it was written. <see cref="Precondition"/> when the request said so by If-Match (answered 412), else by
/// a form's or body's version (409). Carries the record's version now and what the others changed since.
/// An API endpoint that may throw it is declared with <see cref="Concurrency.HonoursIfMatch"/>, whose filter answers it.
/// </summary>
public sealed class StaleException(Text text, int current, IReadOnlyList<Text> changes, bool precondition) : Exception(text.En)
{
    public Text Text { get; } = text;

    public int Current { get; } = current;

    public IReadOnlyList<Text> Changes { get; } = changes;

    public bool Precondition { get; } = precondition;

    /// <summary>The version the refused save was made from, when the refusal is to be explained elsewhere (a page after its redirect).</summary>
    public int Expected { get; init; }
}

/// <summary>Marks an endpoint that honours If-Match (its OpenAPI operation declares the header and 412).</summary>
public sealed class IfMatchMetadata;

/// <summary>
/// Optimistic concurrency for edits (docs/domain.md "Concurrent edits"): the version a request expects — from
/// If-Match or a <c>version</c> field — checked against the record as read, with a refusal that says who
/// changed it, when and what. A request that names no version is not checked, as before.
/// </summary>
public static class Concurrency
{
    /// <summary>The record's ETag: its version, quoted as HTTP wants (<c>"3"</c>).</summary>
    public static string ETag(int version) => "\"" + version.ToString(CultureInfo.InvariantCulture) + "\"";

    /// <summary>
    /// Declares an endpoint as honouring If-Match, and answers its stale saves itself (<see cref="Refusal"/>):
    /// as a result, not through the exception handler, so the answer keeps its ETag header (the error
    /// handling middleware clears caching headers, ETag among them, from the answers it writes).
    /// </summary>
    public static RouteHandlerBuilder HonoursIfMatch(this RouteHandlerBuilder builder) =>
        builder.WithMetadata(new IfMatchMetadata()).AddEndpointFilter(async (context, next) =>
        {
            try
            {
                return await next(context);
            }
            catch (StaleException stale)
            {
                var http = context.HttpContext;
                http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(Concurrency))
                    .LogInformation("Refused {Method} {Route} for {User}: {Status} {Reason}", http.Request.Method,
                        (http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText, http.User.Identity?.Name ?? "anonymous", stale.Precondition ? 412 : 409, stale.Text.En);
                http.Response.Headers.ETag = ETag(stale.Current);
                return TypedResults.Problem(Refusal(ApiProblems.Culture(http), stale));
            }
        });

    /// <summary>
    /// The OpenAPI description of an endpoint that honours If-Match, naming what it saves ("活动" / "event"); an
    /// endpoint with more to say adds it after.
    /// </summary>
    public static string IfMatchDescription(string zh, string en) =>
        $"If-Match: 读取时的 ETag（或请求体 version），{zh}已被他人修改则 412（version 则 409），未作任何更改；不带则照旧保存 / "
        + $"If-Match: the ETag read (or the body's version); when someone changed the {en} since, 412 (409 for version) and nothing is changed; without either, the save applies as before.";

    /// <summary>
    /// A stale save's answer: 412 when If-Match said which version (a failed precondition), 409 when a body's
    /// version did; with the version now (also the ETag header) and each change made since, as sentences.
    /// </summary>
    public static ProblemDetails Refusal(CultureInfo culture, StaleException stale) => new()
    {
        Status = stale.Precondition ? StatusCodes.Status412PreconditionFailed : StatusCodes.Status409Conflict,
        Title = new Text("已被他人修改，未作任何更改", "Changed by someone else; nothing was changed").For(culture),
        Detail = stale.Text.For(culture),
        Extensions =
        {
            ["currentVersion"] = stale.Current,
            ["detailZh"] = stale.Text.Zh,
            ["detailEn"] = stale.Text.En,
            ["changes"] = stale.Changes.Select(c => c.For(culture)).ToArray(),
        },
    };

    /// <summary>Answers a GET of one record with its ETag.</summary>
    public static void Tag(HttpContext http, IVersioned record) => http.Response.Headers.ETag = ETag(record.Version);

    /// <summary>
    /// The version the request expects, and whether it came from If-Match: If-Match (<c>"3"</c>, <c>W/"3"</c>;
    /// <c>*</c> asks nothing) before the body's <paramref name="bodyVersion"/>; the two must agree when both are given.
    /// </summary>
    public static (int? Version, bool FromHeader) Expected(HttpContext http, int? bodyVersion)
    {
        var header = http.Request.Headers.IfMatch.ToString().Trim();
        if (header.Length == 0 || header == "*")
        {
            return (bodyVersion, false);
        }

        var tag = header.StartsWith("W/", StringComparison.Ordinal) ? header[2..] : header;
        if (tag.Length < 3 || tag[0] != '"' || tag[^1] != '"' || !int.TryParse(tag[1..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            throw new DomainException(new(
                $"If-Match 请求头“{header}”无效：应为读取时得到的 ETag，如 \"3\"",
                $"The If-Match header \"{header}\" is not valid: send the ETag you read, e.g. \"3\""), "If-Match");
        }

        if (bodyVersion is { } body && body != version)
        {
            throw new DomainException(new(
                $"If-Match（{version}）与请求体中的 version（{body}）不一致",
                $"If-Match ({version}) and the body's version ({body}) disagree"), "version");
        }

        return (version, true);
    }

    /// <summary>
    /// Refuses (<see cref="StaleException"/>) when the request expects another version than the record's as
    /// read; run before anything is changed, so a refused save writes nothing.
    /// </summary>
    public static async Task CheckAsync(
        HttpContext http, AppDbContext db, Caller caller, OrgTree tree, TimeProvider clock,
        IVersioned record, Noun noun, string entity, string key, int? bodyVersion, CancellationToken ct)
    {
        var (expected, fromHeader) = Expected(http, bodyVersion);
        if (expected is { } version && version != record.Version)
        {
            throw await StaleAsync(db, caller, tree, clock, record.Version, version, noun, entity, key, fromHeader, ct);
        }
    }

    /// <summary>
    /// A record not made yet, as a request that would make it expects it: version 0 (an entry its year does not
    /// have, a sheet its project does not have), so a client that saw none is refused if someone made one since.
    /// </summary>
    public sealed class Unsaved : IVersioned
    {
        public static readonly Unsaved Instance = new();

        public int Version => 0;
    }

    /// <summary>
    /// <see cref="CheckAsync"/> for an upsert (a record named by what it is of, created when missing): the record
    /// not there yet counts as version 0 (<see cref="Unsaved"/>), so a version expected of it is refused as stale
    /// (answered with the ETag <c>"0"</c>), and If-Match <c>"0"</c> asks that nobody created it since.
    /// </summary>
    public static Task CheckUpsertAsync(
        HttpContext http, AppDbContext db, Caller caller, OrgTree tree, TimeProvider clock,
        IVersioned? record, Noun noun, string entity, string key, int? bodyVersion, CancellationToken ct) =>
        CheckAsync(http, db, caller, tree, clock, record ?? Unsaved.Instance, noun, entity, key, bodyVersion, ct);

    /// <summary>What a record is called in the refusal: "该项目" / "This project".</summary>
    public sealed record Noun(string Zh, string En)
    {
        public static readonly Noun Project = new("该项目", "This project");
        public static readonly Noun Enterprise = new("该企业", "This enterprise");
        public static readonly Noun Lead = new("该线索", "This lead");
        public static readonly Noun Problem = new("该问题", "This problem");
        public static readonly Noun Notice = new("该督办单", "This supervision notice");
        public static readonly Noun Factors = new("该项目的要素保障表", "This project's factor sheet");
        public static readonly Noun Procedure = new("该审批手续", "This approval");
        public static readonly Noun Plan = new("该年度计划", "This plan entry");
        public static readonly Noun Report = new("该月报", "This monthly report");
        public static readonly Noun Schedule = new("该项目的进度计划", "This project's schedule");
        public static readonly Noun WorkItem = new("该形象进度事项", "This work item");
        public static readonly Noun LightRules = new("该红黄灯规则", "These light rules");
        public static readonly Noun Robot = new("该群机器人", "This group robot");
        public static readonly Noun EnterpriseMonth = new("该企业月度数据", "This enterprise's month");
        public static readonly Noun IndicatorValue = new("该指标数据", "This indicator value");
        public static readonly Noun IndicatorTarget = new("该指标目标", "This indicator target");
        public static readonly Noun UnitTarget = new("该目标任务", "This target");
        public static readonly Noun Meeting = new("该会议", "This meeting");
        public static readonly Noun Inspection = new("该调研检查", "This inspection");
        public static readonly Noun PromotionEvent = new("该招商活动", "This promotion event");
        public static readonly Noun KeyInvestor = new("该客商", "This investor");
        public static readonly Noun PromotionTask = new("该招商任务", "This promotion task");
        public static readonly Noun TargetEnterprise = new("该目标企业", "This target enterprise");
        public static readonly Noun PromotionChain = new("该产业链", "This chain");
        public static readonly Noun Campaign = new("该活动", "This campaign");
    }

    /// <summary>
    /// For a page's edit form: the refusal (to show with <c>StaleAlert</c>, answering 409) when the form was
    /// rendered with another version than the record's as read, else null. Run before anything is changed. A
    /// record not there yet (an upsert's) counts as version 0, as in <see cref="CheckUpsertAsync"/>.
    /// </summary>
    public static async Task<StaleException?> FormAsync(
        AppDbContext db, Caller caller, OrgTree tree, TimeProvider clock,
        IVersioned? record, int? formVersion, Noun noun, string entity, string key, CancellationToken ct) =>
        formVersion is { } version && version != (record?.Version ?? 0)
            ? await StaleAsync(db, caller, tree, clock, record?.Version ?? 0, version, noun, entity, key, precondition: false, ct)
            : null;

    /// <summary>
    /// The refusal of a save made from <paramref name="expected"/> when the record is at <paramref name="current"/>:
    /// who changed it last and when, in the desk's time, and the changes since, read from the audit log.
    /// </summary>
    public static async Task<StaleException> StaleAsync(
        AppDbContext db, Caller caller, OrgTree tree, TimeProvider clock, int current, int expected, Noun noun, string entity, string key, bool precondition, CancellationToken ct)
    {
        var recent = await AuditApi.Visible(db.AuditEntries.AsNoTracking().Where(a => a.Entity == entity && a.EntityKey == key), caller, tree)
            .OrderByDescending(a => a.Id).Take(20).ToListAsync(ct);
        var since = recent.Where(a => VersionOf(a.After) is { } v && v > expected).OrderBy(a => a.Id).ToList();
        var changes = since.Select(AuditText.Sentence).ToList();
        var text = since.LastOrDefault() is { } last ? Said(noun, last, clock) : new(
            $"{noun.Zh}已被他人修改，请查看最新内容后再保存（未作任何更改）",
            $"{noun.En} was changed by someone else; review the latest and save again (nothing was changed)");
        return new StaleException(text, current, changes, precondition);
    }

    private static Text Said(Noun noun, AuditEntry last, TimeProvider clock)
    {
        var at = DeskDate.Local(last.At);
        var sameDay = DeskDate.Of(last.At) == DeskDate.Today(clock);
        var when = sameDay ? new Text(at.ToString("HH:mm", CultureInfo.InvariantCulture), at.ToString("HH:mm", CultureInfo.InvariantCulture)) : AuditText.When(last.At);
        var who = AuditText.Who(last.Actor);
        return new(
            $"{noun.Zh}已被他人（{who.Zh}）于 {when.Zh} 修改，请查看最新内容后再保存（未作任何更改）",
            $"{noun.En} was changed by someone else ({who.En}) at {when.En}; review the latest and save again (nothing was changed)");
    }

    /// <summary>The version an audit entry's values record, if any.</summary>
    private static int? VersionOf(string? values)
    {
        if (values is null)
        {
            return null;
        }

        try
        {
            using var json = JsonDocument.Parse(values);
            return json.RootElement.TryGetProperty("version", out var v) && v.TryGetInt32(out var n) ? n : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
