using System.Globalization;
using Keystone.Components;
using Keystone.Core;
using Keystone.Core.Accounts;
using Keystone.Core.Briefings;
using Keystone.Core.Data;
using Keystone.Core.Desk;
using Keystone.Core.Figures;
using Keystone.Core.Lights;
using Keystone.Core.Periods;
using Keystone.Core.Plans;
using Keystone.Core.Projects;
using Keystone.Core.Units;

namespace Keystone.Features.Projects;

/// <summary>The ledger's filters resolved against the caller's scope: what to list, and the lights when filtered by one.</summary>
public sealed record LedgerSelection(DeskScope Scope, ProjectListQuery Query, IReadOnlyDictionary<int, ProjectLight>? Lights);

/// <summary>
/// The ledger page's filters exactly as they stand in its URL (/projects?unit=…&amp;level=…), shared by the
/// page and its export so "export what I see" exports what was seen.
/// </summary>
public sealed record LedgerFilters
{
    public const int DefaultPageSize = 50;

    public static readonly int[] PageSizes = [20, 50, 100, 200];

    public string? Unit { get; init; }

    public int? Year { get; init; }

    public string? AsOf { get; init; }

    public string? Level { get; init; }

    public string? Category { get; init; }

    public string? Chain { get; init; }

    public string? Nature { get; init; }

    public string? Status { get; init; }

    /// <summary>red, yellow, green, or lit (red or yellow).</summary>
    public string? Light { get; init; }

    public string? Q { get; init; }

    public string? Sort { get; init; }

    public bool Desc { get; init; }

    public int Page { get; init; } = 1;

    public int Size { get; init; } = DefaultPageSize;

    public static LedgerFilters From(IQueryCollection query)
    {
        string? Get(string key) => query.TryGetValue(key, out var v) && v.ToString() is { Length: > 0 } s ? s.Trim() : null;
        int? Int(string key) => Get(key) is { } s && int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;
        return new LedgerFilters
        {
            Unit = Get("unit"),
            Year = Int("year"),
            AsOf = Get("asOf"),
            Level = Get("level"),
            Category = Get("category"),
            Chain = Get("chain"),
            Nature = Get("nature"),
            Status = Get("status"),
            Light = Get("light"),
            Q = Get("q"),
            Sort = Get("sort"),
            Desc = Get("desc") is "1" or "true",
            Page = Math.Max(1, Int("page") ?? 1),
            Size = Int("size") is { } size && PageSizes.Contains(size) ? size : DefaultPageSize,
        };
    }

    /// <summary>The filters as query parameters (page and size left to the caller), for links and the export.</summary>
    public (string Key, object? Value)[] Parameters(DeskScope scope) =>
    [
        ("unit", scope.Unit.Id), ("year", scope.Year), ("asOf", AsOf), ("level", Level), ("category", Category), ("chain", Chain),
        ("nature", Nature), ("status", Status), ("light", Light), ("q", Q), ("sort", Sort), ("desc", Desc ? "1" : null),
    ];

    public bool Filtered => Level is not null || Category is not null || Chain is not null || Nature is not null || Status is not null || Light is not null || Q is not null;

    public async Task<LedgerSelection> ResolveAsync(AppDbContext db, Caller caller, OrgTree tree, TimeProvider clock, CancellationToken ct = default)
    {
        var scope = await DeskScope.ResolveAsync(db, caller, tree, clock, Unit, Year, AsOf, ct);
        var errors = new List<DomainException>();
        ProjectLevels? levels = Level is null ? null : ProjectVocabulary.ParseLevel(Level) ?? FilterValues.Invalid<ProjectLevels>(errors, "level", "项目级别", "level", Level);
        ProjectCategory? category = Category is null ? null : ProjectVocabulary.ParseCategory(Category) ?? FilterValues.Invalid<ProjectCategory>(errors, "category", "项目类别", "category", Category);
        ProjectStatus? status = Status is null ? null : ProjectVocabulary.ParseStatus(Status) ?? FilterValues.Invalid<ProjectStatus>(errors, "status", "项目状态", "status", Status);
        Nature? nature = Nature?.ToLowerInvariant() switch
        {
            null => null,
            "new" or "新建" => Core.Plans.Nature.New,
            "continuing" or "续建" => Core.Plans.Nature.Continuing,
            _ => FilterValues.Invalid<Nature>(errors, "nature", "建设性质", "nature", Nature),
        };
        var sort = Sort?.ToLowerInvariant() switch
        {
            null or "code" => ProjectSort.Code,
            "name" => ProjectSort.Name,
            "unit" => ProjectSort.Unit,
            "total" => ProjectSort.TotalInvestment,
            "plan" => ProjectSort.AnnualPlan,
            "status" => ProjectSort.Status,
            _ => FilterValues.Invalid<ProjectSort>(errors, "sort", "排序", "sort", Sort) ?? ProjectSort.Code,
        };
        var light = FilterValues.Light(Light, errors);
        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }

        IReadOnlyDictionary<int, ProjectLight>? lights = null;
        IReadOnlyCollection<int>? ids = null;
        if (Light is not null)
        {
            // Only the engine knows a light: evaluate the whole scope once, as the cockpit does, then list by id.
            var all = await ScopeDesk.LightsAsync(db, tree, scope.Unit, scope.Year, scope.AsOf, ct);
            lights = all.ToDictionary(l => l.ProjectId);
            ids = all.Where(l => light is { } wanted ? l.Light == wanted : l.Light != Core.Lights.Light.Green).Select(l => l.ProjectId).ToList();
        }

        var wholeTree = scope.Unit.ParentId is null && tree.Roots.Count() == 1;
        var query = new ProjectListQuery
        {
            Year = scope.Year,
            UnitIds = wholeTree ? null : tree.Subtree(scope.Unit.Id),
            Levels = levels,
            Category = category,
            IndustryChain = Chain,
            Nature = nature,
            Status = status,
            ProjectIds = ids,
            Search = Q,
            Sort = sort,
            Descending = Desc,
        };
        return new LedgerSelection(scope, query, lights);
    }
}
