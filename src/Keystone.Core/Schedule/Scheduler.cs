using System.Buffers;
using System.Globalization;
using System.Numerics;
using System.Runtime.InteropServices;
using Keystone.Core.Calendar;

namespace Keystone.Core.Schedule;

/// <summary>
/// The critical path method over activities and milestones: forward pass, backward pass (from a deadline
/// when given: 倒排工期), total and free float, the critical activities, and which are already late.
/// Pure and linear: ids are resolved once to ints, the network is kept as arrays of predecessors, and the
/// passes walk a topological order with no LINQ and no allocation per link (docs/benchmarks.md).
/// </summary>
/// <remarks>
/// Internally a day is an int counted from the start date and every interval is half-open: an activity
/// of duration d with early start s has early finish s + d, the instant its successor may begin. Dates are
/// printed by ADR 0007: a finish as the last day worked (s + d − 1); a milestone as one day, the day
/// before its instant when it closes finished work (it has an FS or FF predecessor), the day of its
/// instant otherwise. Project start and deadline bound the printed dates, so no bound differs by a day
/// between activities and milestones.
/// <para>
/// At 100,000 activities the cost is memory latency, not arithmetic: the input objects are read once, in
/// order, and everything after works on compact arrays (<see cref="Node"/>, <see cref="Edge"/>).
/// </para>
/// </remarks>
public static class Scheduler
{
    private const byte Task = 0;
    private const byte FinishMilestone = 1;
    private const byte StartMilestone = 2;
    private const byte KindMask = 3;

    /// <summary>Actual dates fix the activity; the passes leave its early dates alone.</summary>
    private const byte Fixed = 4;

    private const byte Started = 8;
    private const byte Finished = 16;

    /// <summary>The plan's schedule, counted in the plan's kind of days (working days on <paramref name="calendar"/>, by default the current one).</summary>
    public static ScheduleResult Compute(SchedulePlanFile.Plan plan, DateOnly? asOf = null, WorkingCalendar? calendar = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return Compute(plan.Activities, plan.Start, plan.Deadline, asOf, plan.Days, calendar);
    }

    /// <summary>
    /// The schedule of <paramref name="activities"/> from <paramref name="start"/>, its durations, lags and
    /// floats counted in <paramref name="days"/> (<see cref="DayScale"/>): working days on
    /// <paramref name="calendar"/>, by default <see cref="WorkingCalendar.Current"/>.
    /// </summary>
    public static ScheduleResult Compute(
        IReadOnlyList<ScheduleActivity> activities, DateOnly start, DateOnly? deadline = null, DateOnly? asOf = null, ScheduleDays days = ScheduleDays.Calendar, WorkingCalendar? calendar = null)
    {
        ArgumentNullException.ThrowIfNull(activities);
        var list = activities as ScheduleActivity[] ?? [.. activities];
        if (list.Length == 0)
        {
            throw new DomainException(new("进度计划中没有任何工作", "The schedule has no activities"), "activities");
        }

        Network? network = null;
        int[]? order = null;
        try
        {
            var scale = DayScale.Of(days, start, calendar);
            network = Network.Read(list, scale);
            order = TopologicalOrder(network, list);
            return Passes(list, network, order, scale, start, deadline, asOf);
        }
        catch (OverflowException)
        {
            throw OutOfRange();
        }
        finally
        {
            network?.Dispose();
            if (order is not null)
            {
                ArrayPool<int>.Shared.Return(order);
            }
        }
    }

    /// <summary>
    /// An activity's dates as half-open day numbers from the start date, kept together because the passes
    /// read them together: one cache line per predecessor visited. The late start is Lf − (Ef − Es).
    /// Before the backward pass <see cref="Lf"/> holds the duration.
    /// </summary>
    private struct Node
    {
        public int Es;
        public int Ef;
        public int Lf;

        /// <summary>The least slack of the links to its successors, on early dates: the free float before its bounds.</summary>
        public int Slack;

