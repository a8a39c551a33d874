using System.Globalization;
using System.Text.Json;
using Keystone.Core.Periods;
using Keystone.Core.Projects;
using Keystone.Core.Schedule;

namespace Keystone.Core.Accounts;

/// <summary>
/// An audit entry as a person would write it, in both languages: what was changed ("年度计划 2024年 · 修改"),
/// who and when (in the desk's time zone), and one line per value that changed, by the field's name in the
/// forms and ledger ("总投资 5亿元 → 6亿元", "状态 提交 → 通过"). Money prints as the newspapers print it
/// (<see cref="ChineseFormat.Money"/>), dates as 2024年3月5日 / 2024-03-05, a schedule's JSON as what changed in it
/// ("节点“主体结构”工期 90天 → 120天"). A field no one named yet still reads as words; no line ever carries
/// JSON braces, quotes or a camelCase identifier.
/// </summary>
public static class AuditText
{
    /// <summary>How one field's value is printed.</summary>
    private enum Kind
    {
        Text,
        Money,
        Date,
        Instant,
        Number,
        Year,
        Bool,
        Percent,
        SquareMetres,
        Mu,
        Count,
        Period,
        ProjectStatus,
        ProjectCategory,
        ProjectLevels,
        Nature,
        ReportStatus,
        Stage,
        Schedule,
        Json,
        Hidden,
    }

    private sealed record Field(string Zh, string En, Kind Kind);

    private static Field F(string zh, string en, Kind kind = Kind.Text) => new(zh, en, kind);

    /// <summary>Fields that read the same in every entity.</summary>
    private static readonly Dictionary<string, Field> Common = new(StringComparer.Ordinal)
    {
        ["name"] = F("名称", "Name"),
        ["code"] = F("编号", "Code"),
        ["status"] = F("状态", "Status"),
        ["reason"] = F("原因", "Reason"),
        ["comment"] = F("意见", "Comment"),
        ["remarks"] = F("备注", "Remarks"),
        ["contact"] = F("联系人", "Contact"),
        ["year"] = F("年度", "Year", Kind.Year),
        ["period"] = F("月份", "Month", Kind.Period),
        ["correctionReason"] = F("更正原因", "Reason for the correction"),
        ["correctedAt"] = F("更正时间", "Corrected at", Kind.Instant),
        ["correctedBy"] = F("更正人", "Corrected by"),
        ["createdAt"] = F("创建时间", "Created at", Kind.Instant),
        ["updatedAt"] = F("更新时间", "Updated at", Kind.Hidden),
        ["projectId"] = F("项目", "Project", Kind.Hidden),
        ["orgUnitId"] = F("所属单位编号", "Unit number", Kind.Number),
        ["enterpriseId"] = F("项目单位编号", "Enterprise number", Kind.Number),
        ["parentId"] = F("上级项目编号", "Parent project number", Kind.Number),
    };

