using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using EventBridge.Genesys.Simulator.Hosting;
using RabbitMQ.Client;

namespace EventBridge.Worker.Tests.Observability;

/// <summary>
/// The real worker process (embedded simulator, its own vhost of the suite's RabbitMQ) as operators see it:
/// /health/ready, /metrics after one applied intent, and the JSON log lines of that intent.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class When_an_operator_watches_the_worker
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private IsolatedVhost _vhost = null!;
    private ChildProcess _worker = null!;
    private HttpClient _http = null!;
    private Uri _workerUrl = null!;
    private Uri _simulatorUrl = null!;
    private string _databasePath = null!;

    [OneTimeSetUp]
    public async Task StartWorker()
    {
        _http = new HttpClient { Timeout = Patience };
        _vhost = await IsolatedVhost.CreateAsync("observe");
        var port = WorkerProcess.FreePort();
        _workerUrl = new Uri($"http://127.0.0.1:{port}");
        _simulatorUrl = new Uri($"http://127.0.0.1:{WorkerProcess.FreePort()}");
        _databasePath = Path.Combine(Path.GetTempPath(), $"eventbridge-observe-{Guid.NewGuid():N}.db");
        _worker = WorkerProcess.Start("worker", port, new Dictionary<string, string?>
        {
            ["RabbitMq__Uri"] = _vhost.Uri.ToString(),
            ["EmbeddedSimulator__Url"] = _simulatorUrl.ToString().TrimEnd('/'),
            ["IntentStore__Path"] = _databasePath,
            ["Logging__Format"] = "json",
            // The settler's Debug line names the intent but not the conversation: it shows the scope adds the rest.
            ["Serilog__MinimumLevel__Override__EventBridge.Pipeline.Applying.IntentSettler"] = "Debug",
        });
        await WorkerProcess.WaitReadyAsync(_worker, port);
    }

    [OneTimeTearDown]
    public async Task StopWorker()
    {
        _http?.Dispose();
        _worker?.Dispose();
        if (_vhost is not null) await _vhost.DeleteAsync();
        if (_databasePath is not null)
            foreach (var file in new[] { _databasePath, _databasePath + "-wal", _databasePath + "-shm" })
                File.Delete(file);
    }

    [TearDown]
    public async Task ShowOutputOnFailure()
    {
        if (TestContext.CurrentContext.Result.Outcome.Status == NUnit.Framework.Interfaces.TestStatus.Failed)
            await TestContext.Out.WriteLineAsync(_worker.Output());
    }

    [Test]
    public async Task Should_say_ready_and_list_each_check_as_healthy()
    {
        using var response = await _http.GetAsync(new Uri(_workerUrl, "/health/ready"));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var checks = body.RootElement.GetProperty("checks").EnumerateArray()
            .ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("status").GetString());
        var channelIds = await SimulatorChannelIdsAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(body.RootElement.GetProperty("status").GetString(), Is.EqualTo("ready"));
            Assert.That(checks, Is.EquivalentTo(new Dictionary<string, string?>
            {
                ["running"] = "Healthy", ["broker"] = "Healthy", ["store"] = "Healthy", ["genesys-token"] = "Healthy", ["channels"] = "Healthy",
            }));
            Assert.That(body.RootElement.GetProperty("notifications").GetProperty("connectedChannels").GetInt32(), Is.GreaterThanOrEqualTo(1),
                "counts of the channels stay in the body");
            Assert.That(body.RootElement.ToString(), Does.Not.Contain(OAuthClientOptions.DemoClientSecret).And.Not.Contain("access_token"));
            foreach (var channelId in channelIds)
                Assert.That(body.RootElement.ToString(), Does.Not.Contain(channelId), "an anonymous body never names a channel: the id opens its socket");
            Assert.That(body.RootElement.ToString(), Does.Not.Contain("v2.routing.queues"), "nor a topic");
        }
    }

    [Test]
    public async Task Should_export_metrics_and_log_the_intent_with_its_ids_and_no_secret()
    {
        var conversation = await CreateAnsweredConversationAsync();
        var conversationId = conversation.GetProperty("conversationId").GetString()!;
        var intentId = Guid.NewGuid();

        await PublishIntentAsync(new { intentId, conversationId, wrapUpCode = "QA_Review", disconnect = true, requestedBy = "observability-test" });
        await Eventually.GetAsync(async () => (await OracleWrapupCountAsync(conversationId)) > 0 ? "applied" : null,
            Patience, $"the code to reach conversation {conversationId}");
        var metrics = await Eventually.GetAsync(async () =>
        {
            var text = await _http.GetStringAsync(new Uri(_workerUrl, "/metrics"));
            // The index lets go of the intent just after its outcome is counted and published.
            return Value(text, "eventbridge_intents_total", "outcome=\"applied\"") >= 1 && Value(text, "eventbridge_pending_intents", "") == 0 ? text : null;
        }, Patience, "eventbridge_intents_total{outcome=\"applied\"} 1 and eventbridge_pending_intents 0 on /metrics");
        var intentLines = await Eventually.GetAsync(() =>
        {
            var lines = LogLinesOf(intentId);
            return Task.FromResult(lines.Any(l => Text(l, "SourceContext") == "EventBridge.Pipeline.Outcomes.IntentOutcomes") ? lines : null);
        }, Patience, $"the worker to log that intent {intentId} was applied");

        var channelIds = await SimulatorChannelIdsAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Value(metrics, "eventbridge_intents_total", "outcome=\"accepted\""), Is.EqualTo(1));
            Assert.That(Value(metrics, "eventbridge_intents_total", "outcome=\"applied\""), Is.EqualTo(1));
            Assert.That(Value(metrics, "eventbridge_apply_latency_seconds_count", ""), Is.EqualTo(1));
            Assert.That(Value(metrics, "eventbridge_notifications_received_total", ""), Is.GreaterThan(0));
            Assert.That(Value(metrics, "eventbridge_channels_connected", ""), Is.GreaterThanOrEqualTo(1));
            Assert.That(Value(metrics, "eventbridge_channel_reconnects", ""), Is.Not.Null);
            Assert.That(Value(metrics, "eventbridge_channel_replacements", ""), Is.Not.Null);
            Assert.That(Value(metrics, "eventbridge_genesys_rate_budget_limit", ""), Is.EqualTo(240));
            Assert.That(Value(metrics, "eventbridge_genesys_rate_budget_remaining", ""), Is.InRange(0, 240));
            Assert.That(metrics, Does.Not.Contain(intentId.ToString()).And.Not.Contain(conversationId), "no ids in metrics");

            Assert.That(intentLines.Select(l => Text(l, "ConversationId")), Has.All.EqualTo(conversationId),
                "every line of the intent carries its conversation");
            Assert.That(intentLines.Select(l => Text(l, "SourceContext")), Does.Contain("EventBridge.Pipeline.Applying.IntentSettler"),
                "a line whose message names neither id still carries both (the consumer's scope)");
            Assert.That(intentLines.Select(l => Text(l, "SourceContext")), Does.Contain("EventBridge.Pipeline.Disconnecting.AgentDisconnector"),
                "the disconnect, sent from its own queue, carries the intent's ids too");
            Assert.That(intentLines.Select(l => Text(l, "@sp")), Has.None.Null, "every line of the intent names its span");
            Assert.That(intentLines.Select(l => Text(l, "@tr")).Distinct(), Has.Exactly(1).Not.Null,
                "one trace: intake, disconnect and the settle an event started (WrapUpTracing)");
            var everything = _worker.Output();
            Assert.That(everything, Does.Not.Contain("access_token").IgnoreCase);
            Assert.That(everything, Does.Not.Contain(OAuthClientOptions.DemoClientSecret));
            Assert.That(everything, Does.Not.Contain("Bearer ").And.Not.Contain("Basic "));
            foreach (var channelId in channelIds)
                Assert.That(everything, Does.Not.Contain(channelId), "logs name a channel by its tag only");
        }
    }

    /// <summary>The JSON log lines (compact Serilog) whose IntentId property is this intent.</summary>
    private List<JsonElement> LogLinesOf(Guid intentId)
    {
        var lines = new List<JsonElement>();
        foreach (var line in _worker.Output().Split(Environment.NewLine))
        {
            if (!line.StartsWith('{')) continue;
            using var document = JsonDocument.Parse(line);
            if (Text(document.RootElement, "IntentId") == intentId.ToString()) lines.Add(document.RootElement.Clone());
        }

        return lines;
    }

    private static string? Text(JsonElement line, string property) =>
        line.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>The value of the first sample of <paramref name="series"/> whose labels contain <paramref name="label"/>.</summary>
    // Named to run after the metrics test (NUnit orders a fixture's tests by name), whose counts expect one intent.
    [Test]
    public async Task Should_scrape_the_series_the_alert_rules_read_once_an_intent_is_dead_lettered()
    {
        var conversation = await CreateAnsweredConversationAsync();
        var conversationId = conversation.GetProperty("conversationId").GetString()!;
        await PublishIntentAsync(new { intentId = Guid.NewGuid(), conversationId, wrapUpCode = "No_Such_Code", requestedBy = "observability-test" });

        // docs/ALERTS.md's rules read these names off /metrics: a renamed meter would leave every alert silent.
        var metrics = await Eventually.GetAsync(async () =>
        {
            var text = await _http.GetStringAsync(new Uri(_workerUrl, "/metrics"));
            return Value(text, "eventbridge_dead_letters_open", "reason=\"invalid-code\"") >= 1 ? text : null;
        }, Patience, "eventbridge_dead_letters_open{reason=\"invalid-code\"} on /metrics");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Value(metrics, "eventbridge_dead_letter_oldest_open_age_seconds", ""), Is.GreaterThanOrEqualTo(0));
            Assert.That(Value(metrics, "eventbridge_intents_total", "reason=\"invalid-code\""), Is.GreaterThanOrEqualTo(1));
            Assert.That(metrics, Does.Contain("eventbridge_intents_total{").And.Contain("outcome=\"failed\""));
        }
    }

    private static double? Value(string exposition, string series, string label)
    {
        foreach (var line in exposition.Split('\n'))
        {
            if (line.StartsWith('#') || !(line.StartsWith(series + " ", StringComparison.Ordinal) || line.StartsWith(series + "{", StringComparison.Ordinal)))
                continue;
            var labels = line.Contains('{', StringComparison.Ordinal) ? line[line.IndexOf('{', StringComparison.Ordinal)..(line.IndexOf('}', StringComparison.Ordinal) + 1)] : "";
            if (!labels.Contains(label, StringComparison.Ordinal)) continue;
            return double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
        }

        return null;
    }

    private async Task PublishIntentAsync(object intent)
    {
        var factory = new ConnectionFactory { Uri = _vhost.Uri };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(
            publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        var properties = new BasicProperties { ContentType = "application/json", DeliveryMode = DeliveryModes.Persistent };
        await channel.BasicPublishAsync("", "eventbridge-wrapup-intents", mandatory: true, properties,
            Encoding.UTF8.GetBytes(JsonSerializer.Serialize(intent)));
    }

    private async Task<JsonElement> CreateAnsweredConversationAsync()
    {
        using var response = await _http.PostAsJsonAsync(new Uri(_simulatorUrl, "/sim/conversations"), new { answer = true });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).Clone();
    }

    private async Task<List<string>> SimulatorChannelIdsAsync()
    {
        var channels = await _http.GetFromJsonAsync<JsonElement>(new Uri(_simulatorUrl, "/sim/channels"));
        var ids = channels.EnumerateArray().Select(c => c.GetProperty("id").GetString()!).ToList();
        Assert.That(ids, Is.Not.Empty, "the worker holds a channel on the simulator");
        return ids;
    }

    private async Task<int> OracleWrapupCountAsync(string conversationId)
    {
        var oracle = await _http.GetFromJsonAsync<JsonElement>(new Uri(_simulatorUrl, "/sim/oracle"));
        return oracle.GetProperty("wrapups").EnumerateArray().Count(w => w.GetProperty("conversationId").GetString() == conversationId);
    }
}
