using System.Globalization;

namespace Keystone.Core.Schedule;

/// <summary>
/// The critical path method over activities and milestones: forward pass, backward pass (from a deadline
/// when given: 倒排工期), total and free float, the critical activities, and which are already late.
/// Pure and linear: ids are resolved once to ints, the network is kept as arrays of predecessors, and the
/// passes walk a topological order, so 100,000 activities schedule in milliseconds (docs/benchmarks.md).
/// </summary>
/// <remarks>
/// Internally a day is an int counted from the start date and every interval is half-open: an activity
/// of duration d with early start s has early finish s + d, the instant its successor may begin. Dates are
/// printed by ADR 0007: a finish as the last day worked (s + d − 1); a milestone as one day, the day
/// before its instant when it closes finished work (it has an FS or FF predecessor), the day of its
/// instant otherwise. Project start and deadline bound the printed dates, so no bound differs by a day
/// between activities and milestones.
/// </remarks>
public static class Scheduler
{
    private const byte Task = 0;
    private const byte FinishMilestone = 1;
    private const byte StartMilestone = 2;

    public static ScheduleResult Compute(IReadOnlyList<ScheduleActivity> activities, DateOnly start, DateOnly? deadline = null, DateOnly? asOf = null)
    {
        ArgumentNullException.ThrowIfNull(activities);
        var n = activities.Count;
        if (n == 0)
        {
            throw new DomainException(new("进度计划中没有任何工作", "The schedule has no activities"), "activities");
        }

        var index = Index(activities);
        var network = Network.Build(activities, index);
        var order = TopologicalOrder(network, activities);
        try
        {
            return Passes(activities, network, order, start, deadline, asOf);
        }
        catch (OverflowException)
        {
            throw OutOfRange();
        }
    }

    private static Dictionary<string, int> Index(IReadOnlyList<ScheduleActivity> activities)
    {
        var index = new Dictionary<string, int>(activities.Count, StringComparer.Ordinal);
        for (var i = 0; i < activities.Count; i++)
        {
            var a = activities[i] ?? throw new ArgumentException($"activities[{i}] is null", nameof(activities));
            var at = Ordinal(i);
            if (string.IsNullOrWhiteSpace(a.Id))
            {
                throw new DomainException(new($"第{at}项工作没有编号", $"Activity #{at} has no id"), Field(i, "id"));
            }

            if (a.Duration < 0)
            {
                throw new DomainException(
                    new($"工作“{a.Id}”的工期不能为负数（{a.Duration}天）", $"Activity \"{a.Id}\" has a negative duration ({a.Duration} days)"),
                    Field(i, "duration"));
            }

            if (!index.TryAdd(a.Id, i))
            {
                var first = Ordinal(index[a.Id]);
                throw new DomainException(
                    new($"工作编号“{a.Id}”重复：第{first}项和第{at}项", $"Duplicate activity id \"{a.Id}\": activities #{first} and #{at}"),
                    Field(i, "id"));
            }
        }

        return index;
    }

    /// <summary>
    /// Every activity's predecessors as compressed rows (CSR): links Start[j] .. Start[j+1]−1 of activity j.
    /// The backward pass pushes from successor to predecessor along the same rows, so no successor lists exist.
    /// </summary>
    private sealed class Network
    {
        public required int[] Start { get; init; }

        public required int[] Pred { get; init; }

        public required LinkType[] Type { get; init; }

        public required int[] Lag { get; init; }

