using System.Globalization;
using Keystone.Core;
using Keystone.Core.Desk;
using Keystone.Core.Enterprises;
using Keystone.Core.Enterprises.Service;
using Keystone.Core.Ledger;
using Keystone.Core.Progress;
using Keystone.Core.Projects;
using Keystone.Core.Units;

namespace Keystone.Features.Enterprises;

/// <summary>
/// The register's facts of an enterprise; amounts in 万元, the month it entered as "2024-03". <c>chain</c> and
/// <c>link</c> (产业链 · 环节) are its place on one of its owner unit's chain maps, the same fact the map shows: a
/// write of the profile sets them too (both empty: on no chain).
/// </summary>
public sealed record ProfileDto(
    string? IndustryCode, string? IndustryName, bool AboveScale, string? AboveScaleSince, bool ChainLeader, int? Employees,
    decimal? LastYearOutput, decimal? LastYearRevenue, string? Address, string? Contact, string? Phone, string? Chain = null, string? Link = null)
{
    public static ProfileDto Of(EnterpriseProfile p, ChainPlace? place = null) => new(
        p.IndustryCode, p.IndustryName, p.AboveScale, p.AboveScaleSince?.ToString(), p.ChainLeader, p.Employees,
        p.LastYearOutput?.Wan, p.LastYearRevenue?.Wan, p.Address, p.Contact, p.Phone, place?.Chain, place?.Link);

    /// <summary>The profile the input describes; every bad field at once.</summary>
    public EnterpriseProfile ToProfile()
    {
        var errors = new List<DomainException>();
        var since = AboveScaleSince is { Length: > 0 } s ? Web.ApiSupport.Try(errors, "profile.aboveScaleSince", () => Period.Parse(s)) : (Period?)null;
        Web.ApiSupport.ThrowIfAny(errors);
        try
        {
            return new EnterpriseProfile
            {
                IndustryCode = IndustryCode,
                IndustryName = IndustryName,
                AboveScale = AboveScale,
                AboveScaleSince = since,
                ChainLeader = ChainLeader,
                Employees = Employees,
                LastYearOutput = LastYearOutput is { } o ? new Money(o) : null,
                LastYearRevenue = LastYearRevenue is { } r ? new Money(r) : null,
                Address = Address,
                Contact = Contact,
                Phone = Phone,
            }.Checked();
        }
        catch (ValidationException e)
        {
            throw new ValidationException(e.Errors.Select(x => new DomainException(x.Text, "profile." + x.Field)).ToList());
        }
    }
}

/// <summary>An enterprise's liaison officer: <c>userName</c> when it is a user of the system.</summary>
public sealed record LiaisonDto(string? UserName, string Name, string? Department);

/// <summary>PUT /api/enterprises/{uscc}/liaison; <paramref name="Version"/> is the enterprise's version as read (optional: 乐观并发).</summary>
public sealed record LiaisonInput(string? UserName, string? Name, string? Department, int? Version = null);

/// <summary>One row of the register list.</summary>
public sealed record EnterpriseItem(
    string Uscc, string Name, string Owner, ProfileDto Profile, LiaisonDto? Liaison, int VisitsThisMonth, DateOnly? LastVisit, bool InPool, string? PoolExpected)
{
    /// <summary>The enterprise's version (its ETag on GET /api/enterprises/{uscc}): what an edit sends back as If-Match or <c>version</c>.</summary>
    public int Version { get; init; }

    public static EnterpriseItem Of(EnterpriseRow r, OrgTree tree, IReadOnlyDictionary<int, string> users) => new(
        r.Enterprise.Uscc.Value, r.Enterprise.Name, tree.PathOf(r.Enterprise.OwnerUnitId), ProfileDto.Of(r.Enterprise.Profile, r.Place),
        LiaisonOf(r.Enterprise, users), r.VisitsThisMonth, r.LastVisit, r.InPool, r.PoolExpected?.ToString())
    {
        Version = r.Enterprise.Version,
    };

    public static LiaisonDto? LiaisonOf(Enterprise e, IReadOnlyDictionary<int, string> users) =>
        e.Liaison is { } l ? new LiaisonDto(l.UserId is { } id ? users.GetValueOrDefault(id) : null, l.Name, l.Department) : null;
}