        /// <summary>Its own due date (节点目标日期) as an internal latest finish, or <see cref="int.MaxValue"/> without one.</summary>
        public int Due;
    }

    private struct Edge
    {
        public int Pred;
        public int Lag;
        public LinkType Type;
    }

    /// <summary>
    /// The schedule as arrays: every activity's predecessors as compressed rows (edges Start[j] ..
    /// Start[j+1]−1 of activity j), its shape bits and its initial dates. The backward pass pushes from
    /// successor to predecessor along the same rows, so no successor lists exist. The arrays are rented:
    /// at 100,000 activities they are megabytes on the large-object heap, and allocating them afresh for
    /// every schedule would set off a full collection every other call. Rented arrays may be longer than
    /// asked for, so every loop runs to n or Start[n], never to an array's Length.
    /// </summary>
    private sealed class Network : IDisposable
    {
        public required int[] Start { get; init; }

        public required Edge[] Edges { get; init; }

        public required byte[] Shape { get; init; }

        public required Node[] Nodes { get; init; }

        public void Dispose()
        {
            ArrayPool<int>.Shared.Return(Start);
            ArrayPool<Edge>.Shared.Return(Edges);
            ArrayPool<byte>.Shared.Return(Shape);
            ArrayPool<Node>.Shared.Return(Nodes);
        }

        /// <summary>Reads each activity object once, in order: they are scattered over the heap and each visit is a cache miss.</summary>
        public static Network Read(ScheduleActivity[] activities, DayScale origin)
        {
            var n = activities.Length;
            using var ids = new IdTable(n);
            var links = ArrayPool<IReadOnlyList<Predecessor>?>.Shared.Rent(n);
            var shape = ArrayPool<byte>.Shared.Rent(n);
            var nodes = ArrayPool<Node>.Shared.Rent(n);
            try
            {
                return Read(activities, origin, ids, links, shape, nodes);
            }
            catch
            {
                ArrayPool<byte>.Shared.Return(shape);
                ArrayPool<Node>.Shared.Return(nodes);
                throw;
            }
            finally
            {
                ArrayPool<IReadOnlyList<Predecessor>?>.Shared.Return(links, clearArray: true);
            }
        }

        private static Network Read(ScheduleActivity[] activities, DayScale origin, IdTable ids, IReadOnlyList<Predecessor>?[] links, byte[] shape, Node[] nodes)
        {
            var n = activities.Length;
            var count = 0;
            for (var j = 0; j < n; j++)
            {
                var a = activities[j] ?? throw new ArgumentException($"activities[{j}] is null", nameof(activities));
                var at = Ordinal(j);
                if (string.IsNullOrWhiteSpace(a.Id))
                {
                    throw new DomainException(new($"第{at}项工作没有编号", $"Activity #{at} has no id"), Field(j, "id"));
                }

                if (a.Duration < 0)
                {
                    throw new DomainException(
                        new($"工作“{a.Id}”的工期不能为负数（{a.Duration}天）", $"Activity \"{a.Id}\" has a negative duration ({a.Duration} days)"),
                        Field(j, "duration"));
                }

                if (ids.Add(a.Id, j) is { } first)
                {
                    throw new DomainException(
                        new($"工作编号“{a.Id}”重复：第{Ordinal(first)}项和第{at}项", $"Duplicate activity id \"{a.Id}\": activities #{Ordinal(first)} and #{at}"),
                        Field(j, "id"));
                }

                links[j] = a.After;
                count += a.After?.Count ?? 0;
                shape[j] = a.Duration > 0 ? Task : ClosesWork(Span(a.After)) ? FinishMilestone : StartMilestone;
                nodes[j] = default;
                shape[j] |= Actual(a, j, shape[j], origin, ref nodes[j]);
                nodes[j].Lf = a.Duration;
                nodes[j].Slack = int.MaxValue;
                nodes[j].Due = a.Due is { } due ? origin.End(due) - 1 + ShiftFinish(shape[j]) : int.MaxValue;
            }

            var start = ArrayPool<int>.Shared.Rent(n + 1);
            var edges = ArrayPool<Edge>.Shared.Rent(count);
            try
            {
                Link(activities, ids, links, start, edges);
            }
            catch
            {
                ArrayPool<int>.Shared.Return(start);
                ArrayPool<Edge>.Shared.Return(edges);
                throw;
            }

            return new Network { Start = start, Edges = edges, Shape = shape, Nodes = nodes };
        }

