using System.Globalization;
using System.Text.RegularExpressions;

namespace EventBridge.Pipeline.Storage;

/// <summary>
/// A time a person or a script gives a filter (<c>from</c>, <c>failedBefore</c>). Without a zone it would mean a
/// different instant on every machine that reads it, so it is refused rather than guessed; every API reads it here.
/// </summary>
public static partial class ZonedInstant
{
    /// <summary>What to tell the caller whose <paramref name="name"/> could not be read.</summary>
    public static string Problem(string name) =>
        $"{name} must be an ISO 8601 time with its zone, such as 2026-12-07T09:00:00Z or 2026-12-07T10:00:00+01:00.";

    /// <summary>True with the instant for ISO 8601 text that ends in its zone (<c>Z</c> or an offset); false otherwise.</summary>
    public static bool TryParse(string text, out DateTimeOffset instant)
    {
        instant = default;
        var trimmed = text.Trim();
        return ZoneAtEnd().IsMatch(trimmed) && DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.None, out instant);
    }

    [GeneratedRegex(@"(Z|[+-]\d{2}:?\d{2})$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ZoneAtEnd();
}
