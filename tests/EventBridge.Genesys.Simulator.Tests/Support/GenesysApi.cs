using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using EventBridge.Genesys.Simulator.Hosting;

namespace EventBridge.Genesys.Simulator.Tests.Support;

/// <summary>A bare HTTP client speaking to the simulator the way a Genesys client would.</summary>
internal sealed class GenesysApi : IDisposable
{
    private readonly HttpClient _http;

    public GenesysApi(Uri baseUri) => _http = new HttpClient { BaseAddress = baseUri };

    public string? Token { get; set; }

    public static async Task<GenesysApi> LoginAsync(Uri baseUri)
    {
        var api = new GenesysApi(baseUri);
        using var response = await api.RequestTokenAsync(OAuthClientOptions.DemoClientId, OAuthClientOptions.DemoClientSecret);
        response.EnsureSuccessStatusCode();
        api.Token = (await ReadJsonAsync(response)).GetProperty("access_token").GetString();
        return api;
    }

    public async Task<HttpResponseMessage> RequestTokenAsync(string clientId, string secret)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "oauth/token")
        {
            Content = new FormUrlEncodedContent([new("grant_type", "client_credentials")]),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{clientId}:{secret}")));
        return await _http.SendAsync(request);
    }

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body = null)
    {
        var request = new HttpRequestMessage(method, path.TrimStart('/'));
        if (body is not null)
            request.Content = JsonContent.Create(body, options: SimulatorJson.Options);
        if (Token is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        return _http.SendAsync(request);
    }

    public async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await SendAsync(HttpMethod.Get, path);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return await ReadJsonAsync(response);
    }

    public async Task<JsonElement> CreateChannelAsync()
    {
        using var response = await SendAsync(HttpMethod.Post, "api/v2/notifications/channels");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return await ReadJsonAsync(response);
    }

    public async Task SubscribeAsync(string channelId, params string[] topics)
    {
        using var response = await SendAsync(HttpMethod.Put, $"api/v2/notifications/channels/{channelId}/subscriptions",
            topics.Select(t => new { id = t }).ToArray());
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
    }

    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        using var doc = JsonDocument.Parse(text);
        return doc.RootElement.Clone();
    }

    public void Dispose() => _http.Dispose();
}
