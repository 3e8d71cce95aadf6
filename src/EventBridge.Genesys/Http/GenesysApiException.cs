using System.Net;
using System.Text;
using EventBridge.Genesys.Models;

namespace EventBridge.Genesys.Http;

/// <summary>
/// A failed Genesys call. The message names the call, status, Genesys code and contextId (what Genesys support asks
/// for); it never contains tokens or secrets.
/// </summary>
public sealed class GenesysApiException : Exception
{
    public GenesysApiException()
    {
    }

    public GenesysApiException(string message)
        : base(message)
    {
    }

    public GenesysApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public GenesysApiException(
        GenesysErrorKind kind,
        HttpStatusCode? statusCode,
        string method,
        string path,
        ErrorBody? errorBody,
        string? contextId = null,
        TimeSpan? retryAfter = null,
        Exception? innerException = null)
        : base(Describe(kind, statusCode, method, path, errorBody, contextId ?? errorBody?.ContextId, innerException), innerException)
    {
        Kind = kind;
        StatusCode = statusCode;
        Method = method;
        Path = path;
        ErrorBody = errorBody;
        ContextId = contextId ?? errorBody?.ContextId;
        RetryAfter = retryAfter;
    }

    public GenesysErrorKind Kind { get; } = GenesysErrorKind.Permanent;

    /// <summary>Null when no response arrived (timeout, network error, local budget refused).</summary>
    public HttpStatusCode? StatusCode { get; }

    public string Method { get; } = "";

    /// <summary>Path and query of the call, without host or credentials.</summary>
    public string Path { get; } = "";

    public ErrorBody? ErrorBody { get; }

    /// <summary>Genesys <c>code</c>, e.g. <c>conversation.error.wrapup.code.required</c>.</summary>
    public string? ErrorCode => ErrorBody?.Code;

    /// <summary>Genesys <c>contextId</c> (or the <c>ININ-Correlation-Id</c> header): quote it to Genesys support.</summary>
    public string? ContextId { get; }

    /// <summary><c>Retry-After</c> of a 429/503, if sent.</summary>
    public TimeSpan? RetryAfter { get; }

    private static string Describe(
        GenesysErrorKind kind, HttpStatusCode? status, string method, string path, ErrorBody? body, string? contextId, Exception? inner)
    {
        var text = new StringBuilder($"Genesys call {method} {path} failed: ");
        text.Append(status is { } s ? $"{(int)s} {s}" : $"no response ({inner?.GetType().Name ?? "unknown"})");
        if (body?.Code is { Length: > 0 } code)
            text.Append($", code '{code}'");
        var message = body?.Message ?? body?.MessageWithParams;
        if (!string.IsNullOrWhiteSpace(message))
            text.Append($": {message.Trim()}");
        if (contextId is { Length: > 0 })
            text.Append($" (contextId {contextId})");
        text.Append($". {kind}: ").Append(Advice(kind));
        return text.ToString();
    }

    private static string Advice(GenesysErrorKind kind) => kind switch
    {
        GenesysErrorKind.Transient => "Genesys is busy or unreachable and retries ran out; try again later.",
        GenesysErrorKind.Auth => "the token was refused or the OAuth client lacks a permission; check its roles and grant.",
        GenesysErrorKind.NotFound => "the object does not exist or is not visible to this OAuth client.",
        GenesysErrorKind.Conflict => "the conversation changed state; re-read it before acting again.",
        _ => "the request was refused as invalid; resending it unchanged will not help.",
    };
}
