namespace Keystone.Core.Units;

/// <summary>One org unit as the tree needs it.</summary>
public sealed record OrgUnitInfo(int Id, string Name, OrgUnitKind Kind, int? ParentId);

/// <summary>
/// A snapshot of the org-unit hierarchy (a few thousand rows at most: provinces, cities, zones, counties),
/// used to resolve a scope name and to list the units below one. Kept in memory and rebuilt per request
/// or command rather than stored as paths, so renaming or moving a unit never leaves stale copies behind.
/// </summary>
public sealed class OrgTree
{
    private readonly Dictionary<int, OrgUnitInfo> byId;
    private readonly ILookup<int?, OrgUnitInfo> byParent;

    public OrgTree(IEnumerable<OrgUnitInfo> units)
    {
        byId = units.ToDictionary(u => u.Id);
        byParent = byId.Values.OrderBy(u => u.Name, StringComparer.Ordinal).ToLookup(u => u.ParentId);
    }

    public IEnumerable<OrgUnitInfo> All => byId.Values;

    public IEnumerable<OrgUnitInfo> Roots => byParent[null];

    public OrgUnitInfo this[int id] => byId[id];

    public bool Contains(int id) => byId.ContainsKey(id);

    public IEnumerable<OrgUnitInfo> ChildrenOf(int id) => byParent[id];

    /// <summary>The unit and every unit below it.</summary>
    public IReadOnlyList<int> Subtree(int id)
    {
        var result = new List<int>();
        var stack = new Stack<int>();
        stack.Push(id);
        while (stack.Count > 0)
        {
            var current = stack.Pop();
            result.Add(current);
            foreach (var child in byParent[current])
            {
                stack.Push(child.Id);
            }
        }

        return result;
    }

    /// <summary>The province <paramref name="id"/> is or lies under; null for a unit not in the tree or above the provinces (the nation).</summary>
    public OrgUnitInfo? ProvinceOf(int id)
    {
        for (int? current = id; current is { } c && byId.TryGetValue(c, out var unit); current = unit.ParentId)
        {
            if (unit.Kind == OrgUnitKind.Province)
            {
                return unit;
            }
        }

        return null;
    }

    /// <summary>Whether <paramref name="id"/> is <paramref name="ancestor"/> or lies below it.</summary>
    public bool IsWithin(int id, int ancestor)
    {
        for (int? current = id; current is { } c; current = byId[c].ParentId)
        {
            if (c == ancestor)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>"山西省/阳泉市/阳泉高新区".</summary>
    public string PathOf(int id)
    {
        var names = new List<string>();
        for (int? current = id; current is { } c; current = byId[c].ParentId)
        {
            names.Add(byId[c].Name);
        }

        names.Reverse();
        return string.Join('/', names);
    }

    /// <summary>
    /// Finds a unit by id ("12"), by name ("阳泉高新区") or by path ("阳泉市/城区", any trailing part of the
    /// full path). A name two units share is refused with both paths, so the caller can say which.
    /// <paramref name="among"/> limits the search to the units a caller may see: one outside them is not
    /// found, and never named among the candidates of an ambiguous name.
    /// </summary>
    public OrgUnitInfo Resolve(string scope, Func<int, bool>? among = null)
    {
        var s = (scope ?? "").Trim().Trim('/');
        if (s.Length == 0)
        {
            throw new DomainException(new("请指定单位（名称、路径或编号）", "Name a unit (by name, path or id)"), "scope");
        }

        if (int.TryParse(s, out var id) && byId.TryGetValue(id, out var byNumber) && (among is null || among(id)))
        {
            return byNumber;
        }

        var parts = s.Split('/', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var matches = byId.Values
            .Where(u => u.Name == parts[^1] && EndsWith(u, parts) && (among is null || among(u.Id)))
            .ToList();
        return matches.Count switch
        {
            1 => matches[0],
            0 => throw new NotFoundException(new($"找不到单位“{s}”", $"No unit named \"{s}\"")),
            _ => throw new DomainException(
                new($"有多个单位叫“{s}”：{string.Join("、", matches.Select(m => PathOf(m.Id)))}，请写出上级，如“{PathOf(matches[0].Id)}”",
                    $"Several units are named \"{s}\": {string.Join(", ", matches.Select(m => PathOf(m.Id)))}; name the parent too, e.g. \"{PathOf(matches[0].Id)}\""),
                "scope"),
        };
    }

    private bool EndsWith(OrgUnitInfo unit, string[] parts)
    {
        int? current = unit.Id;
        for (var i = parts.Length - 1; i >= 0; i--)
        {
            if (current is not { } c || byId[c].Name != parts[i])
            {
                return false;
            }

            current = byId[c].ParentId;
        }

        return true;
    }
}