        private static void Link(ScheduleActivity[] activities, IdTable ids, IReadOnlyList<Predecessor>?[] links, int[] start, Edge[] edges)
        {
            var n = activities.Length;
            var k = 0;
            for (var j = 0; j < n; j++)
            {
                start[j] = k;
                var after = Span(links[j]);
                for (var p = 0; p < after.Length; p++)
                {
                    ref readonly var link = ref after[p];
                    if (string.IsNullOrWhiteSpace(link.Id))
                    {
                        var id = activities[j].Id;
                        throw new DomainException(
                            new($"工作“{id}”的第{Ordinal(p)}个前置工作没有编号", $"Predecessor #{Ordinal(p)} of activity \"{id}\" has no id"),
                            Field(j, "after"));
                    }

                    var i = ids.Find(link.Id);
                    if (i < 0)
                    {
                        var id = activities[j].Id;
                        throw new DomainException(
                            new($"工作“{id}”的前置工作“{link.Id}”不存在", $"Activity \"{id}\" comes after \"{link.Id}\", which is not in the schedule"),
                            Field(j, "after"));
                    }

                    if (link.Type > LinkType.StartToFinish)
                    {
                        throw new ArgumentException($"Unknown link type {(int)link.Type} on activity \"{activities[j].Id}\"", nameof(activities));
                    }

                    edges[k++] = new Edge { Pred = i, Lag = link.Lag, Type = link.Type };
                }
            }

            start[n] = k;
        }

        /// <summary>Arrays and lists are read as spans: an interface call per link is measurable at 300,000 links.</summary>
        private static ReadOnlySpan<Predecessor> Span(IReadOnlyList<Predecessor>? after) => after switch
        {
            null => [],
            Predecessor[] array => array,
            List<Predecessor> list => CollectionsMarshal.AsSpan(list),
            _ => after.ToArray(),
        };

