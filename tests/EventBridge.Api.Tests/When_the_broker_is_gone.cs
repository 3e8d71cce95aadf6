using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EventBridge.Api.Tests.Support;

namespace EventBridge.Api.Tests;

/// <summary>
/// RabbitMQ stopped under a running worker: a submit must answer 503 with Retry-After inside the bound (measured
/// before: 23 minutes of hanging), name the intent id to send again, and the same intent sent again once the broker
/// is back is applied once. The log stays a few lines however long the outage (measured before: MassTransit's stack
/// trace on every reconnect attempt, about 7 lines a second).
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class When_the_broker_is_gone
{
    private ApiWorker _worker = null!;

    [OneTimeSetUp]
    public async Task Start() => _worker = await ApiWorker.StartAsync(new Dictionary<string, string?>
    {
        ["Api__BrokerConfirmTimeout"] = "00:00:03",
        ["RabbitMq__OutageSummaryInterval"] = "00:00:04",
    });

    [OneTimeTearDown]
    public async Task Stop()
    {
        await BrokerControl.StartAppAsync();
        await _worker.DisposeAsync();
    }

    [Test]
    public async Task Should_answer_503_with_retry_after_and_take_the_same_intent_once_the_broker_is_back()
    {
        var publisher = _worker.WithApiKey(ApiWorker.PublisherKey);
        var conversationId = await _worker.StartConversationAsync();
        var intent = new { intentId = Guid.NewGuid(), conversationId, wrapUpCode = "Resolved", disconnect = true };

        await BrokerControl.StopAppAsync();
        var asked = Stopwatch.StartNew();
        using var refused = await publisher.PostAsJsonAsync("/api/intents", intent);
        var answeredIn = asked.Elapsed;
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        await BrokerControl.StartAppAsync();

        Assert.Multiple(() =>
        {
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable), _worker.Output());
            Assert.That(answeredIn, Is.LessThan(TimeSpan.FromSeconds(10)), "answered within the bound (3 s here), not after MassTransit gives up");
            Assert.That(refused.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromSeconds(5)));
            Assert.That(refused.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
            Assert.That(problem.GetProperty("intentId").GetGuid(), Is.EqualTo(intent.intentId), "the id to send again");
        });

        var applied = await Eventually.GetAsync(async () =>
        {
            using var again = await publisher.PostAsJsonAsync("/api/intents?waitSeconds=20", intent);
            if (again.StatusCode == HttpStatusCode.ServiceUnavailable) return null; // the worker's bus is still reconnecting
            var body = await again.Content.ReadAsStringAsync();
            return JsonDocument.Parse(body).RootElement.GetProperty("status").GetString() == "Applied" ? body : null;
        }, TimeSpan.FromSeconds(90), "the same intent applied once the broker is back");
        using var simulator = new HttpClient { BaseAddress = _worker.SimulatorUrl };
        var oracle = await simulator.GetFromJsonAsync<JsonElement>("/sim/oracle");
        Assert.Multiple(() =>
        {
            Assert.That(JsonDocument.Parse(applied).RootElement.GetProperty("intentId").GetGuid(), Is.EqualTo(intent.intentId));
            Assert.That(oracle.GetProperty("wrapups").EnumerateArray().Count(w => w.GetProperty("conversationId").GetString() == conversationId),
                Is.EqualTo(1), "sent twice, applied once");
        });
    }

    [Test]
    public async Task Should_log_the_outage_in_a_few_lines_instead_of_every_reconnect_attempt()
    {
        // An outage an earlier test caused must have ended (its last line written) before this one's lines are read.
        await Eventually.TrueAsync(() => Count(_worker.Output(), "RabbitMQ is unreachable") == Count(_worker.Output(), "RabbitMQ reachable again"),
            TimeSpan.FromSeconds(60), "an earlier outage to have ended");
        var start = _worker.Output().Length;
        await BrokerControl.StopAppAsync();
        try
        {
            // Two summaries: at least 8 s of outage, long enough for MassTransit to try again several times.
            await Eventually.TrueAsync(() => Lines(_worker.Output()[start..]).Count(l => l.Contains("RabbitMQ still unreachable after")) >= 2,
                TimeSpan.FromSeconds(60), "two outage summaries");
        }
        finally
        {
            await BrokerControl.StartAppAsync();
        }

        await Eventually.TrueAsync(() => _worker.Output()[start..].Contains("RabbitMQ reachable again after"), TimeSpan.FromSeconds(60),
            "the line saying the broker is back");
        var output = _worker.Output()[start..];
        var end = output.IndexOf('\n', output.IndexOf("RabbitMQ reachable again after", StringComparison.Ordinal));
        var outage = end < 0 ? output : output[..end];
        var lines = Lines(outage).ToList();
        var heldBack = lines.Where(l => l.Contains("reconnect lines held back")).Sum(l => long.Parse(
            System.Text.RegularExpressions.Regex.Match(l, @"(\d+) reconnect lines held back").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Multiple(() =>
        {
            Assert.That(lines.Count(l => l.Contains(" MassTransit: ")), Is.LessThanOrEqualTo(2), string.Join("\n", lines));
            Assert.That(lines.Count(l => l.Contains("DeadLetterIngestor")), Is.LessThanOrEqualTo(3), "once per error queue");
            Assert.That(lines.Count(l => l.Contains("RabbitMQ is unreachable")), Is.EqualTo(1));
            Assert.That(heldBack, Is.GreaterThan(0), "MassTransit did try again, and its lines were counted instead of written:\n" + string.Join("\n", lines));
            Assert.That(outage.Split('\n').Count(l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal)), Is.LessThan(80),
                "at most the first failure's stack trace");
        });
    }

    private static int Count(string output, string text) => Lines(output).Count(l => l.Contains(text, StringComparison.Ordinal));

    /// <summary>Log lines (text format: they start with the time); stack-trace lines are not lines of their own.</summary>
    private static IEnumerable<string> Lines(string output) =>
        output.Split('\n').Where(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^\d\d:\d\d:\d\d "));
}
