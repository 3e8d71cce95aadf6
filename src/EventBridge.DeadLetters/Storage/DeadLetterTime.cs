using System.Globalization;

namespace EventBridge.DeadLetters.Storage;

/// <summary>Instants as fixed-width UTC text, so text order is time order (the intent store's format).</summary>
internal static class DeadLetterTime
{
    private const string Format = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public static string ToText(DateTimeOffset value) => value.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);

    public static string? ToNullableText(DateTimeOffset? value) => value is { } instant ? ToText(instant) : null;

    public static DateTimeOffset FromText(string text) =>
        DateTimeOffset.ParseExact(text, Format, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    public static DateTimeOffset? FromNullableText(string? text) => text is null ? null : FromText(text);

    public static string IdText(Guid id) => id.ToString("D");
}
