using System.CommandLine;
using System.Globalization;
using Keystone.Core;
using Keystone.Core.Data;
using Keystone.Core.Units;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Cli;

/// <summary>The scope, year and as-of date the figures, briefing and period commands share.</summary>
public static class ScopeOptions
{
    public static Option<string> Scope() => new("--scope") { Description = "单位（名称、路径或编号）/ the unit (name, path or id)", Required = true };

    public static Option<int?> Year() => new("--year") { Description = "计划年度（默认为截至日期所在年）/ the plan year (default: the as-of date's year)" };

    public static Option<string?> AsOf() => new("--as-of") { Description = "截至日期 yyyy-MM-dd（默认今天）/ the as-of date (default today)" };

    public static DateOnly ParseDate(string? text, CliConsole console, string field = "asOf")
    {
        if (text is null)
        {
            return DateOnly.FromDateTime(console.Clock.GetLocalNow().DateTime);
        }

        if (DateOnly.TryParseExact(text.Trim(), ["yyyy-MM-dd", "yyyy-M-d", "yyyyMMdd", "yyyy/M/d"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return SaneDate.Check(date, field);
        }

        throw new DomainException(new($"日期“{text}”应写作 2024-04-10", $"The date \"{text}\" should look like 2024-04-10"), field);
    }

    public static async Task<OrgTree> TreeAsync(AppDbContext db, CancellationToken ct) =>
        new(await db.OrgUnits.AsNoTracking().Select(u => new OrgUnitInfo(u.Id, u.Name, u.Kind, u.ParentId)).ToListAsync(ct));
}
