using System.Text.RegularExpressions;
using Keystone.Core.Ledger;

namespace Keystone.Core.Schedule;

/// <summary>The columns of a node plan (节点计划表) as zones keep it in Excel.</summary>
public enum NodeField
{
    Id,
    Name,
    Duration,
    After,
    Due,
    ActualStart,
    ActualFinish,
    Responsible,
}

/// <summary>A node plan read from a file: the plan when every row is good, else every problem (and no plan).</summary>
public sealed record NodePlanResult(string Sheet, int HeaderRow, SchedulePlanFile.Plan? Plan, IReadOnlyList<LedgerProblem> Problems, IReadOnlyDictionary<string, int> Columns);

/// <summary>
/// Reads a node plan (节点计划表) from .xlsx or .csv with the ledger's conventions: the header found below
/// title rows and matched by its variants, dates in every form ledgers use, every problem named by sheet,
/// row, column, value and reason, and nothing taken from a file with a bad row. A cycle or an unknown
/// predecessor is a problem too, named like the scheduler names it.
/// </summary>
public static partial class NodePlanReader
{
    private static readonly Dictionary<string, NodeField> Names = Build();

    public static string Header(NodeField field) => field switch
    {
        NodeField.Id => "编号",
        NodeField.Name => "节点名称",
        NodeField.Duration => "工期（天）",
        NodeField.After => "前置工作",
        NodeField.Due => "计划完成时间",
        NodeField.ActualStart => "实际开始时间",
        NodeField.ActualFinish => "实际完成时间",
        NodeField.Responsible => "责任单位",
    };

    private static Dictionary<string, NodeField> Build()
    {
        var names = new Dictionary<string, NodeField>();
        void Add(NodeField field, params string[] variants)
        {
            foreach (var v in variants.Append(Header(field)))
            {
                names[LedgerHeader.Normalize(v).Key] = field;
            }
        }

        Add(NodeField.Id, "序号", "节点编号", "工作编号", "代号", "ID", "编码");
        Add(NodeField.Name, "名称", "节点", "工作名称", "工作内容", "工序", "节点内容", "任务名称");
        Add(NodeField.Duration, "工期", "持续时间", "天数", "计划工期", "工期(日)");
        Add(NodeField.After, "前置节点", "紧前工作", "前置", "前置任务", "搭接关系", "前置工序");
        Add(NodeField.Due, "计划完成", "目标日期", "完成时限", "节点目标", "完成节点", "截止日期", "计划完成日期", "节点时间");
        Add(NodeField.ActualStart, "实际开始", "实际开工", "实际开始日期");
        Add(NodeField.ActualFinish, "实际完成", "实际完成日期", "完成时间");
        Add(NodeField.Responsible, "责任部门", "负责单位", "责任人", "实施单位");
        return names;
    }

