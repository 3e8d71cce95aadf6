using System.Net.Http.Json;
using System.Text.Json;

namespace EventBridge.Cli;

/// <summary>
/// The worker's HTTP API as the CLI calls it, with the API key on every request. No HTTP status throws: each call
/// answers an <see cref="ApiAnswer"/>, so every verb maps the answer to one exit code in one place.
/// </summary>
public sealed class SupportApi(HttpClient http)
{
    public const string ApiKeyHeader = "X-Api-Key";

    public static HttpClient CreateClient(Uri baseUrl, string? apiKey, TimeSpan timeout)
    {
        var client = new HttpClient { BaseAddress = baseUrl, Timeout = timeout };
        client.DefaultRequestHeaders.Accept.ParseAdd("application/json");
        client.DefaultRequestHeaders.Accept.ParseAdd("application/problem+json");
        if (!string.IsNullOrEmpty(apiKey)) client.DefaultRequestHeaders.Add(ApiKeyHeader, apiKey);
        return client;
    }

    public Task<ApiAnswer> GetAsync(string path, CancellationToken cancellationToken) => SendAsync(HttpMethod.Get, path, null, cancellationToken);

    public Task<ApiAnswer> PostAsync(string path, object body, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, path, body, cancellationToken);

    private async Task<ApiAnswer> SendAsync(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        try
        {
            using var request = new HttpRequestMessage(method, path.TrimStart('/'));
            if (body is not null) request.Content = JsonContent.Create(body, options: JsonSerializerOptions.Web);
            using var response = await http.SendAsync(request, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            return new ApiAnswer((int)response.StatusCode, Parse(text), response.ReasonPhrase);
        }
        catch (HttpRequestException unreachable)
        {
            return new ApiAnswer(0, null, $"EventBridge at {http.BaseAddress} is not reachable: {unreachable.Message}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new ApiAnswer(0, null, $"EventBridge at {http.BaseAddress} did not answer within {http.Timeout.TotalSeconds:0} s.");
        }
    }

    private static JsonElement? Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        try
        {
            return JsonDocument.Parse(text).RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
