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
    /// Whether the retry pipeline may resend a request that got this status. 500 is resent only for reads: a 500 on
    /// a wrap-up or disconnect may already have taken effect.
    /// </summary>
    public static bool ShouldRetry(HttpMethod method, HttpStatusCode statusCode) => (int)statusCode switch
    {
        408 or 429 or 502 or 503 or 504 => true,
        500 => method == HttpMethod.Get || method == HttpMethod.Head,
        _ => false,
    };
}
