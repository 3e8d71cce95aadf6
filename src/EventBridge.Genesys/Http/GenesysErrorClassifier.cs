using System.Net;

namespace EventBridge.Genesys.Http;

/// <summary>Pure mapping of an HTTP status and Genesys error code to a <see cref="GenesysErrorKind"/> and a retry decision.</summary>
public static class GenesysErrorClassifier
{
    /// <param name="statusCode">HTTP status, or null when no response arrived (timeout, network error).</param>
    /// <param name="errorCode">Genesys <c>code</c> of the error body, if any.</param>
    public static GenesysErrorKind Classify(int? statusCode, string? errorCode)
    {
        if (statusCode is null)
            return GenesysErrorKind.Transient;

        var code = errorCode ?? "";
        return statusCode.Value switch
        {
            401 => GenesysErrorKind.Auth,
            // Genesys answers 403 both for missing permissions and for acting on a participant that has already
            // left; the latter is a state conflict the worker resolves by re-reading the conversation.
            403 when code.Contains("not.active.participant", StringComparison.OrdinalIgnoreCase) => GenesysErrorKind.Conflict,
            403 => GenesysErrorKind.Auth,
            404 => GenesysErrorKind.NotFound,
            409 => GenesysErrorKind.Conflict,
            408 or 429 => GenesysErrorKind.Transient,
            501 => GenesysErrorKind.Permanent,
            >= 500 => GenesysErrorKind.Transient,
            _ when code.EndsWith("not.found", StringComparison.OrdinalIgnoreCase) => GenesysErrorKind.NotFound,
            _ => GenesysErrorKind.Permanent,
        };
    }

    /// <summary>
    /// Whether the retry pipeline may resend a request that got this status. The one rule for writes that are not
    /// idempotent (POST, PATCH: the wrap-up calls, the disconnect, a new channel): resent only on 429, which says the
    /// call was not processed. A 5xx or a timeout may come after the effect (a gateway that gave up on a call Genesys
    /// did process), so the caller reads before it tries again — a blind resend of a wrap-up is a second wrap-up.
    /// Reads and idempotent writes (GET, HEAD, PUT, DELETE) are resent on 408, 429 and 5xx but 501.
    /// </summary>
    public static bool ShouldRetry(HttpMethod method, HttpStatusCode statusCode) => (int)statusCode switch
    {
        429 => true,
        408 or 500 or 502 or 503 or 504 => IsIdempotent(method),
        _ => false,
    };

    /// <summary>Whether a timeout or a lost connection may be retried: only where a repeat cannot do the thing twice.</summary>
    public static bool MayResendAfterNoAnswer(HttpMethod method) => IsIdempotent(method);

    private static bool IsIdempotent(HttpMethod method) =>
        method == HttpMethod.Get || method == HttpMethod.Head || method == HttpMethod.Put || method == HttpMethod.Delete || method == HttpMethod.Options;
}