/// <summary>What a register import did: counts, each row's change, every problem.</summary>
public sealed record RegisterReport(
    string Sheet, int HeaderRow, bool Applied, int New, int Updated, int Unchanged, IReadOnlyList<RegisterChange> Changes, IReadOnlyList<ProblemReport> Problems)
{
    public static RegisterReport Of(RegisterImportResult r, CultureInfo culture) => new(
        r.Sheet, r.HeaderRow, r.Applied, r.New, r.Updated, r.Unchanged, r.Changes,
        r.Problems.Select(p => new ProblemReport(p.Sheet, p.Row, p.Column, p.Value, p.Reason.For(culture))).ToList());
}

public sealed record VisitProblemDto(string? Title, string? Category, string? Deadline, string? Department, string? Detail);

/// <summary>A visit to record: the enterprise by credit code; the visitor is the caller unless named.</summary>
public sealed record VisitInput(string? Uscc, string? VisitedOn, string? Visitor, string? Met, string? Topics, IReadOnlyList<VisitProblemDto>? Problems);

public sealed record VisitDto(int Id, string Uscc, string Enterprise, DateOnly VisitedOn, string Visitor, string Met, string? Topics, string Unit, IReadOnlyList<string> Problems)
{
    public static VisitDto Of(EnterpriseVisit v, IReadOnlyList<string> problems, OrgTree tree) =>
        new(v.Id, v.Enterprise?.Uscc.Value ?? "", v.Enterprise?.Name ?? "", v.VisitedOn, v.Visitor, v.Met, v.Topics, tree.Contains(v.OrgUnitId) ? tree.PathOf(v.OrgUnitId) : "", problems);
}

public sealed record CoverageEnterprise(string Uscc, string Name);

/// <summary>An officer's month: assigned, visited, the rate ("—" when nothing is assigned) and the enterprises not yet visited.</summary>
public sealed record OfficerCoverageDto(string Officer, string? Department, int Assigned, int Visited, string Rate, IReadOnlyList<CoverageEnterprise> Unvisited);

public sealed record CoverageDto(string Month, int Assigned, int Visited, string Rate, IReadOnlyList<OfficerCoverageDto> Officers)
{
    public static CoverageDto Of(CoverageResult c, IReadOnlyDictionary<int, string> usccs) => new(
        c.Month.ToString(), c.Assigned, c.Visited, RateText(c.Rate),
        c.Officers.Select(o => new OfficerCoverageDto(o.Officer.Name, o.Department, o.Assigned.Count, o.Visited.Count, RateText(o.Rate),
            o.Unvisited.Select(a => new CoverageEnterprise(usccs.GetValueOrDefault(a.EnterpriseId, ""), a.Enterprise)).ToList())).ToList());

    public static string RateText(Percent? rate) => ChineseFormat.Percent(rate);
}

public sealed record VisitsAnswer(string Month, CoverageDto Coverage, IReadOnlyList<VisitDto> Visits);

public sealed record PoolInput(string? Uscc, string? ProjectCode, string? Sector, string? ExpectedMonth, string? Note);

public sealed record EnterInput(string? Month);

/// <summary>A pool candidate with its progress: year-to-date revenue, share of the threshold, the year's projection.</summary>
public sealed record PoolItem(
    int Id, string Name, string? Uscc, string? ProjectCode, string Sector, string ExpectedMonth, string? EnteredMonth, string? Note,
    decimal Threshold, decimal YearToDate, int MonthsReported, decimal? Projected, string Share, bool OnTrack, bool Overdue)
{
    public static PoolItem Of(PoolRow r) => new(
        r.Entry.Id, r.Name, r.Uscc, r.ProjectCode, r.Entry.Sector, r.Entry.ExpectedMonth.ToString(), r.Entry.EnteredMonth?.ToString(), r.Entry.Note,
        r.Standing.Threshold.Wan, r.Standing.YearToDate.Wan, r.Standing.MonthsReported, r.Standing.Projected?.Wan, ChineseFormat.Percent(r.Standing.Share),
        r.Standing.OnTrack, r.Standing.Overdue);
}

