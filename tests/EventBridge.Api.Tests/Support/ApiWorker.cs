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
    private ChildProcess? _worker;
    private IsolatedVhost? _vhost;
    private string? _directory;

    public Uri BaseUrl { get; private set; } = null!;
    public Uri SimulatorUrl { get; private set; } = null!;

    /// <summary>The worker's broker (its own vhost): where a Node gateway would publish raw JSON.</summary>
    public Uri BrokerUri => _vhost!.Uri;

    /// <summary>The worker's own folder: its databases (so its default keys folder, <c>keys</c>) and its home directory, <c>home</c>.</summary>
    public string Folder => _directory!;

    public static async Task<ApiWorker> StartAsync(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var stack = new ApiWorker();
        try
        {
            await stack.StartCoreAsync(settings ?? new Dictionary<string, string?>());
            return stack;
        }
        catch
        {
            await TestContext.Progress.WriteLineAsync(stack.Output());
            await stack.DisposeAsync();
            throw;
        }
    }

    public string Output() => _worker?.Output() ?? "";

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
        _worker?.Dispose();
        if (_vhost is not null) await _vhost.DeleteAsync();
        if (_directory is not null && Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }

    private async Task StartCoreAsync(IReadOnlyDictionary<string, string?> settings)
    {
        _vhost = await IsolatedVhost.CreateAsync("api");
        _directory = Directory.CreateTempSubdirectory("eventbridge-api-").FullName;
        var port = WorkerProcess.FreePort();
        BaseUrl = new Uri($"http://127.0.0.1:{port}");
        SimulatorUrl = new Uri($"http://127.0.0.1:{WorkerProcess.FreePort()}");
        var all = new Dictionary<string, string?>
        {
            ["RabbitMq__Uri"] = _vhost.Uri.ToString(),
            ["EmbeddedSimulator__Url"] = SimulatorUrl.ToString().TrimEnd('/'),
            ["IntentStore__Path"] = Path.Combine(_directory, "intents.db"),
            ["DeadLetters__Path"] = Path.Combine(_directory, "dead-letters.db"),
            // A home of its own: whatever the worker would write there is seen, and the runner's home stays untouched.
            ["HOME"] = Directory.CreateDirectory(Path.Combine(_directory, "home")).FullName,
        };
        foreach (var (key, value) in settings) all[key] = value;
        _worker = WorkerProcess.Start("worker", port, all);
        await WorkerProcess.WaitReadyAsync(_worker, port);
    }
}
