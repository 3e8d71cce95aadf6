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
        RequireId(problems, "participantId", intent.ParticipantId, required: false);
        RequireId(problems, "userId", intent.UserId, required: false);
        if (intent.Notes is { Length: > MaxNotesLength })
            problems.Add($"notes are longer than {MaxNotesLength} characters");
        return problems;
    }

    private static void RequireId(List<string> problems, string name, string? value, bool required)
    {
        if (string.IsNullOrEmpty(value))
        {
            if (required) problems.Add($"{name} is missing");
            return;
        }

        if (string.IsNullOrWhiteSpace(value)) problems.Add($"{name} is blank");
        else if (value.Length > MaxIdLength || value.Any(c => char.IsWhiteSpace(c) || c == '/' || c == '?' || c == '#'))
            problems.Add($"{name} '{Truncate(value)}' is not a Genesys id");
    }

    private static string Truncate(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
