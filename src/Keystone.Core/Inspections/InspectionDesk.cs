using Keystone.Core.Data;
using Keystone.Core.Problems;
using Keystone.Core.Units;

namespace Keystone.Core.Inspections;

/// <summary>An instruction as recorded: to whom, the leader's words, by when the reply is due.</summary>
public sealed record InstructionEntry
{
    public required AddresseeKind Kind { get; init; }

    /// <summary>The addressee's name; for a unit, its name as the tree has it.</summary>
    public required string Addressee { get; init; }

    /// <summary>The unit addressed, when <see cref="Kind"/> is <see cref="AddresseeKind.Unit"/>.</summary>
    public int? UnitId { get; init; }

    /// <summary>The words as the leader said them ("新荣区要抢抓发展机遇，强化服务保障…").</summary>
    public required string Words { get; init; }

    /// <summary>A short title for lists; the words' first clause when not given.</summary>
    public string? Title { get; init; }

    public required DateOnly Deadline { get; init; }

    public ProblemCategory Category { get; init; } = ProblemCategory.Other;
}

/// <summary>The write side of inspections shared by the API and the demo: an instruction becomes a problem of the loop.</summary>
public static class InspectionDesk
{
    public const int TitleFromWords = 40;

    /// <summary>
    /// Records an instruction given at <paramref name="stop"/>: raises its problem (source: the inspection, with
    /// the leader, the day and the words) in the addressed unit, else the stop's, on the stop's project or
    /// enterprise — routed at once to an enterprise, contractor or department by name; a unit routes it itself.
    /// </summary>
    public static async Task<InspectionInstruction> InstructAsync(
        AppDbContext db, OrgTree tree, Inspection inspection, InspectionStop stop, InstructionEntry entry, int? projectEnterpriseId, string by, DateTimeOffset at, DateOnly on, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(inspection);
        ArgumentNullException.ThrowIfNull(stop);
        ArgumentNullException.ThrowIfNull(entry);
        var errors = new List<DomainException>();
        if (inspection.HeldOn > on)
        {
            errors.Add(new(new($"调研日期{ChineseFormat.Date(inspection.HeldOn)}尚未到来，不能记录交办事项", $"The inspection is on {inspection.HeldOn:yyyy-MM-dd}; its instructions cannot be recorded before"), "date"));
        }

        if (!Enum.IsDefined(entry.Kind))
        {
            errors.Add(new(new("交办对象类型无效：可用 unit、enterprise、contractor、department", "The addressee kind is not valid: use unit, enterprise, contractor or department"), "to"));
        }

        var addressee = Inspection.Clean(entry.Addressee);
        if (addressee is null || addressee.Length > Problem.MaxNameLength)
        {
            errors.Add(new(new("交办对象不能为空，且不超过100字", "The addressee is required and at most 100 characters"), "addressee"));
        }

        if (entry.Kind == AddresseeKind.Unit && (entry.UnitId is not { } unit || !tree.Contains(unit) || !tree.IsWithin(unit, inspection.OrgUnitId)))
        {
            errors.Add(new(new($"找不到单位“{addressee}”：交办单位须在调研单位范围内", $"No unit \"{addressee}\" within the inspecting unit's scope"), "addressee"));
        }

        var words = Inspection.Clean(entry.Words);
        if (words is null)
        {
            errors.Add(new(new("交办原话不能为空", "The words of the instruction are required"), "words"));
        }

        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }

        var raise = new ProblemRaise
        {
            UnitId = entry.Kind == AddresseeKind.Unit ? entry.UnitId!.Value : stop.OrgUnitId,
            ProjectId = stop.ProjectId,
            EnterpriseId = stop.EnterpriseId ?? projectEnterpriseId,
            Title = Inspection.Clean(entry.Title) ?? TitleOf(words!),
            Category = entry.Category,
            Deadline = entry.Deadline,
            Department = entry.Kind == AddresseeKind.Unit ? null : addressee,
            Origin = inspection.Origin(words!),
        };
        var problem = await ProblemDesk.RaiseAsync(db, raise, by, at, on, ct);
        var instruction = stop.Instruct(problem, entry.Kind, addressee!, entry.Kind == AddresseeKind.Unit ? entry.UnitId : null);
        await db.SaveChangesAsync(ct);
        return instruction;
    }

    /// <summary>The words' first clause ("新荣区要抢抓发展机遇"), at most <see cref="TitleFromWords"/> characters.</summary>
    public static string TitleOf(string words)
    {
        ArgumentNullException.ThrowIfNull(words);
        var cut = words.IndexOfAny(['，', '。', '；', ',', ';']);
        var clause = (cut > 0 ? words[..cut] : words).Trim();
        return clause.Length <= TitleFromWords ? clause : clause[..TitleFromWords] + "…";
    }
}