        public static Network Build(IReadOnlyList<ScheduleActivity> activities, Dictionary<string, int> index)
        {
            var n = activities.Count;
            var count = 0;
            for (var j = 0; j < n; j++)
            {
                count += activities[j].After?.Count ?? 0;
            }

            var start = new int[n + 1];
            var pred = new int[count];
            var type = new LinkType[count];
            var lag = new int[count];
            var k = 0;
            for (var j = 0; j < n; j++)
            {
                start[j] = k;
                var a = activities[j];
                var after = a.After ?? [];
                for (var p = 0; p < after.Count; p++)
                {
                    var link = after[p];
                    if (string.IsNullOrWhiteSpace(link.Id))
                    {
                        throw new DomainException(
                            new($"工作“{a.Id}”的第{Ordinal(p)}个前置工作没有编号", $"Predecessor #{Ordinal(p)} of activity \"{a.Id}\" has no id"),
                            Field(j, "after"));
                    }

                    if (!index.TryGetValue(link.Id, out var i))
                    {
                        throw new DomainException(
                            new($"工作“{a.Id}”的前置工作“{link.Id}”不存在", $"Activity \"{a.Id}\" comes after \"{link.Id}\", which is not in the schedule"),
                            Field(j, "after"));
                    }

                    if (!Enum.IsDefined(link.Type))
                    {
                        throw new ArgumentException($"Unknown link type {(int)link.Type} on activity \"{a.Id}\"", nameof(activities));
                    }

                    pred[k] = i;
                    type[k] = link.Type;
                    lag[k] = link.Lag;
                    k++;
                }
            }

            start[n] = k;
            return new Network { Start = start, Pred = pred, Type = type, Lag = lag };
        }
    }

    /// <summary>
    /// Predecessors before successors, by an iterative depth-first search over the predecessor rows (no
    /// recursion: a chain of a million activities must not overflow the stack). Meeting an activity still
    /// on the stack is a cycle; the stack then holds it, which is how the message can name every member.
    /// </summary>
    private static int[] TopologicalOrder(Network g, IReadOnlyList<ScheduleActivity> activities)
    {
        var n = activities.Count;
        var order = new int[n];
        var state = new byte[n]; // 0 unvisited, 1 on the stack, 2 ordered
        var stack = new int[n];
        var cursor = new int[n];
        var count = 0;
        for (var root = 0; root < n; root++)
        {
            if (state[root] != 0)
            {
                continue;
            }

            var top = 0;
            stack[0] = root;
            state[root] = 1;
            cursor[root] = g.Start[root];
            while (top >= 0)
            {
                var v = stack[top];
                var p = cursor[v];
                if (p < g.Start[v + 1])
                {
                    cursor[v] = p + 1;
                    var u = g.Pred[p];
                    if (state[u] == 0)
                    {
                        state[u] = 1;
                        cursor[u] = g.Start[u];
                        stack[++top] = u;
                    }
                    else if (state[u] == 1)
                    {
                        throw Cycle(stack, top, u, activities);
                    }
                }
                else
                {
                    state[v] = 2;
                    order[count++] = v;
                    top--;
                }
            }
        }

        return order;
    }

    private static DomainException Cycle(int[] stack, int top, int u, IReadOnlyList<ScheduleActivity> activities)
    {
        // stack[t + 1] is a predecessor of stack[t] and u one of stack[top], so in the order work flows the
        // cycle runs u → stack[top] → stack[top − 1] → … → u. It is printed from its earliest-listed member.
        List<int> members = [u];
        for (var t = top; stack[t] != u; t--)
        {
            members.Add(stack[t]);
        }

        var first = members.IndexOf(members.Min());
        var ids = Enumerable.Range(0, members.Count + 1).Select(k => activities[members[(first + k) % members.Count]].Id);
        var path = string.Join(" → ", ids);
        return new DomainException(
            new($"工作之间存在循环依赖：{path}", $"The activities depend on each other in a cycle: {path}"),
            "activities");
    }

