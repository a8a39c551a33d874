using System.Globalization;
using Keystone.Core;
using Keystone.Core.Accounts;
using Keystone.Core.Data;
using Keystone.Core.Desk;
using Keystone.Core.Plans;
using Keystone.Core.Units;
using Keystone.Features.Figures;
using Keystone.Web;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Components;

/// <summary>The scope a desk page shows: a unit the caller may see, a plan year, and the as-of date.</summary>
public sealed record DeskScope(OrgUnitInfo Unit, int Year, DateOnly AsOf, bool HasPlan)
{
    /// <summary>
    /// The unit, year and date a page was asked for: the caller's own unit, the current plan year (else the
    /// latest), and the scope's data date in that year (<see cref="ScopeDesk.DataDateAsync"/>: today while it
    /// reports, else the end of its latest reported month). A unit the caller may not see is "not found"; a
    /// date that is not one is refused.
    /// </summary>
    public static async Task<DeskScope> ResolveAsync(AppDbContext db, Caller caller, OrgTree tree, TimeProvider clock, string? scope, int? year, string? asOf, CancellationToken ct = default)
    {
        var unit = caller.Resolve(tree, string.IsNullOrWhiteSpace(scope) ? null : scope);
        var today = DeskDate.Today(clock);
        DateOnly? date = string.IsNullOrWhiteSpace(asOf) ? null : DeskDate.AsOf(asOf, clock);
        var y = AnnualPlan.CheckYear(year ?? date?.Year ?? await PlanTotals.DefaultYearAsync(db, today.Year, ct) ?? today.Year);

        var day = date ?? await ScopeDesk.DataDateAsync(db, tree, unit, y, today, ct);
        var hasPlan = await db.AnnualPlans.AnyAsync(a => a.Year == y, ct);
        return new DeskScope(unit, y, day, hasPlan);
    }

    /// <summary>
    /// The day an API answer is judged as of: <paramref name="asOf"/> when given, else the data date of the
    /// scope (the caller's own unit without one), the day the matching page opens at. A bad date is refused.
    /// </summary>
    public static async Task<DateOnly> AsOfAsync(AppDbContext db, Caller caller, OrgTree tree, TimeProvider clock, string? scope, int? year, string? asOf, CancellationToken ct = default) =>
        (await ResolveAsync(db, caller, tree, clock, scope, year, asOf, ct)).AsOf;
}

/// <summary>
/// What every desk page shares: the database, the clock, the <see cref="Caller"/> every query is scoped by,
/// the org tree, and a refusal shown on the page (with its status code) instead of an error page.
/// </summary>
public abstract class DeskPage : ComponentBase
{
    [Inject]
    public AppDbContext Db { get; set; } = null!;

    [Inject]
    public TimeProvider Clock { get; set; } = null!;

    [Inject]
    public Caller Caller { get; set; } = null!;

    [Inject]
    public NavigationManager Nav { get; set; } = null!;

    [CascadingParameter]
    public HttpContext? Http { get; set; }

    /// <summary>The header's 截至 date, set once the page knows its scope.</summary>
    [Inject]
    public ShownAsOf Shown { get; set; } = null!;

    protected OrgTree Tree { get; private set; } = null!;

    /// <summary>Why the page cannot show what was asked, in the reader's language.</summary>
    protected string? Problem { get; set; }

    protected static string T(string zh, string en) => L.T(zh, en);

    protected DateOnly Today => DeskDate.Today(Clock);

    /// <summary>The page's own path and query, for the language switch to come back to.</summary>
    protected string Here => "/" + Nav.ToBaseRelativePath(Nav.Uri);

    protected async Task LoadTreeAsync() => Tree = await Db.LoadTreeAsync(CancellationToken.None);

    /// <summary>The scope asked for (see <see cref="DeskScope.ResolveAsync"/>), or null with <see cref="Problem"/> set.</summary>
    protected async Task<DeskScope?> ScopeAsync(string? scope, int? year, string? asOf)
    {
        Tree ??= await Db.LoadTreeAsync(CancellationToken.None);
        var resolved = await Guard(() => DeskScope.ResolveAsync(Db, Caller, Tree, Clock, scope, year, asOf));
        if (resolved is not null)
        {
            Shown.Show(resolved.AsOf);
        }

        return resolved;
    }

