using System.CommandLine;
using System.Globalization;

namespace EventBridge.Cli;

/// <summary>Arguments and options several verbs take, defined once so they read and validate the same everywhere.</summary>
internal static class VerbArguments
{
    public static Argument<long> LetterId() => new("letter-id") { Description = "The dead letter's number." };

    public static Argument<string> Reason() => new("reason") { Description = "The failure reason of the group." };

    /// <summary>"Only the letters that failed before …", validated here so a typo is a usage error, not a 400.</summary>
    public static Option<string?> FailedBefore()
    {
        var option = new Option<string?>("--failed-before")
        {
            Description = "Only the letters that failed before this time (ISO 8601 with its zone: 2026-12-01T00:00:00Z); give preview the same.",
        };
        option.Validators.Add(result =>
        {
            if (result.GetValue(option) is { } text && !IsInstantWithZone(text))
                result.AddError($"--failed-before must be an ISO 8601 time with its zone, such as 2026-12-01T00:00:00Z, not '{text}'.");
        });
        return option;
    }

    private static bool IsInstantWithZone(string text) =>
        (text.EndsWith('Z') || text.EndsWith('z') || text.Length > 6 && text[^6] is '+' or '-') &&
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out _);
}
