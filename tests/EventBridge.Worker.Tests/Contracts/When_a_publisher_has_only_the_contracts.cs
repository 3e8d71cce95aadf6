using EventBridge.Contracts;
using EventBridge.Genesys.Simulator.Hosting;
using EventBridge.Genesys.Simulator.Organization;

namespace EventBridge.Worker.Tests.Contracts;

/// <summary>
/// A .NET gateway with nothing but <c>EventBridge.Contracts</c> and MassTransit: <see cref="OutcomeCaller"/> (in
/// EventBridge.Testing, which references only the contracts) configures no entity names, so the intent and the outcomes
/// reach the worker's exchanges only through the contracts' own <c>[EntityName]</c>.
/// </summary>
public sealed class When_a_publisher_has_only_the_contracts
{
    [Test]
    public void Should_need_no_more_than_the_masstransit_abstractions()
    {
        var references = typeof(WrapUpIntent).Assembly.GetReferencedAssemblies().Select(a => a.Name).OfType<string>();

        Assert.That(references.Where(n => !n.StartsWith("System", StringComparison.Ordinal) && n != "netstandard"),
            Is.EqualTo(new[] { "MassTransit.Abstractions" }));
    }

    [Test]
    public async Task Should_publish_an_intent_and_receive_its_outcomes_on_the_worker_exchanges()
    {
        await using var simulator = await GenesysSimulator.StartAsync(new SimulatorOptions { DisconnectDelay = TimeSpan.FromMilliseconds(50) });
        await using var stack = await WorkerStack.StartAsync("contracts-only", ForSimulator(simulator));
        await using var caller = await OutcomeCaller.StartAsync(stack.BrokerUri, "contracts-only");
        var conversation = simulator.Control.CreateConversation(new() { QueueId = SeedData.DemoQueueId, AgentUserId = SeedData.AgentOneId });
        simulator.Control.AgentAnswers(conversation.ConversationId);
        var intent = new WrapUpIntent
        {
            IntentId = Guid.NewGuid(), ConversationId = conversation.ConversationId, WrapUpCode = "QA_Review", Disconnect = true, RequestedBy = "contracts-only",
        };

        await caller.Bus.Publish(intent);
        var applied = await caller.Outcomes.AppliedAsync(intent.IntentId, TimeSpan.FromSeconds(60));

        var sources = await BrokerControl.BindingSourcesAsync(VhostOf(stack.BrokerUri));
        Assert.Multiple(() =>
        {
            Assert.That(sources, Is.SupersetOf(new[] { "EventBridge.Contracts:WrapUpIntent", "eventbridge.wrapup-accepted", "eventbridge.wrapup-applied", "eventbridge.wrapup-failed" }),
                "the names raw-JSON callers bind to (docs/raw-json-intents.md), spelt out here so a changed attribute fails");
            Assert.That(caller.Outcomes.For(intent.IntentId).OfType<WrapUpAccepted>(), Is.Not.Empty, "accepted, on eventbridge.wrapup-accepted");
            Assert.That((applied.ConversationId, applied.WrapUpCodeId), Is.EqualTo((conversation.ConversationId, SeedData.QaReviewCodeId)));
            Assert.That(simulator.Control.ReadOracle().Wrapups.Select(w => (w.ConversationId, w.CodeId)),
                Is.EqualTo(new[] { (conversation.ConversationId, SeedData.QaReviewCodeId) }), "Genesys holds the code");
        });
    }

    /// <summary>A worker process's settings for a simulator the test runs (the stack adds broker and files).</summary>
    internal static Dictionary<string, string?> ForSimulator(GenesysSimulator simulator) => new()
    {
        ["Genesys__ApiBaseUrl"] = simulator.BaseUri.ToString(),
        ["Genesys__ClientId"] = OAuthClientOptions.DemoClientId,
        ["Genesys__ClientSecret"] = OAuthClientOptions.DemoClientSecret,
        ["WrapUp__QueueIds__0"] = SeedData.DemoQueueId,
    };

    private static string VhostOf(Uri broker) => broker.AbsolutePath.Trim('/') is { Length: > 0 } name ? Uri.UnescapeDataString(name) : "/";
}
