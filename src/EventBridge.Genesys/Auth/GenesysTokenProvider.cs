using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using EventBridge.Genesys.Http;
using EventBridge.Genesys.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EventBridge.Genesys.Auth;

/// <summary>
/// Client-credentials token for the whole process: fetched on first use, cached, refreshed ahead of its
/// <c>expires_in</c> (Genesys has no refresh token for this grant, so refreshing is logging in again), one refresh at a
/// time however many callers ask.
/// </summary>
public sealed class GenesysTokenProvider : IDisposable
{
    internal const string LoginClientName = "EventBridge.Genesys.Login";
    internal const double RefreshMarginOfLifetime = 0.1;

    private readonly IHttpClientFactory _httpClients;
    private readonly GenesysOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<GenesysTokenProvider> _logger;
    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private volatile CachedToken? _token;
    private long _refreshes;

    public GenesysTokenProvider(
        IHttpClientFactory httpClients, IOptions<GenesysOptions> options, TimeProvider time, ILogger<GenesysTokenProvider> logger)
    {
        _httpClients = httpClients;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    /// <summary>Expiry facts of the cached token, or null before the first login.</summary>
    public AccessTokenInfo? Current => _token is { } t ? new AccessTokenInfo(t.AcquiredAt, t.RefreshAt, t.ExpiresAt, Interlocked.Read(ref _refreshes)) : null;

    public async ValueTask<string> GetAccessTokenAsync(CancellationToken cancellationToken = default)
    {
        if (_token is { } cached && _time.GetUtcNow() < cached.RefreshAt)
            return cached.Value;

        await _refreshing.WaitAsync(cancellationToken);
        try
        {
            // Another caller may have refreshed while this one waited.
            if (_token is { } fresh && _time.GetUtcNow() < fresh.RefreshAt)
                return fresh.Value;

            var token = await LoginAsync(cancellationToken);
            _token = token;
            Interlocked.Increment(ref _refreshes);
            if (_logger.IsEnabled(LogLevel.Information))
            {
                _logger.LogInformation(
                    "Genesys token acquired for client {ClientId}, expires {ExpiresAt:o}, refresh at {RefreshAt:o}",
                    _options.ClientId, token.ExpiresAt, token.RefreshAt);
            }

            return token.Value;
        }
        finally
        {
            _refreshing.Release();
        }
    }

    /// <summary>
    /// Drops the cached token if it is the one Genesys refused (401: revoked, or the OAuth client changed). Comparing
    /// with the refused token keeps concurrent 401s from throwing away a token that was already renewed.
    /// </summary>
    public void Invalidate(string rejectedToken)
    {
        var current = _token;
        if (current is not null && current.Value == rejectedToken)
        {
            Interlocked.CompareExchange(ref _token, null, current);
            _logger.LogWarning("Genesys refused the token of client {ClientId}; logging in again", _options.ClientId);
        }
    }

    public void Dispose() => _refreshing.Dispose();

    private async Task<CachedToken> LoginAsync(CancellationToken cancellationToken)
    {
        var loginUri = new Uri(_options.ResolveLoginBaseUrl(), "oauth/token");
        using var request = new HttpRequestMessage(HttpMethod.Post, loginUri)
        {
            Content = new FormUrlEncodedContent([new("grant_type", "client_credentials")]),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{_options.ClientId}:{_options.ClientSecret}")));

        var started = _time.GetUtcNow();
        var http = _httpClients.CreateClient(LoginClientName);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or Polly.Timeout.TimeoutRejectedException)
        {
            throw new GenesysApiException(GenesysErrorKind.Transient, null, "POST", loginUri.AbsoluteUri, null, innerException: ex);
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
                throw LoginFailed(response, loginUri, body);

            var reply = TryParse(body, AuthJsonContext.Default.TokenResponse);
            if (reply?.AccessToken is not { Length: > 0 } accessToken || reply.ExpiresIn is not > 0)
            {
                throw new GenesysApiException(
                    GenesysErrorKind.Permanent, response.StatusCode, "POST", loginUri.AbsoluteUri,
                    new ErrorBody { Message = "login reply lacks access_token or expires_in" });
            }

            var lifetime = TimeSpan.FromSeconds(reply.ExpiresIn.Value);
            var margin = TimeSpan.FromTicks(Math.Min(_options.TokenRefreshBefore.Ticks, (long)(lifetime.Ticks * RefreshMarginOfLifetime)));
            // Lifetime counts from when Genesys issued the token, which is no earlier than when we asked.
            return new CachedToken(accessToken, started, started + lifetime - margin, started + lifetime);
        }
    }

    private GenesysApiException LoginFailed(HttpResponseMessage response, Uri loginUri, string body)
    {
        var oauth = TryParse(body, AuthJsonContext.Default.OAuthErrorResponse);
        var genesys = TryParse(body, GenesysJsonContext.Default.ErrorBody);
        var status = (int)response.StatusCode;
        // The login host answers a wrong id or secret with 400/401 invalid_client: both are credential problems.
        var kind = status is 400 or 401 or 403 ? GenesysErrorKind.Auth : GenesysErrorClassifier.Classify(status, genesys?.Code);
        var error = new ErrorBody
        {
            Code = oauth?.Error ?? genesys?.Code,
            Message = $"{oauth?.ErrorDescription ?? oauth?.Description ?? genesys?.Message ?? "login refused"} " +
                      $"(OAuth client '{_options.ClientId}'; check Genesys:ClientId, Genesys:ClientSecret and that the client uses the Client Credentials grant)",
            Status = status,
            ContextId = genesys?.ContextId,
        };
        return new GenesysApiException(
            kind, response.StatusCode, "POST", loginUri.AbsoluteUri, error, retryAfter: RetryAfterReader.Read(response, _time));
    }

    private static T? TryParse<T>(string body, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo) where T : class
    {
        try
        {
            return string.IsNullOrWhiteSpace(body) ? null : JsonSerializer.Deserialize(body, typeInfo);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record CachedToken(string Value, DateTimeOffset AcquiredAt, DateTimeOffset RefreshAt, DateTimeOffset ExpiresAt)
    {
        // Records print their members; the token must never reach a log.
        public override string ToString() => $"Token {{ RefreshAt = {RefreshAt:o}, ExpiresAt = {ExpiresAt:o} }}";
    }
}