    private static ScheduleResult Passes(IReadOnlyList<ScheduleActivity> activities, Network g, int[] order, DateOnly start, DateOnly? deadline, DateOnly? asOf)
    {
        var n = activities.Count;
        var origin = start.DayNumber;
        var duration = new int[n];
        var shape = new byte[n];
        var actual = new bool[n];
        var es = new int[n];
        var ef = new int[n];
        for (var j = 0; j < n; j++)
        {
            var a = activities[j];
            duration[j] = a.Duration;
            shape[j] = a.Duration > 0 ? Task : ClosesWork(g, j) ? FinishMilestone : StartMilestone;
            actual[j] = Actual(a, j, shape[j], origin, out es[j], out ef[j]);
        }

        // Forward pass. Nothing is planned before the start date; what has actually happened stays where it happened.
        for (var t = 0; t < n; t++)
        {
            var j = order[t];
            if (actual[j])
            {
                continue;
            }

            var d = duration[j];
            var s = ShiftStart(shape[j]);
            for (var p = g.Start[j]; p < g.Start[j + 1]; p++)
            {
                var i = g.Pred[p];
                var bound = g.Type[p] switch
                {
                    LinkType.FinishToStart => ef[i] + g.Lag[p],
                    LinkType.StartToStart => es[i] + g.Lag[p],
                    LinkType.FinishToFinish => ef[i] + g.Lag[p] - d,
                    LinkType.StartToFinish => es[i] + g.Lag[p] - d,
                };
                if (bound > s)
                {
                    s = bound;
                }
            }

            es[j] = s;
            ef[j] = s + d;
        }

        var finish = int.MinValue;
        for (var j = 0; j < n; j++)
        {
            var printed = ef[j] - ShiftFinish(shape[j]);
            if (printed > finish)
            {
                finish = printed;
            }
        }

        // Backward pass: every activity must finish by the deadline (or the forecast finish), not only the
        // last ones — an activity followed only through SS links would otherwise float past the end.
        var end = deadline is { } dl ? dl.DayNumber - origin : finish;
        var ls = new int[n];
        var lf = new int[n];
        for (var j = 0; j < n; j++)
        {
            lf[j] = end + ShiftFinish(shape[j]);
        }

        for (var t = n - 1; t >= 0; t--)
        {
            var j = order[t];
            var f = lf[j];
            var s = f - (ef[j] - es[j]);
            ls[j] = s;
            for (var p = g.Start[j]; p < g.Start[j + 1]; p++)
            {
                var i = g.Pred[p];
                var bound = g.Type[p] switch
                {
                    LinkType.FinishToStart => s - g.Lag[p],
                    LinkType.StartToStart => s - g.Lag[p] + (ef[i] - es[i]),
                    LinkType.FinishToFinish => f - g.Lag[p],
                    LinkType.StartToFinish => f - g.Lag[p] + (ef[i] - es[i]),
                };
                if (bound < lf[i])
                {
                    lf[i] = bound;
                }
            }
        }

        // Free float: the delay that moves no successor's early dates and not the forecast finish. Never
        // negative: a successor that has already started out of sequence cannot be pushed back by it.
        var free = new int[n];
        for (var j = 0; j < n; j++)
        {
            free[j] = finish + ShiftFinish(shape[j]) - ef[j];
        }

        for (var j = 0; j < n; j++)
        {
            for (var p = g.Start[j]; p < g.Start[j + 1]; p++)
            {
                var i = g.Pred[p];
                var slack = g.Type[p] switch
                {
                    LinkType.FinishToStart => es[j] - ef[i] - g.Lag[p],
                    LinkType.StartToStart => es[j] - es[i] - g.Lag[p],
                    LinkType.FinishToFinish => ef[j] - ef[i] - g.Lag[p],
                    LinkType.StartToFinish => ef[j] - es[i] - g.Lag[p],
                };
                if (slack < free[i])
                {
                    free[i] = slack;
                }
            }
        }

        var critical = int.MaxValue;
        for (var j = 0; j < n; j++)
        {
            var total = lf[j] - ef[j];
            if (total < critical)
            {
                critical = total;
            }
        }

        var day = asOf is { } d0 ? d0.DayNumber - origin : (int?)null;
        var result = new ScheduledActivity[n];
        for (var j = 0; j < n; j++)
        {
            var a = activities[j];
            var shiftStart = ShiftStart(shape[j]);
            var shiftFinish = ShiftFinish(shape[j]);
            var progress = Progress(a);
            var late = day is { } today
                && (progress != ActivityProgress.Finished && lf[j] - shiftFinish < today
                    || progress == ActivityProgress.NotStarted && ls[j] - shiftStart < today);
            var total = lf[j] - ef[j];
            result[j] = new ScheduledActivity(
                a.Id,
                a.Name,
                a.Responsible,
                a.Duration,
                a.IsMilestone,
                progress,
                Date(origin, es[j] - shiftStart),
                Date(origin, ef[j] - shiftFinish),
                Date(origin, ls[j] - shiftStart),
                Date(origin, lf[j] - shiftFinish),
                total,
                Math.Max(free[j], 0),
                total <= critical,
                late);
        }

        return new ScheduleResult(start, Date(origin, finish), deadline, asOf, critical, result);
    }

