using EventBridge.Genesys.Http;

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

    /// <summary>Genesys's error <c>code</c> (e.g. <c>conversation.error.wrapup.code.required</c>), when it answered with one.</summary>
    public string? GenesysCode { get; init; }

    /// <summary>Genesys's own <c>message</c>, when it answered with one: what support reads as "Genesys said".</summary>
    public string? GenesysMessage { get; init; }

    /// <summary>Genesys's <c>contextId</c> of the call (or its correlation header): what Genesys support asks for.</summary>
    public string? ContextId { get; init; }

    /// <summary>EventBridge's account of the call (which call, for what, and the advice); never Genesys's words alone.</summary>
    public required string Detail { get; init; }

    /// <summary>Longest <see cref="GenesysCode"/> or <see cref="ContextId"/> a journal keeps (Genesys's are well under 100).</summary>
    public const int MaxStoredFieldLength = 200;

    /// <summary><see cref="Detail"/> as a journal stores it: at most <see cref="MaxStoredDetailLength"/> characters.</summary>
    public string StoredDetail => Cut(Detail, MaxStoredDetailLength)!;

    /// <summary><see cref="GenesysMessage"/> as a journal stores it: at most <see cref="MaxStoredDetailLength"/> characters.</summary>
    public string? StoredGenesysMessage => Cut(GenesysMessage, MaxStoredDetailLength);

    public string? StoredGenesysCode => Cut(GenesysCode, MaxStoredFieldLength);

    public string? StoredContextId => Cut(ContextId, MaxStoredFieldLength);

    /// <summary>
    /// This attempt with what Genesys answered a failed call: status, code, message and contextId, each kept apart so
    /// support sees Genesys's words as Genesys's. Null (a success) or no response leaves them empty.
    /// </summary>
    public IntentAttempt AnsweredWith(GenesysApiException? failure) => failure is null ? this : this with
    {
        HttpStatus = (int?)failure.StatusCode,
        GenesysCode = failure.ErrorCode,
        GenesysMessage = failure.ErrorBody?.Message ?? failure.ErrorBody?.MessageWithParams,
        ContextId = failure.ContextId,
    };

    /// <summary>
    /// The outcome of a call that ended with <paramref name="failure"/> (null: it worked). Transient means no usable
    /// answer (timeout, 429, 5xx); every other kind is Genesys saying no.
    /// </summary>
    public static string OutcomeOf(GenesysApiException? failure) =>
        failure is null ? Ok : failure.Kind == GenesysErrorKind.Transient ? Error : Refused;

    private static string? Cut(string? text, int length) => text is not null && text.Length > length ? text[..length] : text;

    /// <summary>The action name of a wrap-up call (<c>communication-wrapup</c> or <c>participant-patch</c>).</summary>
    public static string WrapUp(string call) => $"wrap-up {call}";
}
