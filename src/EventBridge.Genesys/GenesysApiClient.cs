using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using EventBridge.Genesys.Http;
using EventBridge.Genesys.Models;
using EventBridge.Genesys.Notifications;
using Polly.RateLimiting;
using Polly.Timeout;

namespace EventBridge.Genesys;

/// <summary>
/// Client of the Genesys Cloud Platform API, one per process: each call takes an HttpClient from IHttpClientFactory
/// (pooled handlers, rotated DNS), so singletons — the settler, the channel pool — hold this client directly instead
/// of resolving a transient typed client from a scope. Auth, the request budget and retries live in the named
/// client's handlers; this class builds requests and turns failures into <see cref="GenesysApiException"/>. The calls
/// are grouped by feature in partial files under Conversations/, WrapupCodes/ and Notifications/.
/// </summary>
public sealed partial class GenesysApiClient(IHttpClientFactory clients, TimeProvider time)
{
    /// <summary>The named HttpClient with the API's handler pipeline (auth, budget, retries).</summary>
    public const string HttpClientName = "EventBridge.Genesys.Api";

    private static readonly MediaTypeHeaderValue JsonMediaType = new("application/json") { CharSet = "utf-8" };

    private async Task<T> SendAsync<T>(
        HttpMethod method, string path, HttpContent? content, JsonTypeInfo<T> responseType, CancellationToken cancellationToken,
        GenesysCallPriority? priority = null)
    {
        using var response = await SendCheckedAsync(method, path, content, cancellationToken, priority: priority);
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        return await JsonSerializer.DeserializeAsync(stream, responseType, cancellationToken)
            ?? throw new GenesysApiException(
                GenesysErrorKind.Permanent, response.StatusCode, method.Method, Shown(path), new ErrorBody { Message = "empty reply body" });
    }

    private async Task SendAsync(HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken,
        GenesysCallPriority? priority = null)
    {
        using var response = await SendCheckedAsync(method, path, content, cancellationToken, priority: priority);
    }

    /// <summary>Sends and returns the response if successful (or if <paramref name="tolerated"/>); otherwise throws.</summary>
    private async Task<HttpResponseMessage> SendCheckedAsync(
        HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken, HttpStatusCode? tolerated = null,
        GenesysCallPriority? priority = null)
    {
        using var call = GenesysTracing.StartCall(method, path);
        using var request = new HttpRequestMessage(method, path) { Content = content };
        request.Options.Set(GenesysCallPriority.RequestOption, priority ?? GenesysCallPriority.Intake);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        HttpResponseMessage response;
        try
        {
            response = await clients.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutRejectedException or RateLimiterRejectedException)
        {
            call?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, "no answer");
            throw new GenesysApiException(GenesysErrorKind.Transient, null, method.Method, Shown(path), null, innerException: ex);
        }

        call?.SetTag("http.response.status_code", (int)response.StatusCode);
        if (response.IsSuccessStatusCode || response.StatusCode == tolerated)
            return response;

        call?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, $"{(int)response.StatusCode}");

        using (response)
            throw await ToExceptionAsync(response, method, path, cancellationToken);
    }

    private async Task<GenesysApiException> ToExceptionAsync(
        HttpResponseMessage response, HttpMethod method, string path, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        ErrorBody? body = null;
        try
        {
            if (!string.IsNullOrWhiteSpace(text))
                body = JsonSerializer.Deserialize(text, GenesysJsonContext.Default.ErrorBody);
        }
        catch (JsonException)
        {
            // Proxies and gateways answer with HTML or plain text; keep a short, human-readable piece of it.
            body = new ErrorBody { Message = text.Length > 200 ? text[..200] : text };
        }

        var contextId = body?.ContextId
            ?? (response.Headers.TryGetValues("ININ-Correlation-Id", out var ids) ? ids.FirstOrDefault() : null);
        var kind = GenesysErrorClassifier.Classify((int)response.StatusCode, body?.Code);
        var retryAfter = RetryAfterReader.Read(response, time);
        if (ChannelIdIn(path) is { } channelId && body is not null)
        {
            body = body with
            {
                Message = body.Message is null ? null : ChannelTag.Redact(body.Message, channelId),
                MessageWithParams = body.MessageWithParams is null ? null : ChannelTag.Redact(body.MessageWithParams, channelId),
                MessageParams = null,
            };
        }

        return new GenesysApiException(kind, response.StatusCode, method.Method, Shown(path), body, contextId, retryAfter);
    }

    private const string ChannelsPath = "api/v2/notifications/channels/";

    /// <summary>The path as errors show it: "/" + path, with a channel id (a credential) replaced by its tag.</summary>
    private static string Shown(string path) => "/" + (ChannelIdIn(path) is { } channelId ? ChannelTag.Redact(path, channelId) : path);

    private static string? ChannelIdIn(string path)
    {
        if (!path.StartsWith(ChannelsPath, StringComparison.Ordinal) || path.Length == ChannelsPath.Length)
            return null;
        var rest = path.AsSpan(ChannelsPath.Length);
        var end = rest.IndexOfAny('/', '?');
        return Uri.UnescapeDataString((end < 0 ? rest : rest[..end]).ToString());
    }

    /// <summary>
    /// Bytes, not a stream: the retry pipeline and the 401 handler resend the same request, and a consumed stream
    /// cannot be read twice.
    /// </summary>
    private static ByteArrayContent Json<T>(T value, JsonTypeInfo<T> typeInfo)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(value, typeInfo));
        content.Headers.ContentType = JsonMediaType;
        return content;
    }

    private static string Segment(string id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        return Uri.EscapeDataString(id);
    }
}
