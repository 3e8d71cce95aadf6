using System.Net.Http.Json;
using System.Text.Json;

namespace EventBridge.Api.Tests.Support;

/// <summary>
/// The real worker process (embedded simulator, demo logins) on a vhost of its own, with clients for each role and
/// the simulator's control API to start conversations.
/// </summary>
public sealed class ApiWorker : IAsyncDisposable
{
    public const string DemoQueueId = "5b1e7c2a-3f4d-4e8a-9c1b-2d3e4f5a6b7c";
    public const string PublisherKey = "publisher-demo-key";

    private readonly List<HttpClient> _clients = [];
    private WorkerStack? _stack;

    public Uri BaseUrl => _stack!.WorkerUrl;
    public Uri SimulatorUrl => _stack!.SimulatorUrl;

    /// <summary>The worker's broker (its own vhost): where a Node gateway would publish raw JSON.</summary>
    public Uri BrokerUri => _stack!.BrokerUri;

    /// <summary>The worker's own folder: its databases (so its default keys folder, <c>keys</c>) and its home directory, <c>home</c>.</summary>
    public string Folder => _stack!.Folder;

    public static async Task<ApiWorker> StartAsync(IReadOnlyDictionary<string, string?>? settings = null) =>
        new() { _stack = await WorkerStack.StartAsync("api", settings) };

    public string Output() => _stack?.Output() ?? "";

    /// <summary>A client with no credentials (cookies kept, so a login sticks).</summary>
    public HttpClient Anonymous()
    {
        var client = new HttpClient(new HttpClientHandler { UseCookies = true }) { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(90) };
        _clients.Add(client);
        return client;
    }

    public HttpClient WithApiKey(string key)
    {
        var client = Anonymous();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    public async Task<HttpClient> LoggedInAsync(string user, string password)
    {
        var client = Anonymous();
        using var response = await client.PostAsJsonAsync("/auth/login", new { username = user, password });
        Assert.That(response.IsSuccessStatusCode, Is.True, $"login as {user}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return client;
    }

    /// <summary>A web-messaging conversation answered by a demo agent, through the simulator's /sim API.</summary>
    public async Task<string> StartConversationAsync()
    {
        using var simulator = new HttpClient { BaseAddress = SimulatorUrl };
        using var response = await simulator.PostAsJsonAsync("/sim/conversations", new { queueId = DemoQueueId, answer = true });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("conversationId").GetString()!;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients) client.Dispose();
        if (_stack is not null) await _stack.DisposeAsync();
    }
}