    /// <summary>Per entity, the fields as the forms and the ledger name them.</summary>
    private static readonly Dictionary<string, Dictionary<string, Field>> Fields = new(StringComparer.Ordinal)
    {
        ["project"] = new(StringComparer.Ordinal)
        {
            ["name"] = F("项目名称", "Project name"),
            ["code"] = F("项目编号", "Project code"),
            ["levels"] = F("项目级别", "Level", Kind.ProjectLevels),
            ["category"] = F("项目类别", "Category", Kind.ProjectCategory),
            ["status"] = F("项目状态", "Project status", Kind.ProjectStatus),
            ["industryChain"] = F("产业链", "Industry chain"),
            ["content"] = F("建设内容及规模", "Content and scale"),
            ["totalInvestment"] = F("总投资", "Total investment", Kind.Money),
            ["landArea"] = F("占地面积", "Land area", Kind.Mu),
            ["floorArea"] = F("建筑面积", "Floor area", Kind.SquareMetres),
            ["outputValueTarget"] = F("达产后年产值", "Annual output at capacity", Kind.Money),
            ["taxTarget"] = F("年纳税", "Annual tax", Kind.Money),
            ["jobsTarget"] = F("就业岗位", "Jobs", Kind.Count),
            ["actualStart"] = F("实际开工时间", "Actual start", Kind.Date),
            ["plannedCompletion"] = F("计划竣工时间", "Planned completion", Kind.Date),
            ["responsibleLeader"] = F("责任领导", "Responsible leader"),
            ["responsibleUnit"] = F("责任单位", "Responsible unit"),
            ["problemsNote"] = F("存在问题", "Problems"),
            ["latitude"] = F("纬度", "Latitude", Kind.Number),
            ["longitude"] = F("经度", "Longitude", Kind.Number),
        },
        ["plan"] = new(StringComparer.Ordinal)
        {
            ["year"] = F("计划年度", "Plan year", Kind.Year),
            ["nature"] = F("建设性质", "Nature", Kind.Nature),
            ["plannedInvestment"] = F("年度计划投资", "Annual planned investment", Kind.Money),
            ["plannedStart"] = F("计划开工时间", "Planned start", Kind.Date),
            ["startDate"] = F("本年开复工时间", "Start this year", Kind.Date),
            ["startDateApproximate"] = F("开复工时间仅到月", "Start date to the month only", Kind.Bool),
        },
        ["report"] = new(StringComparer.Ordinal)
        {
            ["period"] = F("填报月份", "Month", Kind.Period),
            ["monthInvestment"] = F("当月完成投资", "Invested in the month", Kind.Money),
            ["yearToDate"] = F("本年完成投资", "Invested this year", Kind.Money),
            ["cumulative"] = F("累计完成投资", "Invested in all", Kind.Money),
            ["imageProgress"] = F("形象进度", "Progress on site"),
            ["problemsMet"] = F("存在问题", "Problems met"),
            ["reportedAt"] = F("填报时间", "Reported at", Kind.Instant),
            ["reportedBy"] = F("填报人", "Reported by"),
            ["status"] = F("状态", "Status", Kind.ReportStatus),
            ["reviewedBy"] = F("审核人", "Reviewed by"),
            ["reviewedAt"] = F("审核时间", "Reviewed at", Kind.Instant),
            ["reviewComment"] = F("审核意见", "Review comment"),
        },
        ["schedule"] = new(StringComparer.Ordinal)
        {
            ["planJson"] = F("工期计划", "Schedule", Kind.Schedule),
        },
        ["workItem"] = new(StringComparer.Ordinal)
        {
            ["group"] = F("地块", "Group"),
            ["name"] = F("单体名称", "Work item"),
            ["stage"] = F("施工阶段", "Stage", Kind.Stage),
            ["stageDone"] = F("阶段已完成", "Stage done", Kind.Bool),
            ["percent"] = F("完成比例", "Share done", Kind.Percent),
        },
    };

    private static readonly Dictionary<string, Text> Entities = new(StringComparer.Ordinal)
    {
        ["project"] = new("项目", "Project"),
        ["plan"] = new("年度计划", "Plan"),
        ["report"] = new("月度进度", "Report"),
        ["schedule"] = new("工期计划", "Schedule"),
        ["workItem"] = new("单体", "Work item"),
        ["photo"] = new("现场照片", "Photo"),
        ["problem"] = new("问题", "Problem"),
        ["notice"] = new("督办单", "Notice"),
        ["factors"] = new("要素保障", "Factors"),
        ["funds"] = new("资金", "Funds"),
        ["emissions"] = new("排放指标", "Emissions"),
        ["procedure"] = new("审批事项", "Procedure"),
        ["lightRules"] = new("红黄绿灯规则", "Light rules"),
        ["closedPeriod"] = new("关账月份", "Closed month"),
        ["robot"] = new("群机器人", "Group robot"),
        ["enterprise"] = new("企业", "Enterprise"),
        ["unit"] = new("单位", "Unit"),
        ["user"] = new("用户", "User"),
        ["token"] = new("令牌", "Token"),
        ["signIn"] = new("登录", "Sign-in"),
        ["session"] = new("会话", "Session"),
        ["calendar"] = new("工作日历", "Calendar"),
    };

