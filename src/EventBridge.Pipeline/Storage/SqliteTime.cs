using System.Globalization;

namespace EventBridge.Pipeline.Storage;

/// <summary>How the SQLite store writes instants: UTC ISO-8601 text with all seven fraction digits.</summary>
internal static class SqliteTime
{
    // Fixed width and always UTC, so text order is time order (deadline <= @now works on the text) and every tick of a
    // DateTimeOffset survives. The offset itself is not kept: values come back as the same instant at +00:00.
    private const string Format = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public static string ToText(DateTimeOffset value) =>
        value.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);

    public static string? ToNullableText(DateTimeOffset? value) => value is { } instant ? ToText(instant) : null;

    public static DateTimeOffset FromText(string text) =>
        DateTimeOffset.ParseExact(text, Format, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    public static DateTimeOffset? FromNullableText(string? text) => text is null ? null : FromText(text);
}
