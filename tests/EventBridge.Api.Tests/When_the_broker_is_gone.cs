using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EventBridge.Api.Tests.Support;

namespace EventBridge.Api.Tests;

/// <summary>
/// RabbitMQ stopped under a running worker: a submit must answer 503 with Retry-After inside the bound (measured
/// before: 23 minutes of hanging), name the intent id to send again, and the same intent sent again once the broker
/// is back is applied once.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class When_the_broker_is_gone
{
    private ApiWorker _worker = null!;

    [OneTimeSetUp]
    public async Task Start() => _worker = await ApiWorker.StartAsync(new Dictionary<string, string?> { ["Api__BrokerConfirmTimeout"] = "00:00:03" });

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
}