/// <summary>A month's figures (万元); <paramref name="Version"/> is the month's version as read (optional: 乐观并发; a month not filed yet has none).</summary>
public sealed record MonthInput(decimal? Output, decimal? Revenue, decimal? Tax, int? Employees, int? Version = null);

public sealed record ReviewInput(string? Comment);

/// <summary>One month's figures of an enterprise (万元), with its review.</summary>
public sealed record MonthDto(string Period, decimal? Output, decimal? Revenue, decimal? Tax, int? Employees, ReportStatus Status, string ReportedBy, string? ReviewedBy, string? ReviewComment, string? Source)
{
    /// <summary>The month's version (the ETag of its PUT's answer): what a revision sends back as If-Match or <c>version</c>.</summary>
    public int Version { get; init; }

    public static MonthDto Of(EnterpriseMonth m) => new(
        m.Period.ToString(), m.Output?.Wan, m.Revenue?.Wan, m.Tax?.Wan, m.Employees, m.Status, m.ReportedBy, m.ReviewedBy, m.ReviewComment, m.Source)
    {
        Version = m.Version,
    };
}

/// <summary>What a figures import did: the month and where it came from, counts (new, replaced), each row, every problem.</summary>
public sealed record FiguresReport(
    string Sheet, int HeaderRow, string? Period, string? PeriodSource, bool Cumulative, bool Applied, int New, int Replaced, int Created,
    IReadOnlyList<FiguresReportRow> Rows, IReadOnlyList<ProblemReport> Problems, string Summary)
{
    public static FiguresReport Of(FiguresImportResult r, System.Globalization.CultureInfo culture)
    {
        var en = culture.TwoLetterISOLanguageName == "en";
        return new(
            r.Sheet, r.HeaderRow, r.Period?.ToString(), r.PeriodSource?.ToString().ToLowerInvariant(), r.Cumulative, r.Applied, r.New, r.Replaced, r.Created,
            r.Changes.Select(c => new FiguresReportRow(c.Row, c.Uscc, c.Name, c.Kind == ChangeKind.New ? "new" : "replaced", c.Figures.Output?.Wan, c.Figures.Revenue?.Wan, c.Figures.Tax?.Wan, c.Figures.Employees)).ToList(),
            r.Problems.Select(p => new ProblemReport(p.Sheet, p.Row, p.Column, p.Value, p.Reason.For(culture))).ToList(),
            r.Problems.Count > 0 ? "" : PeriodLine(r, en) + (en ? "; " : "；") + CountLine(r, en));
    }

    public static string PeriodLine(FiguresImportResult r, bool en) => r.Period is not { } p ? ""
        : en ? $"Month {p} (from {(r.PeriodSource == Core.Enterprises.Service.PeriodSource.Title ? "the file's title" : "--period")}){(r.Cumulative ? "; year-to-date totals, less the approved earlier months" : "")}"
        : $"月份：{p.Year}年{p.Month}月（{(r.PeriodSource == Core.Enterprises.Service.PeriodSource.Title ? "取自文件标题" : "取自 --period")}）{(r.Cumulative ? "；累计数已减去此前已审核月份" : "")}";

    public static string CountLine(FiguresImportResult r, bool en) => en
        ? $"{(r.Applied ? "Imported" : "Checked (dry run)")}: {r.New} new, {r.Replaced} replaced{(r.Created > 0 ? $", {r.Created} enterprise(s) registered" : "")} (source 统计局, approved)"
        : $"{(r.Applied ? "已导入" : "检查通过（未写入）")}：新增{r.New}条，替换{r.Replaced}条{(r.Created > 0 ? $"，新登记企业{r.Created}家" : "")}（来源：统计局，已审核）";
}

public sealed record FiguresReportRow(int Row, string Uscc, string Name, string Kind, decimal? Output, decimal? Revenue, decimal? Tax, int? Employees);