    private static readonly Dictionary<string, Text> Actions = new(StringComparer.Ordinal)
    {
        ["created"] = new("新增", "created"),
        ["updated"] = new("修改", "updated"),
        ["deleted"] = new("删除", "deleted"),
        ["imported"] = new("导入", "imported"),
        ["submitted"] = new("提交", "submitted"),
        ["approved"] = new("通过", "approved"),
        ["returned"] = new("退回", "returned"),
        ["replied"] = new("回复", "replied"),
        ["assigned"] = new("交办", "assigned"),
        ["answered"] = new("答复", "answered"),
        ["closed"] = new("办结", "closed"),
    };

    private static readonly Text None = new("—", "—");

    /// <summary>"年度计划 2024年 · 修改" / "Plan 2024 · updated": what the entry is about, and what was done.</summary>
    public static Text Headline(AuditEntry entry, string? within = null)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var what = Entities.TryGetValue(entry.Entity, out var name) ? name : Words(entry.Entity);
        var key = entry.EntityKey;
        if (within is not null && key.StartsWith(within + "/", StringComparison.Ordinal))
        {
            key = key[(within.Length + 1)..];
        }
        else if (within is not null && key == within)
        {
            key = "";
        }

        var subject = entry.Entity switch
        {
            "plan" when int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var year) => new Text($"{year}年", key),
            "report" when PeriodOf(key) is { } period => PeriodText(period),
            _ => new Text(key, key),
        };
        var action = Actions.TryGetValue(entry.Action, out var done) ? done : Words(entry.Action);
        var zh = subject.Zh.Length == 0 ? what.Zh : $"{what.Zh} {Clean(subject.Zh)}";
        var en = subject.En.Length == 0 ? what.En : $"{what.En} {Clean(subject.En)}";
        return new($"{zh} · {action.Zh}", $"{en} · {action.En}");
    }

    private static Period? PeriodOf(string text) =>
        DateTime.TryParseExact(text, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? new Period(d.Year, d.Month) : null;

    /// <summary>Who did it: a user by name; the system's own work as 系统 / System.</summary>
    public static Text Who(string actor) =>
        string.IsNullOrWhiteSpace(actor) || actor == "system" ? new("系统", "System") : new(actor, actor);

    /// <summary>When, on the desk's wall clock: "2024年3月5日 14:05" / "2024-03-05 14:05".</summary>
    public static Text When(DateTimeOffset at)
    {
        var local = DeskDate.Local(at);
        var time = local.ToString("HH:mm", CultureInfo.InvariantCulture);
        return new($"{ChineseFormat.Date(DateOnly.FromDateTime(local.DateTime))} {time}", $"{local.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} {time}");
    }

    /// <summary>The whole entry in one sentence: who, when, what, the changes and the reason.</summary>
    public static Text Sentence(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var who = Who(entry.Actor);
        var when = When(entry.At);
        var head = Headline(entry);
        var lines = Lines(entry);
        var zh = $"{when.Zh} {who.Zh} {head.Zh}";
        var en = $"{when.En} {who.En}: {head.En}";
        if (lines.Count > 0)
        {
            zh += "：" + string.Join("；", lines.Select(l => l.Zh));
            en += ": " + string.Join("; ", lines.Select(l => l.En));
        }

        if (!string.IsNullOrWhiteSpace(entry.Reason))
        {
            zh += $"（原因：{Clean(entry.Reason)}）";
            en += $" (reason: {Clean(entry.Reason)})";
        }

        return new(zh, en);
    }

    /// <summary>One line per value the entry changed, in the order the log wrote them.</summary>
    public static IReadOnlyList<Text> Lines(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return Lines(entry.Entity, entry.Before, entry.After);
    }

    /// <summary>One line per value changed between <paramref name="before"/> and <paramref name="after"/> (the log's flat JSON).</summary>
    public static IReadOnlyList<Text> Lines(string entity, string? before, string? after)
    {
        var lines = new List<Text>();
        var own = Fields.GetValueOrDefault(entity);
        foreach (var change in AuditChanges.Of(before, after))
        {
            var field = own?.GetValueOrDefault(change.Field) ?? Common.GetValueOrDefault(change.Field) ?? new Field(WordsZh(change.Field), WordsEn(change.Field), Kind.Text);
            switch (field.Kind)
            {
                case Kind.Hidden:
                    continue;
                case Kind.Schedule:
                    lines.AddRange(ScheduleLines(field, change.Before, change.After));
                    continue;
            }

            if (field.Kind == Kind.Text && (LooksLikeJson(change.Before) || LooksLikeJson(change.After)))
            {
                lines.AddRange(JsonLines(field, change.Before, change.After));
                continue;
            }

            lines.Add(Line(field, Value(field.Kind, change.Before), Value(field.Kind, change.After), created: before is null));
        }

        return lines;
    }

    /// <summary>"总投资 5亿元 → 6亿元"; a new value alone when the thing was created ("总投资 5亿元").</summary>
    private static Text Line(Field field, Text? before, Text? after, bool created)
    {
        if (created)
        {
            return new($"{field.Zh} {(after ?? None).Zh}", $"{field.En}: {(after ?? None).En}");
        }

        var b = before ?? None;
        var a = after ?? None;
        return new($"{field.Zh} {b.Zh} → {a.Zh}", $"{field.En}: {b.En} → {a.En}");
    }

    private static Text? Value(Kind kind, string? raw)
    {
        if (raw is null)
        {
            return null;
        }

        var text = kind switch
        {
            Kind.Money when Number(raw) is { } wan => Same(ChineseFormat.Money(new Money(wan))),
            Kind.Date when DateOnly.TryParseExact(raw, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) => DateText(date),
            Kind.Instant when DateTimeOffset.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at) => When(at),
            Kind.Year when Number(raw) is { } year => new($"{ChineseFormat.Trim(year)}年", ChineseFormat.Trim(year)),
            Kind.Number when Number(raw) is { } number => Same(ChineseFormat.Trim(number)),
            Kind.Count when Number(raw) is { } count => new($"{ChineseFormat.Trim(count)}个", ChineseFormat.Trim(count)),
            Kind.Percent when Number(raw) is { } share => Same(ChineseFormat.Trim(decimal.Round(share, 1, MidpointRounding.AwayFromZero)) + "%"),
            Kind.SquareMetres when Number(raw) is { } m2 => Same(ChineseFormat.Trim(decimal.Round(m2, 2, MidpointRounding.AwayFromZero)) + "㎡"),
            Kind.Mu when Number(raw) is { } m2 => new($"{ChineseFormat.Trim(new Area(m2).Mu)}亩", $"{ChineseFormat.Trim(new Area(m2).Mu)} mu"),
            Kind.Bool => raw switch
            {
                "true" => new Text("是", "yes"),
                "false" => new Text("否", "no"),
                _ => (Text?)null,
            },
            Kind.Period when PeriodOf(raw) is { } period => PeriodText(period),
            Kind.ProjectStatus when Enum.TryParse<ProjectStatus>(raw, ignoreCase: true, out var status) && Enum.IsDefined(status) => Name(status),
            Kind.ProjectCategory when Enum.TryParse<ProjectCategory>(raw, ignoreCase: true, out var category) && Enum.IsDefined(category) => Name(category),
            Kind.ProjectLevels when Levels(raw) is { } levels => levels,
            Kind.Nature when Enum.TryParse<Plans.Nature>(raw, ignoreCase: true, out var nature) && Enum.IsDefined(nature) => nature == Plans.Nature.New ? new("新建", "New") : new("续建", "Continuing"),
            Kind.ReportStatus when Enum.TryParse<Progress.ReportStatus>(raw, ignoreCase: true, out var report) && Enum.IsDefined(report) => Name(report),
            Kind.Stage when Enum.TryParse<ConstructionStage>(raw, ignoreCase: true, out var stage) && Enum.IsDefined(stage) => new(stage.Zh(), StageEn(stage)),
            _ => null,
        };
        return text ?? Plain(raw);
    }

    /// <summary>A value no kind claims, still readable: a date or a time as such, a name in camelCase as words, a text as it is.</summary>
    private static Text Plain(string raw)
    {
        if (DateOnly.TryParseExact(raw, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return DateText(date);
        }

        if (raw.Length >= 19 && raw[4] == '-' && raw[10] == 'T' && DateTimeOffset.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at))
        {
            return When(at);
        }

        if (raw is "true" or "false")
        {
            return raw == "true" ? new("是", "yes") : new("否", "no");
        }

        if (IsIdentifier(raw))
        {
            // A value, not a label: lower case in both languages ("start event").
            return Same(Split(raw));
        }

        var clean = Clean(raw);
        return new(clean, clean);
    }

    /// <summary>A text with its ASCII double quotes made typographic, so a line never looks like JSON.</summary>
    private static string Clean(string text) => text.Replace('"', '”').Replace('{', '（').Replace('}', '）');

    private static Text Same(string text) => new(text, text);

    private static Text DateText(DateOnly date) => new(ChineseFormat.Date(date), date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

    private static Text PeriodText(Period period) =>
        new($"{period.Year}年{period.Month}月", new DateOnly(period.Year, period.Month, 1).ToString("MMMM yyyy", CultureInfo.InvariantCulture));

    private static decimal? Number(string raw) =>
        decimal.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>Report statuses as the workflow names them: 提交 → 通过, 退回.</summary>
    public static Text Name(Progress.ReportStatus status) => status switch
    {
        Progress.ReportStatus.Submitted => new("提交", "Submitted"),
        Progress.ReportStatus.Approved => new("通过", "Approved"),
        _ => new("退回", "Returned"),
    };

    private static Text Name(ProjectStatus status) => new(ProjectVocabulary.Name(status), status switch
    {
        ProjectStatus.Preparing => "Preparing",
        ProjectStatus.UnderConstruction => "Under construction",
        ProjectStatus.Completed => "Completed",
        ProjectStatus.InProduction => "In production",
        _ => "Suspended",
    });

    private static Text Name(ProjectCategory category) => new(ProjectVocabulary.Name(category), category switch
    {
        ProjectCategory.Industrial => "Industrial",
        ProjectCategory.Infrastructure => "Infrastructure",
        ProjectCategory.Livelihood => "Livelihood",
        _ => "Other",
    });

    private static Text? Levels(string raw)
    {
        var levels = ProjectLevels.None;
        foreach (var part in raw.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Enum.TryParse<ProjectLevels>(part, ignoreCase: true, out var level) || !Enum.IsDefined(level))
            {
                return null;
            }

            levels |= level;
        }

        var split = ProjectVocabulary.Split(levels).ToList();
        return split.Count == 0 ? null : new(ProjectVocabulary.Name(levels), string.Join(", ", split.Select(l => l switch
        {
            ProjectLevels.Provincial => "Provincial key",
            ProjectLevels.Municipal => "Municipal key",
            ProjectLevels.Zone => "Zone",
            _ => "Ordinary",
        })));
    }

    private static string StageEn(ConstructionStage stage) => stage switch
    {
        ConstructionStage.NotStarted => "not started",
        ConstructionStage.SiteLevelling => "site levelling",
        ConstructionStage.Piles => "piles",
        ConstructionStage.Foundation => "foundation",
        ConstructionStage.MainStructure => "main structure",
        ConstructionStage.ToppedOut => "topped out",
        ConstructionStage.FitOut => "fit-out",
        _ => "completed",
    };

    /// <summary>
    /// A schedule's JSON as what changed in it: its start and deadline, the activities added or removed, and
    /// each kept activity's changed name, duration, links, target and actual dates, by the activity's name.
    /// </summary>
    private static IEnumerable<Text> ScheduleLines(Field field, string? before, string? after)
    {
        var old = Plan(before);
        var now = Plan(after);
        if (now is null && old is null)
        {
            // Neither parses: still readable, never the raw text.
            yield return new($"{field.Zh}已更改", $"{field.En} changed");
            yield break;
        }

        if (old is null || now is null)
        {
            var plan = (now ?? old)!;
            var deadline = plan.Deadline is { } d ? DateText(d) : None;
            var start = DateText(plan.Start);
            yield return now is not null
                ? new($"{field.Zh}：开始{start.Zh}，期限{deadline.Zh}，共{plan.Activities.Count}项", $"{field.En}: starts {start.En}, deadline {deadline.En}, {plan.Activities.Count} activities")
                : new($"{field.Zh}已删除（原共{plan.Activities.Count}项）", $"{field.En} removed (had {plan.Activities.Count} activities)");
            yield break;
        }

        if (old.Start != now.Start)
        {
            yield return new($"{field.Zh}开始日期 {DateText(old.Start).Zh} → {DateText(now.Start).Zh}", $"{field.En} start: {DateText(old.Start).En} → {DateText(now.Start).En}");
        }

        if (old.Deadline != now.Deadline)
        {
            var b = old.Deadline is { } x ? DateText(x) : None;
            var a = now.Deadline is { } y ? DateText(y) : None;
            yield return new($"{field.Zh}期限 {b.Zh} → {a.Zh}", $"{field.En} deadline: {b.En} → {a.En}");
        }

        var was = old.Activities.ToDictionary(a => a.Id, StringComparer.Ordinal);
        var names = old.Activities.Concat(now.Activities).GroupBy(a => a.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last().Name, StringComparer.Ordinal);
        string Links(IReadOnlyList<Predecessor> links) =>
            links.Count == 0 ? "—" : string.Join("、", links.Select(l => "“" + Clean(names.GetValueOrDefault(l.Id) ?? l.Id) + "”" + (l is { Type: LinkType.FinishToStart, Lag: 0 } ? "" : $"（{l.Type.Code()}{(l.Lag == 0 ? "" : (l.Lag > 0 ? "+" : "") + l.Lag.ToString(CultureInfo.InvariantCulture))}）")));
        static Text Day(DateOnly? date) => date is { } d ? DateText(d) : None;

        foreach (var activity in now.Activities)
        {
            var name = "“" + Clean(activity.Name) + "”";
            if (!was.Remove(activity.Id, out var previous))
            {
                yield return activity.IsMilestone
                    ? new($"新增节点{name}", $"Added the milestone {name}")
                    : new($"新增工作{name}，工期{activity.Duration}天", $"Added the activity {name}, {activity.Duration} days");
                continue;
            }

            if (previous.Name != activity.Name)
            {
                yield return new($"“{Clean(previous.Name)}”改名为{name}", $"“{Clean(previous.Name)}” renamed {name}");
            }

            if (previous.Duration != activity.Duration)
            {
                yield return new($"{name}工期 {previous.Duration}天 → {activity.Duration}天", $"{name} duration: {previous.Duration} → {activity.Duration} days");
            }

            if (Links(previous.After) != Links(activity.After))
            {
                yield return new($"{name}前置工作 {Links(previous.After)} → {Links(activity.After)}", $"{name} follows: {Links(previous.After)} → {Links(activity.After)}");
            }

            if (previous.Due != activity.Due)
            {
                yield return new($"{name}目标日期 {Day(previous.Due).Zh} → {Day(activity.Due).Zh}", $"{name} due: {Day(previous.Due).En} → {Day(activity.Due).En}");
            }

            if (previous.ActualStart != activity.ActualStart)
            {
                yield return new($"{name}实际开始 {Day(previous.ActualStart).Zh} → {Day(activity.ActualStart).Zh}", $"{name} actual start: {Day(previous.ActualStart).En} → {Day(activity.ActualStart).En}");
            }

            if (previous.ActualFinish != activity.ActualFinish)
            {
                yield return new($"{name}实际完成 {Day(previous.ActualFinish).Zh} → {Day(activity.ActualFinish).Zh}", $"{name} actual finish: {Day(previous.ActualFinish).En} → {Day(activity.ActualFinish).En}");
            }

            if (previous.Responsible != activity.Responsible)
            {
                var b = previous.Responsible is { } x ? Clean(x) : "—";
                var a = activity.Responsible is { } y ? Clean(y) : "—";
                yield return new($"{name}责任单位 {b} → {a}", $"{name} responsible: {b} → {a}");
            }
        }

        foreach (var removed in old.Activities.Where(a => was.ContainsKey(a.Id)))
        {
            yield return new($"删除{(removed.IsMilestone ? "节点" : "工作")}“{Clean(removed.Name)}”", $"Removed the {(removed.IsMilestone ? "milestone" : "activity")} “{Clean(removed.Name)}”");
        }
    }

    private static SchedulePlanFile.Plan? Plan(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            return SchedulePlanFile.Stored(json);
        }
        catch (Exception e) when (e is DomainException or JsonException or FormatException or InvalidOperationException)
        {
            return null;
        }
    }

    private static bool LooksLikeJson(string? value) =>
        value is not null && value.TrimStart() is { Length: > 0 } t && (t[0] == '{' || t[0] == '[');

    /// <summary>
    /// Any other JSON value (a rule set, a list) as the leaves that changed, each named by its path in words:
    /// "红灯条件 滞后 10 → 15". A value that does not parse is only said to have changed.
    /// </summary>
    private static IEnumerable<Text> JsonLines(Field field, string? before, string? after)
    {
        var old = Leaves(before);
        var now = Leaves(after);
        if (old is null && now is null)
        {
            yield return new($"{field.Zh}已更改", $"{field.En} changed");
            yield break;
        }

        var keys = (old?.Keys ?? Enumerable.Empty<string>()).Concat(now?.Keys ?? Enumerable.Empty<string>()).Distinct(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            var b = old?.GetValueOrDefault(key);
            var a = now?.GetValueOrDefault(key);
            if (string.Equals(b, a, StringComparison.Ordinal))
            {
                continue;
            }

            var zh = string.Join(" ", key.Split('.', StringSplitOptions.RemoveEmptyEntries).Select(p => WordsZh(p)));
            var en = string.Join(" ", key.Split('.', StringSplitOptions.RemoveEmptyEntries).Select(p => WordsEn(p)));
            var label = new Field(zh.Length == 0 ? field.Zh : $"{field.Zh} {zh}", en.Length == 0 ? field.En : $"{field.En} {en}", Kind.Text);
            yield return Line(label, b is null ? null : Plain(b), a is null ? null : Plain(a), created: before is null);
        }
    }

    /// <summary>A JSON value's leaves by path ("red.behind"; an array's items by their position from 1).</summary>
    private static Dictionary<string, string?>? Leaves(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            var leaves = new Dictionary<string, string?>(StringComparer.Ordinal);
            Walk(document.RootElement, "", leaves);
            return leaves;
        }
        catch (JsonException)
        {
            return null;
        }

        static void Walk(JsonElement element, string path, Dictionary<string, string?> leaves)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    foreach (var p in element.EnumerateObject())
                    {
                        Walk(p.Value, path.Length == 0 ? p.Name : $"{path}.{p.Name}", leaves);
                    }

                    break;
                case JsonValueKind.Array:
                    var i = 0;
                    foreach (var item in element.EnumerateArray())
                    {
                        i++;
                        Walk(item, path.Length == 0 ? $"#{i}" : $"{path}.#{i}", leaves);
                    }

                    break;
                case JsonValueKind.String:
                    leaves[path] = element.GetString();
                    break;
                case JsonValueKind.Null:
                    leaves[path] = null;
                    break;
                default:
                    leaves[path] = element.GetRawText();
                    break;
            }
        }
    }

    private static bool IsIdentifier(string text) =>
        text.Length > 1 && char.IsAsciiLetterLower(text[0]) && text.All(char.IsAsciiLetterOrDigit) && text.Any(char.IsAsciiLetterUpper);

    /// <summary>A camelCase name as words: "plannedInvestment" → "planned investment"; "#2" → "第2项" / "item 2".</summary>
    private static Text Words(string name) => new(WordsZh(name), WordsEn(name));

    private static string WordsZh(string name) =>
        name.StartsWith('#') ? $"第{name[1..]}项" : Split(name);

    private static string WordsEn(string name)
    {
        if (name.StartsWith('#'))
        {
            return $"item {name[1..]}";
        }

        var words = Split(name);
        return words.Length == 0 ? words : char.ToUpperInvariant(words[0]) + words[1..];
    }

    private static string Split(string name)
    {
        var builder = new System.Text.StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsAsciiLetterUpper(c))
            {
                if (i > 0 && builder.Length > 0 && builder[^1] != ' ')
                {
                    builder.Append(' ');
                }

                builder.Append(char.ToLowerInvariant(c));
            }
            else
            {
                builder.Append(c is '_' or '-' ? ' ' : c);
            }
        }

        return Clean(builder.ToString());
    }
}
