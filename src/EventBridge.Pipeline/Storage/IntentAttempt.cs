namespace EventBridge.Pipeline.Storage;

/// <summary>
/// One Genesys call made for an intent and what Genesys answered: support reads these to see why an intent failed
/// (which call, which status, Genesys's own message). <see cref="Detail"/> never holds tokens or secrets.
/// </summary>
public sealed record IntentAttempt
{
    public const string Ok = "ok";

    /// <summary>Genesys answered and said no (4xx: not permitted, conflict, not found, bad request).</summary>
    public const string Refused = "refused";

    /// <summary>No usable answer: timeout, network error, 429 or 5xx.</summary>
    public const string Error = "error";

    /// <summary>Longest <see cref="Detail"/> a journal keeps: enough for any Genesys message, bounded against a runaway body.</summary>
    public const int MaxStoredDetailLength = 2000;

    public const string Disconnect = "disconnect";
    public const string Confirm = "confirm";

    /// <summary>A conversation read (intake without a fresh snapshot, the settle queue's re-read, a confirmation's fallback).</summary>
    public const string Read = "read";

    public required Guid IntentId { get; init; }
    public required DateTimeOffset At { get; init; }

    /// <summary><c>read</c>, <c>disconnect</c>, <c>wrap-up communication-wrapup</c>, <c>wrap-up participant-patch</c> or <c>confirm</c>.</summary>
    public required string Action { get; init; }

    /// <summary><see cref="Ok"/>, <see cref="Refused"/> or <see cref="Error"/>.</summary>
    public required string Outcome { get; init; }

    /// <summary>The status Genesys answered with, when it answered with an error; null for a success or no answer.</summary>
    public int? HttpStatus { get; init; }

    public required string Detail { get; init; }

    /// <summary><see cref="Detail"/> as a journal stores it: at most <see cref="MaxStoredDetailLength"/> characters.</summary>
    public string StoredDetail => Detail.Length > MaxStoredDetailLength ? Detail[..MaxStoredDetailLength] : Detail;

    /// <summary>The action name of a wrap-up call (<c>communication-wrapup</c> or <c>participant-patch</c>).</summary>
    public static string WrapUp(string call) => $"wrap-up {call}";
}
