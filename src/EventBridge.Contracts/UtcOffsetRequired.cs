using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace EventBridge.Contracts;

/// <summary>
/// Reads a time that must say its UTC offset (<c>2026-12-02T15:00:00Z</c>, <c>…+01:00</c>). Without one,
/// System.Text.Json takes the reading server's local zone, so the same deadline would mean a different moment on
/// every worker; the publisher is told instead.
/// </summary>
public sealed class UtcOffsetRequired : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        if (text is null || !HasOffset(text) ||
            !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var value))
        {
            throw new FieldFormatException("must be an ISO 8601 time with a UTC offset, e.g. 2026-12-02T15:00:00Z or 2026-12-02T16:00:00+01:00");
        }

        return value;
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value);
    }

    private static bool HasOffset(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.EndsWith('Z') || trimmed.EndsWith('z')) return true;
        // ±hh:mm or ±hhmm after the time part (the date's own '-' come before the 'T').
        var time = trimmed.IndexOf('T', StringComparison.OrdinalIgnoreCase);
        return time > 0 && trimmed.AsSpan(time).IndexOfAny('+', '-') > 0;
    }
}