        /// <summary>A milestone after finished work (an FS or FF predecessor) is printed on the day that work finishes.</summary>
        private static bool ClosesWork(ReadOnlySpan<Predecessor> after)
        {
            foreach (ref readonly var link in after)
            {
                if (link.Type is LinkType.FinishToStart or LinkType.FinishToFinish)
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>
    /// Activity ids to indices by open addressing. A slot holds the id's hash and its index; the ids' characters
    /// are copied into one buffer, so confirming a match reads that buffer and not the id strings, which
    /// lie anywhere on the heap — resolving the links is the largest cost of a schedule.
    /// string.GetHashCode is randomised per process, so a crafted file cannot make the ids collide.
    /// </summary>
    private sealed class IdTable : IDisposable
    {
        private readonly Slot[] slots;
        private readonly int mask;
        private readonly int[] offsets;
        private char[] chars;
        private int used;

        public IdTable(int count)
        {
            var size = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(count, 2) * 2u);
            slots = ArrayPool<Slot>.Shared.Rent(size);
            Array.Clear(slots, 0, size);
            mask = size - 1;
            offsets = ArrayPool<int>.Shared.Rent(count + 1);
            offsets[0] = 0;
            chars = ArrayPool<char>.Shared.Rent(Math.Max(16, count * 8));
        }

        public void Dispose()
        {
            ArrayPool<Slot>.Shared.Return(slots);
            ArrayPool<int>.Shared.Return(offsets);
            ArrayPool<char>.Shared.Return(chars);
        }

        private struct Slot
        {
            public int Hash;

            /// <summary>The activity's index + 1; 0 marks an empty slot.</summary>
            public int Entry;
        }

        /// <summary>Adds the id of activity <paramref name="index"/> (added in order 0, 1, 2 …); returns the index that already has it.</summary>
        public int? Add(string id, int index)
        {
            var hash = id.GetHashCode(StringComparison.Ordinal);
            var s = hash & mask;
            while (slots[s].Entry != 0)
            {
                if (slots[s].Hash == hash && Key(slots[s].Entry - 1).SequenceEqual(id))
                {
                    return slots[s].Entry - 1;
                }

                s = (s + 1) & mask;
            }

            if (used + id.Length > chars.Length)
            {
                var larger = ArrayPool<char>.Shared.Rent(Math.Max(chars.Length * 2, used + id.Length));
                chars.AsSpan(0, used).CopyTo(larger);
                ArrayPool<char>.Shared.Return(chars);
                chars = larger;
            }

            id.CopyTo(chars.AsSpan(used));
            used += id.Length;
            offsets[index + 1] = used;
            slots[s] = new Slot { Hash = hash, Entry = index + 1 };
            return null;
        }

        /// <summary>The index of <paramref name="id"/>, or −1.</summary>
        public int Find(string id)
        {
            var hash = id.GetHashCode(StringComparison.Ordinal);
            var s = hash & mask;
            while (true)
            {
                var slot = slots[s];
                if (slot.Entry == 0)
                {
                    return -1;
                }

                if (slot.Hash == hash && Key(slot.Entry - 1).SequenceEqual(id))
                {
                    return slot.Entry - 1;
                }

                s = (s + 1) & mask;
            }
        }

        private ReadOnlySpan<char> Key(int index) => chars.AsSpan(offsets[index], offsets[index + 1] - offsets[index]);
    }

    /// <summary>
    /// Predecessors before successors, by an iterative depth-first search over the predecessor rows (no
    /// recursion: a chain of a million activities must not overflow the stack). Meeting an activity still
    /// on the stack is a cycle; the stack then holds it, which is how the message can name every member.
    /// </summary>
    private static int[] TopologicalOrder(Network g, ScheduleActivity[] activities)
    {
        var n = activities.Length;
        var order = ArrayPool<int>.Shared.Rent(n);
        var state = ArrayPool<byte>.Shared.Rent(n); // 0 unvisited, 1 on the stack, 2 ordered
        var stack = ArrayPool<int>.Shared.Rent(n);
        var cursor = ArrayPool<int>.Shared.Rent(n);
        Array.Clear(state, 0, n);
        try
        {
            Order(g, activities, order, state, stack, cursor);
        }
        catch
        {
            ArrayPool<int>.Shared.Return(order);
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(state);
            ArrayPool<int>.Shared.Return(stack);
            ArrayPool<int>.Shared.Return(cursor);
        }

        return order;
    }

    private static void Order(Network g, ScheduleActivity[] activities, int[] order, byte[] state, int[] stack, int[] cursor)
    {
        var n = activities.Length;
        var rows = g.Start;
        var edges = g.Edges;
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
            cursor[root] = rows[root];
            while (top >= 0)
            {
                var v = stack[top];
                var p = cursor[v];
                if (p < rows[v + 1])
                {
                    cursor[v] = p + 1;
                    var u = edges[p].Pred;
                    if (state[u] == 0)
                    {
                        state[u] = 1;
                        cursor[u] = rows[u];
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
    }

    private static DomainException Cycle(int[] stack, int top, int u, ScheduleActivity[] activities)
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

    private static ScheduleResult Passes(ScheduleActivity[] activities, Network g, int[] order, DayScale scale, DateOnly start, DateOnly? deadline, DateOnly? asOf)
    {
        var n = activities.Length;
        var rows = g.Start;
        var edges = g.Edges;
        var shape = g.Shape;
        var node = g.Nodes;

        // Forward pass. Nothing is planned before the start date; what has actually happened stays where it
        // happened. Once an activity's dates are final its links' slack is too: the least is its
        // predecessor's free float (never negative: a successor that has already started out of sequence
        // cannot be pushed back by it).
        var finish = int.MinValue;
        for (var t = 0; t < n; t++)
        {
            var j = order[t];
            ref var x = ref node[j];
            if ((shape[j] & Fixed) == 0)
            {
                var d = x.Lf;
                var s = ShiftStart(shape[j]);
                for (var p = rows[j]; p < rows[j + 1]; p++)
                {
                    ref readonly var e = ref edges[p];
                    ref readonly var i = ref node[e.Pred];
                    var bound = e.Type switch
                    {
                        LinkType.FinishToStart => i.Ef + e.Lag,
                        LinkType.StartToStart => i.Es + e.Lag,
                        LinkType.FinishToFinish => i.Ef + e.Lag - d,
                        LinkType.StartToFinish => i.Es + e.Lag - d,
                    };
                    if (bound > s)
                    {
                        s = bound;
                    }
                }

                x.Es = s;
                x.Ef = s + d;
            }

            for (var p = rows[j]; p < rows[j + 1]; p++)
            {
                ref readonly var e = ref edges[p];
                ref var i = ref node[e.Pred];
                var room = e.Type switch
                {
                    LinkType.FinishToStart => x.Es - i.Ef - e.Lag,
                    LinkType.StartToStart => x.Es - i.Es - e.Lag,
                    LinkType.FinishToFinish => x.Ef - i.Ef - e.Lag,
                    LinkType.StartToFinish => x.Ef - i.Es - e.Lag,
                };
                if (room < i.Slack)
                {
                    i.Slack = room;
                }
            }

            var printed = x.Ef - ShiftFinish(shape[j]);
            if (printed > finish)
            {
                finish = printed;
            }
        }

        // Backward pass: every activity must finish by the deadline (or the forecast finish), not only the
        // last ones — an activity followed only through SS links would otherwise float past the end. A node's
        // own due date (节点目标) is a latest finish too, so it and, through the links, everything before it
        // must finish in time for it: a node forecast past its due date has negative float before that date
        // arrives. A due date later than the project's end changes nothing.
        var end = deadline is { } dl ? scale.End(dl) - 1 : finish;
        for (var j = 0; j < n; j++)
        {
            var lf = end + ShiftFinish(shape[j]);
            node[j].Lf = node[j].Due < lf ? node[j].Due : lf;
        }

        var critical = int.MaxValue;
        for (var t = n - 1; t >= 0; t--)
        {
            var j = order[t];
            ref readonly var x = ref node[j];
            var ls = x.Lf - (x.Ef - x.Es);
            if (x.Lf - x.Ef < critical)
            {
                critical = x.Lf - x.Ef;
            }

            for (var p = rows[j]; p < rows[j + 1]; p++)
            {
                ref readonly var e = ref edges[p];
                ref var i = ref node[e.Pred];
                var bound = e.Type switch
                {
                    LinkType.FinishToStart => ls - e.Lag,
                    LinkType.StartToStart => ls - e.Lag + (i.Ef - i.Es),
                    LinkType.FinishToFinish => x.Lf - e.Lag,
                    LinkType.StartToFinish => x.Lf - e.Lag + (i.Ef - i.Es),
                };
                if (bound < i.Lf)
                {
                    i.Lf = bound;
                }
            }
        }

        // Late when a latest date is before today: on working days, before the day numbered as today begins.
        var day = asOf is { } d0 ? scale.Begin(d0) : (int?)null;
        var last = DateOnly.MinValue;
        var result = new ScheduledActivity[n];
        for (var j = 0; j < n; j++)
        {
            ref readonly var x = ref node[j];
            var shiftStart = ShiftStart(shape[j]);
            var shiftFinish = ShiftFinish(shape[j]);
            var progress = (shape[j] & Finished) != 0 ? ActivityProgress.Finished
                : (shape[j] & Started) != 0 ? ActivityProgress.InProgress
                : ActivityProgress.NotStarted;
            var ls = x.Lf - (x.Ef - x.Es);
            // Late as of today: unfinished past its latest finish, or not started past its latest start; a node
            // forecast past its own due date is late already, before that date arrives.
            var late = day is { } today
                && (progress != ActivityProgress.Finished && (x.Lf - shiftFinish < today || x.Ef > x.Due)
                    || progress == ActivityProgress.NotStarted && ls - shiftStart < today);
            var total = x.Lf - x.Ef;
            var free = Math.Min(x.Slack, finish + shiftFinish - x.Ef);
            var a = activities[j];

            // Actual dates are printed as reported, even a day not counted (worked on a holiday).
            var earlyStart = (shape[j] & KindMask) == Task ? a.ActualStart ?? scale.Date(x.Es - shiftStart) : a.ActualFinish ?? a.ActualStart ?? scale.Date(x.Es - shiftStart);
            var earlyFinish = (shape[j] & KindMask) == Task ? a.ActualFinish ?? scale.Date(x.Ef - shiftFinish) : a.ActualFinish ?? a.ActualStart ?? scale.Date(x.Ef - shiftFinish);
            if (earlyFinish > last)
            {
                last = earlyFinish;
            }

            result[j] = new ScheduledActivity(
                a,
                progress,
                earlyStart,
                earlyFinish,
                scale.Date(ls - shiftStart),
                scale.Date(x.Lf - shiftFinish),
                total,
                Math.Max(free, 0),
                total <= critical,
                late)
            {
                DaysPastDue = progress != ActivityProgress.Finished && a.Due is { } due && earlyFinish > due ? scale.Between(due, earlyFinish) : null,
            };
        }

        return new ScheduleResult(start, last, deadline, asOf, critical, result) { Scale = scale };
    }

    /// <summary>Printed start = internal start − this: a milestone closing work sits at the end of the day before its instant.</summary>
    private static int ShiftStart(byte shape) => (shape & KindMask) == FinishMilestone ? 1 : 0;

    /// <summary>Printed finish = internal (exclusive) finish − this: the last day worked; a start milestone is its own day.</summary>
    private static int ShiftFinish(byte shape) => (shape & KindMask) == StartMilestone ? 0 : 1;

    /// <summary>Fixes the dates of an activity that has actual dates; returns the shape bits that say so.</summary>
    private static byte Actual(ScheduleActivity a, int j, byte kind, DayScale origin, ref Node node)
    {
        if (a.ActualStart is null && a.ActualFinish is null)
        {
            return 0;
        }

        if (kind != Task)
        {
            if (a.ActualStart is { } s0 && a.ActualFinish is { } f0 && s0 != f0)
            {
                throw new DomainException(
                    new($"节点“{a.Id}”的实际开始（{ChineseFormat.Date(s0)}）与实际完成（{ChineseFormat.Date(f0)}）应为同一天",
                        $"Milestone \"{a.Id}\" has an actual start ({Iso(s0)}) and an actual finish ({Iso(f0)}) on different days"),
                    Field(j, "actualFinish"));
            }

            node.Es = node.Ef = origin.End((a.ActualFinish ?? a.ActualStart)!.Value) - 1 + ShiftStart(kind);
            return Fixed | Started | Finished;
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
            node.Es = origin.Begin(start);
            node.Ef = a.ActualFinish is { } finish ? origin.End(finish) : node.Es + a.Duration;
        }
        else
        {
            node.Ef = origin.End(a.ActualFinish!.Value);
            node.Es = node.Ef - a.Duration;
        }

        return (byte)(Fixed | Started | (a.ActualFinish is null ? 0 : Finished));
    }

    private static DomainException OutOfRange() =>
        new(new("工期或搭接时间过长，推算的日期超出了可表示的范围", "Durations or lags too long: the computed dates fall outside the calendar"), "activities");

    private static string Ordinal(int index) => (index + 1).ToString(CultureInfo.InvariantCulture);

    private static string Field(int index, string name) => string.Create(CultureInfo.InvariantCulture, $"activities[{index}].{name}");

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
