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

    public static DateOnly ParseDate(string? text, CliConsole console, string field = "asOf") => DeskDate.AsOf(text, console.Clock, field, typed: true);
}
