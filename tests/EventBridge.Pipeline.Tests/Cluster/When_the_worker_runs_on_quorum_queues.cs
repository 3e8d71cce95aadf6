using System.Text.Json;
using EventBridge.Contracts;
using EventBridge.Genesys.Simulator.Hosting;
using EventBridge.Pipeline.Tests.Faults;
using EventBridge.Pipeline.Tests.Storage;
using EventBridge.Pipeline.Tests.Support;
using EventBridge.Storage.Postgres;
using EventBridge.Storage.Postgres.DeadLetters;

namespace EventBridge.Pipeline.Tests.Cluster;

/// <summary>
/// RabbitMq:QueueType Quorum, as a RabbitMQ cluster runs it: the worker's queues are declared quorum with the delivery
/// limit, an intent is applied through them, and a failed one reaches the shared dead letters on PostgreSQL through an
/// error queue that stays classic without a limit (the broker must never drop a letter support has not seen, and both
/// paths into it — a decided failure's plain send and MassTransit's fault path — must declare it alike).
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class When_the_worker_runs_on_quorum_queues
{
    private const int DeliveryLimit = 7;

    [Test]
    public async Task Should_declare_quorum_queues_apply_through_them_and_dead_letter_through_a_classic_error_queue()
    {
        using var database = new PostgresTestDatabase();
        await using var sim = await GenesysSimulator.StartAsync(FaultLoad.Simulator(seed: 8201, orgAllowsCommunicationWrapup: true));
        await using var worker = await ClusterReplica.StartAsync("quorum", sim, database.ConnectionString, new Dictionary<string, string?>
        {
            ["RabbitMq__QueueType"] = "Quorum",
            ["RabbitMq__DeliveryLimit"] = DeliveryLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        await worker.WaitReadyAsync();

        var conversation = sim.ConnectedConversation();
        var intent = Scenarios.IntentFor(conversation.ConversationId, "Resolved");
        await worker.PublishAsync(intent);
        await worker.Outcomes.UntilAcceptedAsync(intent.IntentId);
        sim.Control.CustomerEnds(conversation.ConversationId);
        await worker.Outcomes.AppliedAsync(intent.IntentId, Scenarios.Patience);

        var unknown = Scenarios.IntentFor(sim.ConnectedConversation().ConversationId, "No_Such_Code");
        await worker.PublishAsync(unknown);
        await worker.Outcomes.FailedAsync(unknown.IntentId, Scenarios.Patience);
        var letters = new PostgresDeadLetterStore(database.NewDatabase());
        var letter = await Eventually.GetAsync(async () => await letters.FindByIntentAsync(unknown.IntentId) is [var first, ..] ? first : null,
            Scenarios.Patience, "the failed intent's dead letter in the shared database");

        // Not JSON: MassTransit's own fault path moves it to the same error queue, which it must declare alike.
        var unreadable = $"{{\"intentId\":\"{Guid.NewGuid()}\",";
        await TestBroker.PublishRawAsync(PipelineQueues.Intents, unreadable, broker: worker.VhostUri);
        var letterOfUnreadable = await Eventually.GetAsync(
            async () => (await letters.ListAsync(null, null, 50, null)).FirstOrDefault(l => l.Id != letter.Id),
            Scenarios.Patience, "the unreadable message's dead letter");

        var listed = await BrokerControl.ListQueuesAsync(worker.VhostName);
        var queues = Queues(listed);
        Assert.Multiple(() =>
        {
            foreach (var name in new[] { PipelineQueues.Intents, PipelineQueues.Settle, PipelineQueues.Disconnect })
            {
                Assert.That(queues, Does.ContainKey(name));
                Assert.That(queues[name].Type, Is.EqualTo("quorum"), name);
                Assert.That(queues[name].DeliveryLimit, Is.EqualTo(DeliveryLimit), $"{name}: {listed}");
            }

            var error = PipelineQueues.Intents + "_error";
            Assert.That(queues, Does.ContainKey(error), "the failed intent went through MassTransit's error queue");
            Assert.That(queues[error].Type, Is.EqualTo("classic"), $"the error queue as a plain send declares it: {listed}");
            Assert.That(queues[error].DeliveryLimit, Is.Null, "no delivery limit on the error queue: a letter is never dropped");
            Assert.That(letter.Reason, Is.EqualTo(WrapUpFailureReasons.InvalidCode));
            Assert.That(letterOfUnreadable.ExceptionType, Is.Not.Null.And.Not.Empty, "moved by MassTransit's fault path");
            Assert.That(sim.Control.ReadOracle().WrapupCalls.Count(c => c.ConversationId == conversation.ConversationId), Is.EqualTo(1));
        });
    }

    /// <summary>rabbitmqctl's JSON: [{"name":…,"type":"quorum","arguments":[["x-delivery-limit","signedint",7],…]}, …].</summary>
    private static Dictionary<string, (string Type, int? DeliveryLimit)> Queues(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.EnumerateArray().ToDictionary(
            queue => queue.GetProperty("name").GetString()!,
            queue => (queue.GetProperty("type").GetString()!,
                queue.GetProperty("arguments").EnumerateArray()
                    .Where(argument => argument[0].GetString() == "x-delivery-limit")
                    .Select(argument => (int?)argument[2].GetInt32()).FirstOrDefault()));
    }
}