    /// <summary>The 截至 date chosen in the URL (see <see cref="DeskAsOf"/>), null while the page opens at its data date.</summary>
    protected string? ChosenAsOf => DeskAsOf.Chosen(Http);

    /// <summary>A link to another desk page that keeps the chosen 截至 date.</summary>
    protected string Carry(string href) => DeskAsOf.Carry(href, ChosenAsOf);

    /// <summary>Runs a step, turning a refusal into <see cref="Problem"/> and the matching status code.</summary>
    protected async Task<T?> Guard<T>(Func<Task<T>> step)
        where T : class
    {
        try
        {
            return await step();
        }
        catch (NotFoundException e)
        {
            Refuse(L.T(e.Text), StatusCodes.Status404NotFound);
        }
        catch (ValidationException e)
        {
            Refuse(string.Join(L.English ? "; " : "；", e.Errors.Select(x => L.T(x.Text))), StatusCodes.Status400BadRequest);
        }
        catch (DomainException e)
        {
            Refuse(L.T(e.Text), StatusCodes.Status400BadRequest);
        }

        return null;
    }

    protected void Refuse(string message, int status)
    {
        Problem = message;
        if (status == StatusCodes.Status404NotFound && Http is { Response.HasStarted: false })
        {
            // A page that sets 404 itself is sent without a body; the router's not-found page says why instead.
            Http.Items[NotFoundPage.MessageKey] = message;
            Nav.NotFound();
            return;
        }

        if (Http is { Response.HasStarted: false } http)
        {
            http.Response.StatusCode = status;
            // The page says what is wrong itself; the status code pages would replace it with bare JSON.
            if (http.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodePagesFeature>() is { } pages)
            {
                pages.Enabled = false;
            }
        }
    }

    /// <summary>Why the last save was refused as stale (乐观并发), with what the others changed; shown by <c>StaleAlert</c>.</summary>
    protected StaleException? Stale { get; private set; }

    /// <summary>
    /// An edit form's check of the record it changes against the version the form was rendered with (its hidden
    /// <c>version</c>): a save from an older one throws <see cref="StaleException"/> before anything is changed.
    /// <paramref name="describe"/> names the record as the refusal and the audit log do.
    /// </summary>
    protected Func<IVersioned, Task> FormCheck(int? version, Func<IVersioned, (Concurrency.Noun Noun, string Entity, string Key)> describe) =>
        async record =>
        {
            var (noun, entity, key) = describe(record);
            if (await Concurrency.FormAsync(Db, Caller, await Db.LoadTreeAsync(CancellationToken.None), Clock, record, version, noun, entity, key, CancellationToken.None) is { } stale)
            {
                throw stale;
            }
        };

    /// <summary>Shows a stale save's refusal above the form, answering 409; the page then shows the latest with the input kept.</summary>
    protected void RefuseStale(StaleException stale)
    {
        Stale = stale;
        if (Http is { Response.HasStarted: false } http)
        {
            http.Response.StatusCode = StatusCodes.Status409Conflict;
            if (http.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodePagesFeature>() is { } pages)
            {
                pages.Enabled = false;
            }
        }
    }

    /// <summary>
    /// A save that lost the race — someone saved the record between this page's read and its write, so the
    /// database refused the write (<see cref="DbUpdateConcurrencyException"/>): refused as stale, as of the
    /// record now; the tracked changes are dropped so the page reads the latest.
    /// </summary>
    protected async Task RefuseRaceAsync(DbUpdateConcurrencyException race, int? version, Func<IVersioned, (Concurrency.Noun Noun, string Entity, string Key)> describe)
    {
        ArgumentNullException.ThrowIfNull(race);
        var entry = race.Entries.FirstOrDefault(e => e.Entity is IVersioned);
        var record = entry?.Entity as IVersioned;
        var read = entry is null ? 0 : (int)entry.Property(Versioning.Property).OriginalValue!;
        var now = entry is null ? null : await entry.GetDatabaseValuesAsync();
        Db.ChangeTracker.Clear();
        if (record is null)
        {
            throw race;
        }

        var (noun, entity, key) = describe(record);
        var current = now?.GetValue<int>(Versioning.Property) ?? read;
        RefuseStale(await Concurrency.StaleAsync(Db, Caller, await Db.LoadTreeAsync(CancellationToken.None), Clock, current, version ?? read, noun, entity, key, precondition: false, CancellationToken.None));
    }

