using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Keystone.Core;
using Keystone.Core.Data;
using Keystone.Core.Units;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Web;

/// <summary>
/// Every list the API returns: the page of items and the total across all pages, and for a list judged as of a
/// day, that day (the asOf asked for, else the scope's data date; absent from lists not judged by date).
/// </summary>
public sealed record ListResponse<T>(
    IReadOnlyList<T> Items,
    int Total,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateOnly? AsOf = null);

public static class ApiSupport
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 500;

    /// <summary>1-based page and a page size within bounds; out-of-range values are refused, not silently fixed.</summary>
    public static (int Skip, int Take) Paging(int? page, int? pageSize)
    {
        var errors = new List<DomainException>();
        if (page is < 1)
        {
            errors.Add(new(new("页码从1开始", "Pages start at 1"), "page"));
        }

        if (pageSize is < 1 or > MaxPageSize)
        {
            errors.Add(new(new($"每页条数应在1到{MaxPageSize}之间", $"The page size must be between 1 and {MaxPageSize}"), "pageSize"));
        }

        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }

        var size = pageSize ?? DefaultPageSize;
        return (((page ?? 1) - 1) * size, size);
    }

    public static void Require(List<DomainException> errors, bool present, string field, string zh, string en)
    {
        if (!present)
        {
            errors.Add(new(new($"{zh}不能为空", $"{en} is required"), field));
        }
    }

    /// <summary>Runs a value-object constructor, turning its refusal into a field error.</summary>
    public static T? Try<T>(List<DomainException> errors, string field, Func<T> make)
        where T : struct
    {
        try
        {
            return make();
        }
        catch (DomainException e)
        {
            errors.Add(new(e.Text, field));
            return null;
        }
    }

    public static Money? Amount(List<DomainException> errors, decimal? wan, string field, string zh, string en)
    {
        if (wan is not { } value)
        {
            return null;
        }

        if (value < 0)
        {
            errors.Add(new(new($"{zh}不能为负数", $"{en} cannot be negative"), field));
            return null;
        }

        if (value > 1_000_000_000_000m)
        {
            errors.Add(new(new($"{zh}超出范围", $"{en} is out of range"), field));
            return null;
        }

        return new Money(value);
    }

    public static void ThrowIfAny(List<DomainException> errors)
    {
        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }
    }
}

/// <summary>
/// Every DateOnly the API reads from JSON (plans, reports, problems, factors, schedules): yyyy-MM-dd and
/// within <see cref="SaneDate"/>'s range. A year such as 9999 is refused with a 400 naming the field, as
/// any other bad value, before the endpoint runs.
/// </summary>
public sealed class SaneDateJsonConverter : JsonConverter<DateOnly>
{
    public override DateOnly Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String
            || !DateOnly.TryParseExact(reader.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            throw new NotADateException();
        }

        return SaneDate.Contains(date) ? date : throw new OutOfRangeException(date);
    }

    public override void Write(Utf8JsonWriter writer, DateOnly value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

    /// <summary>Not a yyyy-MM-dd string (the serializer's own message would name the record, not the date); it adds the JSON path.</summary>
    public sealed class NotADateException() : JsonException("The value is not a date (yyyy-MM-dd)");

    /// <summary>A date outside the range; the serializer adds the JSON path it was found at.</summary>
    public sealed class OutOfRangeException(DateOnly date) : JsonException(SaneDate.OutOfRange(date).En)
    {
        public DateOnly Date { get; } = date;

        public Text Text => SaneDate.OutOfRange(Date);
    }
}
