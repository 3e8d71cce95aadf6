using EventBridge.Contracts;
using EventBridge.Genesys.Simulator.Hosting;
using EventBridge.Pipeline.Tests.Support;

namespace EventBridge.Pipeline.Tests.Flow;

/// <summary>
/// Intents that arrive together, or in a run, share what they need from Genesys: every read they all miss costs the budget the
/// applies need, 300 a minute per token.
/// </summary>
[TestFixture]
public sealed class When_a_burst_of_intents_arrives_together
{
    [Test]
    public async Task Should_read_the_code_catalogue_and_the_queue_codes_once()
    {
        await using var pipeline = await PipelineHost.StartAsync(new SimulatorOptions { DisconnectDelay = TimeSpan.FromMilliseconds(50) });
        var intents = Enumerable.Range(0, 16)
            .Select(_ => Scenarios.IntentFor(pipeline.Simulator.ConnectedConversation().ConversationId, "Resolved")).ToList();
        pipeline.Simulator.Control.Oracle.Clear();

        // A fresh worker: every intent of the burst misses the cold catalogue at the same moment.
        await Task.WhenAll(intents.Select(i => pipeline.PublishAsync(i)));
        foreach (var intent in intents)
            await pipeline.Outcomes.UntilAcceptedAsync(intent.IntentId);
        var reads = pipeline.Simulator.Control.ReadOracle().Requests.Where(r => r.Method == "GET" && r.Path.Contains("/routing/", StringComparison.Ordinal)).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(reads.Count(r => r.Path == "/api/v2/routing/wrapupcodes"), Is.EqualTo(1), "catalogue reads");
            Assert.That(reads.Count(r => r.Path.StartsWith("/api/v2/routing/queues/", StringComparison.Ordinal)), Is.EqualTo(1), "queue code reads");
        });
    }

    [Test]
    public async Task Should_read_the_catalogue_once_for_a_run_of_mistyped_codes()
    {
        await using var pipeline = await PipelineHost.StartAsync(new SimulatorOptions { DisconnectDelay = TimeSpan.FromMilliseconds(50) });
        var intents = Enumerable.Range(0, 12)
            .Select(_ => Scenarios.IntentFor(pipeline.Simulator.ConnectedConversation().ConversationId, "Resolvd")).ToList();
        pipeline.Simulator.Control.Oracle.Clear();

        // One after another (concurrent misses would share a read anyway): each finds the copy its predecessor read.
        var failures = new List<WrapUpFailed>();
        foreach (var intent in intents)
        {
            await pipeline.PublishAsync(intent);
            failures.Add(await pipeline.Outcomes.FailedAsync(intent.IntentId));
        }

        var reads = pipeline.Simulator.Control.ReadOracle().Requests.Count(r => r.Method == "GET" && r.Path == "/api/v2/routing/wrapupcodes");

        Assert.Multiple(() =>
        {
            Assert.That(failures.Select(f => f.Reason), Is.All.EqualTo(WrapUpFailureReasons.InvalidCode));
            Assert.That(reads, Is.EqualTo(1), "catalogue reads: a miss within 30 s of the last read does not read again");
        });
    }
}
