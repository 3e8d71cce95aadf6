using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace EventBridge.Genesys.Models;

/// <summary>
/// Genesys writes and expects ISO-8601 UTC with milliseconds and a <c>Z</c> (<c>2024-05-01T10:00:00.000Z</c>);
/// reading also accepts any ISO-8601 offset.
/// </summary>
public sealed class GenesysDateTimeOffsetConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TryGetDateTimeOffset(out var value))
            return value;
        var text = reader.GetString();
        return DateTimeOffset.Parse(text ?? "", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
}
