namespace Keystone.Core.Calendar;

/// <summary>
/// A day of a notice an operator imported (<c>keystone calendar import</c>): stored so every node and every
/// command counts deadlines on the same calendar. A year present here replaces the shipped notice's year whole.
/// </summary>
public sealed class CalendarEntry
{
    public const int MaxNameLength = 50;

    public CalendarEntry(CalendarDay day, DateTimeOffset importedAt, string? importedBy)
    {
        SaneDate.Check(day.Date, "日期");

        var name = day.Name.Trim();
        if (name.Length is 0 or > MaxNameLength)
        {
            throw new DomainException(new($"{day.Date:yyyy-MM-dd}的节日名称不能为空且不超过{MaxNameLength}个字", $"The name of {day.Date:yyyy-MM-dd} must be 1 to {MaxNameLength} characters"));
        }

        Date = day.Date;
        Kind = day.Kind;
        Name = name;
        ImportedAt = importedAt.ToUniversalTime();
        ImportedBy = importedBy;
    }

    private CalendarEntry()
    {
        Name = "";
    }

    public DateOnly Date { get; private set; }

    public CalendarDayKind Kind { get; private set; }

    public string Name { get; private set; }

    public DateTimeOffset ImportedAt { get; private set; }

    public string? ImportedBy { get; private set; }

    public CalendarDay ToDay() => new(Date, Kind, Name);
}