    /// <summary>A milestone after finished work (an FS or FF predecessor) is printed on the day that work finishes.</summary>
    private static bool ClosesWork(Network g, int j)
    {
        for (var p = g.Start[j]; p < g.Start[j + 1]; p++)
        {
            if (g.Type[p] is LinkType.FinishToStart or LinkType.FinishToFinish)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Printed start = internal start − this: a milestone closing work sits at the end of the day before its instant.</summary>
    private static int ShiftStart(byte shape) => shape == FinishMilestone ? 1 : 0;

    /// <summary>Printed finish = internal (exclusive) finish − this: the last day worked; a start milestone is its own day.</summary>
    private static int ShiftFinish(byte shape) => shape == StartMilestone ? 0 : 1;

    /// <summary>Fixes the dates of an activity that has actual dates; false when it has none and must be scheduled.</summary>
    private static bool Actual(ScheduleActivity a, int j, byte shape, int origin, out int es, out int ef)
    {
        es = ef = 0;
        if (a.ActualStart is null && a.ActualFinish is null)
        {
            return false;
        }

        if (shape != Task)
        {
            if (a.ActualStart is { } s0 && a.ActualFinish is { } f0 && s0 != f0)
            {
                throw new DomainException(
                    new($"节点“{a.Id}”的实际开始（{ChineseFormat.Date(s0)}）与实际完成（{ChineseFormat.Date(f0)}）应为同一天",
                        $"Milestone \"{a.Id}\" has an actual start ({Iso(s0)}) and an actual finish ({Iso(f0)}) on different days"),
                    Field(j, "actualFinish"));
            }

            es = ef = (a.ActualFinish ?? a.ActualStart)!.Value.DayNumber - origin + ShiftStart(shape);
            return true;
        }

        if (a.ActualStart is { } s && a.ActualFinish is { } f && f < s)
        {
            throw new DomainException(
                new($"工作“{a.Id}”的实际完成（{ChineseFormat.Date(f)}）早于实际开始（{ChineseFormat.Date(s)}）",
                    $"Activity \"{a.Id}\" actually finished ({Iso(f)}) before it actually started ({Iso(s)})"),
                Field(j, "actualFinish"));
        }

        if (a.ActualStart is { } start)
        {
            es = start.DayNumber - origin;
            ef = a.ActualFinish is { } finish ? finish.DayNumber - origin + 1 : es + a.Duration;
        }
        else
        {
            ef = a.ActualFinish!.Value.DayNumber - origin + 1;
            es = ef - a.Duration;
        }

        return true;
    }

    private static ActivityProgress Progress(ScheduleActivity a) =>
        a.ActualFinish is not null || a.IsMilestone && a.ActualStart is not null ? ActivityProgress.Finished
        : a.ActualStart is not null ? ActivityProgress.InProgress
        : ActivityProgress.NotStarted;

    private static DateOnly Date(int origin, int day)
    {
        var number = (long)origin + day;
        if (number < DateOnly.MinValue.DayNumber || number > DateOnly.MaxValue.DayNumber)
        {
            throw OutOfRange();
        }

        return DateOnly.FromDayNumber((int)number);
    }

    private static DomainException OutOfRange() =>
        new(new("工期或搭接时间过长，推算的日期超出了可表示的范围", "Durations or lags too long: the computed dates fall outside the calendar"), "activities");

    private static string Ordinal(int index) => (index + 1).ToString(CultureInfo.InvariantCulture);

    private static string Field(int index, string name) => string.Create(CultureInfo.InvariantCulture, $"activities[{index}].{name}");

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