    /// <summary>
    /// Reads the node plan of <paramref name="sheet"/> (the first sheet when none). Rows are read one at a
    /// time; a sheet with more activities than <paramref name="limits"/> allow is refused at the first one
    /// too many, without reading the rest.
    /// </summary>
    public static NodePlanResult Read(LedgerSource source, DateOnly start, DateOnly? deadline, string? sheet = null, ScheduleLimits? limits = null, ScheduleDays days = ScheduleDays.Calendar)
    {
        limits ??= ScheduleLimits.Default;
        var chosen = sheet is { Length: > 0 } ? sheet : source.SheetNames.FirstOrDefault() ?? throw new DomainException(new("文件中没有工作表", "The file has no sheet"), "file");
        using var rows = source.Rows(chosen).GetEnumerator();
        var top = new List<RawRow>();
        while (top.Count < LedgerHeader.SearchRows && rows.MoveNext())
        {
            top.Add(rows.Current);
        }

        var headerRow = top.FirstOrDefault(r => Columns(r).ContainsKey(NodeField.Name) && Columns(r).ContainsKey(NodeField.Duration))
            ?? throw new DomainException(
                new($"工作表“{chosen}”前{LedgerHeader.SearchRows}行中找不到节点计划表头：至少需要“节点名称”和“工期（天）”两列",
                    $"No node-plan header in the first {LedgerHeader.SearchRows} rows of \"{chosen}\": it needs at least the columns 节点名称 and 工期（天）"),
                "file");
        var columns = Columns(headerRow);
        var problems = new List<LedgerProblem>();
        var activities = new List<ScheduleActivity>();
        var rowOf = new Dictionary<string, int>();
        var sequence = 0;
        foreach (var row in top.Where(r => r.Number > headerRow.Number).Concat(Rest(rows)).Where(r => !r.IsBlank))
        {
            if (++sequence > limits.MaxActivities)
            {
                throw limits.TooManyActivities(sequence);
            }

            string Text(NodeField f) => columns.TryGetValue(f, out var i) ? row.TextAt(i) : "";
            void Problem(NodeField f, string value, Text reason) =>
                problems.Add(new LedgerProblem(chosen, row.Number, columns.TryGetValue(f, out var i) ? headerRow.TextAt(i) : Header(f), value, reason));

            if (row.HasOverlongCell)
            {
                problems.AddRange(row.OverlongProblems(chosen, headerRow.TextAt));
                continue;
            }

            var id = columns.ContainsKey(NodeField.Id) ? Text(NodeField.Id) : sequence.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var name = Text(NodeField.Name);
            var before = problems.Count;
            if (id.Length == 0)
            {
                Problem(NodeField.Id, "", new("编号不能为空", "The id is required"));
            }
            else if (!rowOf.TryAdd(id, row.Number))
            {
                Problem(NodeField.Id, id, new($"编号与第{rowOf[id]}行重复", $"The id repeats row {rowOf[id]}"));
            }

            if (name.Length == 0)
            {
                Problem(NodeField.Name, "", new("节点名称不能为空", "The name is required"));
            }

            var duration = 0;
            try
            {
                var (number, _) = LedgerParser.ParseNumber(columns.TryGetValue(NodeField.Duration, out var d) && d < row.Cells.Count ? row.Cells[d] : null);
                duration = number >= 0 && number == decimal.Truncate(number) ? (int)number : throw new FormatException();
            }
            catch (Exception e) when (e is FormatException or OverflowException)
            {
                Problem(NodeField.Duration, Text(NodeField.Duration), new("工期应为不小于0的整数天数（节点填0）", "The duration must be a whole number of days, 0 or more (0 for a node)"));
            }

            var after = new List<Predecessor>();
            foreach (var token in Text(NodeField.After).Split([',', '，', '、', ';', '；'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                var m = Link().Match(LedgerParser.FoldWidth(token));
                if (!m.Success || (m.Groups["type"].Success && !LinkTypes.TryParse(m.Groups["type"].Value, out _)))
                {
                    Problem(NodeField.After, token, new("前置工作应写作编号，可带搭接类型和时间，如“A”“A FS+2”“B SS-3”", "A predecessor is an id, optionally with a link type and lag: \"A\", \"A FS+2\", \"B SS-3\""));
                    continue;
                }

                LinkTypes.TryParse(m.Groups["type"].Success ? m.Groups["type"].Value : "FS", out var type);
                var lag = m.Groups["lag"].Success ? int.Parse(m.Groups["lag"].Value.Replace(" ", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture) : 0;
                after.Add(new Predecessor(m.Groups["id"].Value, type, lag));
            }

            DateOnly? Date(NodeField f)
            {
                if (!columns.TryGetValue(f, out var i) || i >= row.Cells.Count || Text(f).Length == 0)
                {
                    return null;
                }

                if (LedgerDates.Parse(row.Cells[i], start.Year, out var date, out var why))
                {
                    return date;
                }

                Problem(f, Text(f), why);
                return null;
            }

            var due = Date(NodeField.Due);
            var actualStart = Date(NodeField.ActualStart);
            var actualFinish = Date(NodeField.ActualFinish);
            if (problems.Count == before)
            {
                activities.Add(new ScheduleActivity(id, name, duration)
                {
                    After = after,
                    Due = due,
                    ActualStart = actualStart,
                    ActualFinish = actualFinish,
                    Responsible = Text(NodeField.Responsible) is { Length: > 0 } r ? r : null,
                });
            }
        }

        var aliases = columns.ToDictionary(c => Header(c.Key), c => c.Value);
        if (problems.Count == 0)
        {
            if (activities.Count == 0)
            {
                throw new DomainException(new($"工作表“{chosen}”没有节点", $"The sheet \"{chosen}\" has no activities"), "file");
            }

            try
            {
                _ = Scheduler.Compute(activities, start, deadline, days: days);
            }
            catch (DomainException e)
            {
                // A cycle or an unknown predecessor: the scheduler names the activities; point at the first of them.
                var at = activities.FirstOrDefault(a => e.Text.Zh.Contains($"“{a.Id}”", StringComparison.Ordinal) || e.Text.Zh.Contains(a.Id, StringComparison.Ordinal));
                problems.Add(new LedgerProblem(chosen, at is null ? headerRow.Number : rowOf[at.Id], columns.ContainsKey(NodeField.After) ? headerRow.TextAt(columns[NodeField.After]) : null, null, e.Text));
            }
        }

        var plan = problems.Count == 0 ? new SchedulePlanFile.Plan(start, deadline, activities) { Days = days } : null;
        return new NodePlanResult(chosen, headerRow.Number, plan, problems.OrderBy(p => p.Row).ToList(), aliases);
    }

    private static IEnumerable<RawRow> Rest(IEnumerator<RawRow> rows)
    {
        while (rows.MoveNext())
        {
            yield return rows.Current;
        }
    }

    private static Dictionary<NodeField, int> Columns(RawRow row)
    {
        var columns = new Dictionary<NodeField, int>();
        for (var i = 0; i < row.Cells.Count; i++)
        {
            if (Names.TryGetValue(LedgerHeader.Normalize(row.TextAt(i)).Key, out var field))
            {
                columns.TryAdd(field, i);
            }
        }

        return columns;
    }

    // "A", "A FS", "A FS+2", "A(SS-3)", "A SS 2", "A+2"
    [GeneratedRegex(@"^(?<id>[^\s(（+\-]+)\s*[(（]?\s*(?<type>[A-Za-z]{2})?\s*(?<lag>[+\-]\s*\d+|\d+)?\s*[)）]?$")]
    private static partial Regex Link();
}
