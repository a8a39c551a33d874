using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keystone.Core;

// The value objects as JSON: the plain number or text a person would write, never their computed
// properties. Stored snapshots (closed months) depend on these reading back exactly what was written.

internal sealed class MoneyJsonConverter : JsonConverter<Money>
{
    public override Money Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => new(reader.GetDecimal());

    public override void Write(Utf8JsonWriter writer, Money value, JsonSerializerOptions options) => writer.WriteNumberValue(value.Wan);
}

internal sealed class AreaJsonConverter : JsonConverter<Area>
{
    public override Area Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => new(reader.GetDecimal());

    public override void Write(Utf8JsonWriter writer, Area value, JsonSerializerOptions options) => writer.WriteNumberValue(value.SquareMetres);
}

internal sealed class PercentJsonConverter : JsonConverter<Percent>
{
    public override Percent Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => new(reader.GetDecimal());

    public override void Write(Utf8JsonWriter writer, Percent value, JsonSerializerOptions options) => writer.WriteNumberValue(value.Value);
}

internal sealed class PeriodJsonConverter : JsonConverter<Period>
{
    public override Period Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => Period.Parse(reader.GetString() ?? "");

    public override void Write(Utf8JsonWriter writer, Period value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
}

internal sealed class UsccJsonConverter : JsonConverter<Uscc>
{
    public override Uscc Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => new(reader.GetString() ?? "");

    public override void Write(Utf8JsonWriter writer, Uscc value, JsonSerializerOptions options) => writer.WriteStringValue(value.Value);
}
