using EventBridge.Contracts;

namespace EventBridge.Pipeline.Intake;

/// <summary>What makes an intent malformed. Each problem is said so a gateway developer can fix the publisher.</summary>
public static class IntentValidator
{
    public const int MaxNotesLength = 1024;

    /// <summary>
    /// Largest intent message taken (64 KiB). A valid intent is well under 2 KiB (ids, a code, 1,024 characters of
    /// notes); anything bigger is a publisher bug or abuse, and is refused before it is stored or sent to Genesys.
    /// </summary>
    public const int MaxMessageBytes = 64 * 1024;

    private const int MaxIdLength = 128;

    /// <param name="messageBytes">Size of the message body as received, when known.</param>
    public static IReadOnlyList<string> Validate(WrapUpIntent intent, long? messageBytes = null)
    {
        var problems = new List<string>();
        if (messageBytes > MaxMessageBytes)
            problems.Add($"the message is {messageBytes} bytes, more than the {MaxMessageBytes} bytes (64 KiB) an intent may have");
        if (intent.IntentId == Guid.Empty)
            problems.Add("intentId is missing (a GUID chosen by the caller; the same id twice is one intent)");
        RequireId(problems, "conversationId", intent.ConversationId, required: true);
        if (string.IsNullOrWhiteSpace(intent.WrapUpCode))
            problems.Add("wrapUpCode is missing (a wrap-up code name or id)");
        else if (intent.WrapUpCode.Length > MaxIdLength)
            problems.Add($"wrapUpCode is longer than {MaxIdLength} characters");
        else if (HasControl(intent.WrapUpCode) || HasDotSegment(intent.WrapUpCode))
            problems.Add($"wrapUpCode '{Shown(intent.WrapUpCode)}' holds control characters or a '..' segment: no wrap-up code name or id does");
        RequireId(problems, "participantId", intent.ParticipantId, required: false);
        RequireId(problems, "userId", intent.UserId, required: false);
        if (intent.Notes is { Length: > MaxNotesLength })
            problems.Add($"notes are longer than {MaxNotesLength} characters");
        if (intent.RequestedBy is { } requestedBy && (requestedBy.Length > MaxIdLength || HasControl(requestedBy)))
            problems.Add($"requestedBy must be at most {MaxIdLength} characters without control characters");
        return problems;
    }

    /// <summary>C0, DEL and C1: never in an id or a code, and in a log or a URL they forge lines or paths.</summary>
    public static bool HasControl(string value) => value.Any(IsControl);

    private static bool IsControl(char c) => c < 0x20 || c is >= '\u007F' and <= '\u009F';

    private static bool HasDotSegment(string value) =>
        value == ".." || value.StartsWith("../", StringComparison.Ordinal) || value.StartsWith("..\\", StringComparison.Ordinal)
        || value.Contains("/..", StringComparison.Ordinal) || value.Contains("\\..", StringComparison.Ordinal);

    private static void RequireId(List<string> problems, string name, string? value, bool required)
    {
        if (string.IsNullOrEmpty(value))
        {
            if (required) problems.Add($"{name} is missing");
            return;
        }

        if (string.IsNullOrWhiteSpace(value)) problems.Add($"{name} is blank");
        else if (value.Length > MaxIdLength || HasControl(value) || value.Contains("..", StringComparison.Ordinal)
                 || value.Any(c => char.IsWhiteSpace(c) || c is '/' or '\\' or '?' or '#' or '%'))
            problems.Add($"{name} '{Shown(value)}' is not a Genesys id");
    }

    /// <summary>The value as a problem may echo it: cut to 40 characters, controls written as \uXXXX.</summary>
    private static string Shown(string value)
    {
        var cut = value.Length <= 40 ? value : value[..40] + "…";
        return HasControl(cut) ? string.Concat(cut.Select(c => IsControl(c) ? $"\\u{(int)c:X4}" : c.ToString())) : cut;
    }
}