    protected static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    /// <summary>A path with the given query parameters, the empty ones left out.</summary>
    protected static string Link(string path, params (string Key, object? Value)[] query) => Links.To(path, query);
}

public static class Links
{
    /// <summary><paramref name="path"/> with the given query parameters added, the empty ones left out.</summary>
    public static string To(string path, params (string Key, object? Value)[] query)
    {
        var parts = query
            .Select(q => (q.Key, Value: q.Value switch
            {
                null => null,
                DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                var v => v.ToString(),
            }))
            .Where(q => !string.IsNullOrEmpty(q.Value))
            .Select(q => q.Key + "=" + Uri.EscapeDataString(q.Value!));
        var joined = string.Join("&", parts);
        // A path may already carry a query (a link built by Links.To itself): the parameters join it.
        return joined.Length == 0 ? path : path + (path.Contains('?', StringComparison.Ordinal) ? "&" : "?") + joined;
    }

    public static string Project(string code) => "/projects/" + Uri.EscapeDataString(code);

    /// <summary>The units a caller may choose, depth first from its own, each with its depth for indenting.</summary>
    public static IEnumerable<(OrgUnitInfo Unit, int Depth)> Units(OrgTree tree, Caller caller) => Units(tree, caller, _ => true);

    /// <summary>The units depth first from the caller's own, going below a unit only when <paramref name="opened"/> says so.</summary>
    private static IEnumerable<(OrgUnitInfo Unit, int Depth)> Units(OrgTree tree, Caller caller, Func<OrgUnitInfo, bool> opened)
    {
        if (!tree.Contains(caller.UnitId))
        {
            yield break;
        }

        var stack = new Stack<(OrgUnitInfo, int)>();
        stack.Push((tree[caller.UnitId], 0));
        while (stack.Count > 0)
        {
            var (unit, depth) = stack.Pop();
            yield return (unit, depth);
            if (!opened(unit))
            {
                continue;
            }

            foreach (var child in tree.ChildrenOf(unit.Id).Reverse())
            {
                stack.Push((child, depth + 1));
            }
        }
    }

    /// <summary>Up to this many units a desk's unit picker lists every unit the caller sees; beyond it, the way to the scope.</summary>
    public const int PickAllUpTo = 300;

    /// <summary>
    /// The units a desk's unit picker offers with <paramref name="scopeId"/> chosen: every unit the caller sees when they
    /// are few (a province's); for a larger tree (the nation's thousands) the way from the caller's unit down to the scope
    /// with the units beside each step and the scope's children — one level down at a time, each choice a page away.
    /// </summary>
    public static IEnumerable<(OrgUnitInfo Unit, int Depth)> ScopeUnits(OrgTree tree, Caller caller, int scopeId)
    {
        ArgumentNullException.ThrowIfNull(tree);
        ArgumentNullException.ThrowIfNull(caller);
        if (!tree.Contains(caller.UnitId) || tree.Subtree(caller.UnitId).Count <= PickAllUpTo || !tree.Contains(scopeId) || !tree.IsWithin(scopeId, caller.UnitId))
        {
            return Units(tree, caller);
        }

        // The units on the way down: a unit is offered when its parent is on it (or it is the caller's own).
        var way = new HashSet<int>();
        for (int? id = scopeId; id is { } step; id = step == caller.UnitId ? null : tree[step].ParentId)
        {
            way.Add(step);
        }

        return Units(tree, caller, unit => way.Contains(unit.Id));
    }

    /// <summary>A period from a query value, or null for none or nonsense (a link, not a form to correct).</summary>
    public static Period? TryPeriod(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            return Period.Parse(text);
        }
        catch (DomainException)
        {
            return null;
        }
    }
}
