using System.Net.Http.Json;
using System.Text.Json;

namespace EventBridge.Dashboard.Tests;

/// <summary>
/// The worker as a real process with its embedded Genesys simulator, on a vhost of its own, with the demo logins
/// (no Auth section configured). Tests drive the simulator through /sim and submit intents over the HTTP API with the
/// demo publisher key, as a gateway would.
/// </summary>
public sealed class DashboardStack : IAsyncDisposable
{
    public const string SupportUser = "support";
    public const string SupportPassword = "support-demo";
    public const string ViewerUser = "viewer";
    public const string ViewerPassword = "viewer-demo";
    public const string PublisherKey = "publisher-demo-key";
    public const string DemoQueueId = "5b1e7c2a-3f4d-4e8a-9c1b-2d3e4f5a6b7c";

    private WorkerStack? _stack;

    private DashboardStack()
    {
    }

    public Uri WorkerUrl => _stack!.WorkerUrl;

    public Uri SimulatorUrl => _stack!.SimulatorUrl;

    /// <summary>The simulator's control API (/sim): no auth.</summary>
    public HttpClient Simulator { get; private set; } = null!;

    /// <summary>The worker's API as the demo publisher (X-Api-Key).</summary>
    public HttpClient Publisher { get; private set; } = null!;

    public static async Task<DashboardStack> StartAsync()
    {
        var stack = new DashboardStack();
        try
        {
            await stack.StartCoreAsync();
            return stack;
        }
        catch
        {
            await stack.DisposeAsync();
            throw;
        }
    }

    public string Output() => _stack?.Output() ?? "(worker not started)";

    public async ValueTask DisposeAsync()
    {
        Simulator?.Dispose();
        Publisher?.Dispose();
        if (_stack is not null) await _stack.DisposeAsync();
    }

    /// <summary>An answered conversation on the demo queue (agent connected); returns its id.</summary>
    public async Task<string> StartConversationAsync()
    {
        var created = await PostAsync(Simulator, "sim/conversations", new { queueId = DemoQueueId, answer = true });
        return created.GetProperty("conversationId").GetString()!;
    }

    public Task CustomerEndsAsync(string conversationId) => PostAsync(Simulator, $"sim/conversations/{conversationId}/customer-ends", new { });

    /// <summary>POST /api/intents as the publisher; returns the intent id.</summary>
    public async Task<Guid> SubmitIntentAsync(string conversationId, string code, bool disconnect, string notes = "dashboard test")
    {
        var intentId = Guid.NewGuid();
        await PostAsync(Publisher, "api/intents", new
        {
            intentId,
            conversationId,
            wrapUpCode = code,
            disconnect,
            notes,
            requestedBy = "EventBridge.Dashboard.Tests",
        });
        return intentId;
    }

    public async Task<JsonElement> GetIntentAsync(Guid intentId) => await Publisher.GetFromJsonAsync<JsonElement>($"api/intents/{intentId}");

    /// <summary>Waits until the store holds a final status for the intent.</summary>
    public async Task<string> WaitForFinalStatusAsync(Guid intentId, TimeSpan timeout)
    {
        var status = await Eventually.GetAsync(async () =>
        {
            using var response = await Publisher.GetAsync($"api/intents/{intentId}");
            if (!response.IsSuccessStatusCode) return null;
            var intent = await response.Content.ReadFromJsonAsync<JsonElement>();
            var value = intent.GetProperty("status").GetString();
            return value is "Applied" or "Failed" ? value : null;
        }, timeout, $"intent {intentId} to reach Applied or Failed");
        return status;
    }

    public async Task<JsonElement> SimulatorChannelsAsync() => await Simulator.GetFromJsonAsync<JsonElement>("sim/channels");

    public static async Task<JsonElement> PostAsync(HttpClient http, string path, object body)
    {
        using var response = await http.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
            Assert.Fail($"POST {http.BaseAddress}{path} answered {(int)response.StatusCode}: {text}");
        return string.IsNullOrWhiteSpace(text) ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    private async Task StartCoreAsync()
    {
        _stack = await WorkerStack.StartAsync("dashboard", new Dictionary<string, string?>
        {
            // Heartbeats every few seconds, so the page's heartbeat age visibly resets.
            ["Simulator__HeartbeatInterval"] = "00:00:05",
            // A dropped socket waits 3–6 s before reconnecting: long enough for the page (polling every 2 s) to show it.
            ["Subscriptions__ReconnectBaseDelay"] = "00:00:06",
            ["Subscriptions__ReconnectMaxDelay"] = "00:00:06",
            // The first retention pass at once, so the store panel has sizes to show.
            ["Retention__FirstPassAfter"] = "00:00:00",
        });
        Simulator = new HttpClient { BaseAddress = SimulatorUrl, Timeout = TimeSpan.FromSeconds(30) };
        Publisher = new HttpClient { BaseAddress = WorkerUrl, Timeout = TimeSpan.FromSeconds(30) };
        Publisher.DefaultRequestHeaders.Add("X-Api-Key", PublisherKey);
    }
}
