using EventBridge.Genesys.Simulator.Hosting;
using EventBridge.Contracts;
using EventBridge.Genesys.Simulator.Organization;
using EventBridge.Pipeline.Applying;
using EventBridge.Pipeline.Observability;
using EventBridge.Pipeline.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace EventBridge.Pipeline.Tests.Flow;

[TestFixture]
public sealed class When_an_intent_arrives_before_the_agent_enters_wrap_up : PipelineTest
{
    // These tests count and name the calls of the path: the org allows the per-communication wrap-up call here.
    protected override Task<PipelineHost> StartAsync() => PipelineHost.StartAsync(new SimulatorOptions
    {
        DisconnectDelay = TimeSpan.FromMilliseconds(50),
        CommunicationWrapupWithClientCredentials = CommunicationWrapupCredentialsBehaviour.Allow,
    });

    [Test]
    public async Task Should_apply_the_code_once_when_the_agent_enters_wrap_up()
    {
        var sim = Pipeline.Simulator;
        var conversation = sim.ConnectedConversation();
        var intent = Scenarios.IntentFor(conversation.ConversationId, "QA_Review");

        await Pipeline.PublishAsync(intent);
        await Pipeline.Outcomes.UntilAcceptedAsync(intent.IntentId);
        Assert.That(sim.WrapupsOf(conversation.ConversationId), Is.Empty, "nothing may be applied before the agent is in wrap-up");

        var before = Pipeline.Services.GetRequiredService<WrapUpMetrics>().Settles;
        sim.Control.CustomerEnds(conversation.ConversationId);
        var applied = await Pipeline.Outcomes.AppliedAsync(intent.IntentId);
        // The in-process settler counts its run once the run returns, which is after it published the outcome.
        var metrics = Pipeline.Services.GetRequiredService<WrapUpMetrics>();
        await Eventually.TrueAsync(() => metrics.Settles.StartedInProcessBy(SettleTriggers.Event) > before.StartedInProcessBy(SettleTriggers.Event),
            Scenarios.Patience, "the in-process settle to be counted");
        var settles = metrics.Settles;

        var wrapup = sim.WrapupsOf(conversation.ConversationId).Single();
        Assert.Multiple(() =>
        {
            Assert.That(wrapup.ParticipantId, Is.EqualTo(conversation.AgentParticipantId));
            Assert.That(wrapup.CodeId, Is.EqualTo(SeedData.QaReviewCodeId));
            Assert.That(wrapup.Via, Is.EqualTo("communicationWrapup"));
            Assert.That(wrapup.Notes, Is.EqualTo(intent.Notes));
            Assert.That(applied.ParticipantId, Is.EqualTo(conversation.AgentParticipantId));
            Assert.That(applied.WrapUpCodeId, Is.EqualTo(SeedData.QaReviewCodeId));
            Assert.That(applied.WrapUpCodeName, Is.EqualTo("QA_Review"));
            Assert.That(applied.AppliedVia, Is.EqualTo(WrapUpCalls.CommunicationWrapup));
            Assert.That(applied.Latency, Is.GreaterThanOrEqualTo(TimeSpan.Zero));
            Assert.That(settles.StartedInProcessBy(SettleTriggers.Event) - before.StartedInProcessBy(SettleTriggers.Event), Is.EqualTo(1),
                "the agent's ACW event started the settle (reconciliation of quiet intents is off in this host)");
        });
    }

    [Test]
    public async Task Should_disconnect_the_agent_itself_when_asked_and_then_apply()
    {
        var sim = Pipeline.Simulator;
        var conversation = sim.ConnectedConversation();
        var intent = Scenarios.IntentFor(conversation.ConversationId, "Resolved", disconnect: true);

        await Pipeline.PublishAsync(intent);
        await Pipeline.Outcomes.AppliedAsync(intent.IntentId);

        var wrapup = sim.WrapupsOf(conversation.ConversationId).Single();
        var disconnects = sim.Control.ReadOracle().Requests
            .Where(r => r.Method == "PATCH" && r.Path.EndsWith(conversation.AgentParticipantId, StringComparison.Ordinal)).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(wrapup.CodeId, Is.EqualTo(SeedData.ResolvedCodeId));
            Assert.That(disconnects, Has.Count.EqualTo(1), "EventBridge disconnects the agent leg exactly once");
            Assert.That(disconnects[0].Body?.ToString(), Does.Contain("disconnected"));
        });
    }

    [Test]
    public async Task Should_treat_the_same_intent_id_twice_as_one_intent()
    {
        var sim = Pipeline.Simulator;
        var conversation = sim.ConnectedConversation();
        var intent = Scenarios.IntentFor(conversation.ConversationId);

        await Pipeline.PublishAsync(intent);
        await Pipeline.PublishAsync(intent);
        await Pipeline.Outcomes.UntilAcceptedAsync(intent.IntentId);
        sim.Control.CustomerEnds(conversation.ConversationId);
        await Pipeline.Outcomes.AppliedAsync(intent.IntentId);

        Assert.That(sim.WrapupsOf(conversation.ConversationId), Has.Count.EqualTo(1));
        var stored = await Pipeline.Store.GetOpenForConversationAsync(conversation.ConversationId);
        Assert.That(stored, Is.Empty, "the intent is final, and there was only one");
    }

    [Test]
    public async Task Should_let_a_newer_intent_replace_the_pending_one()
    {
        var sim = Pipeline.Simulator;
        var conversation = sim.ConnectedConversation();
        var older = Scenarios.IntentFor(conversation.ConversationId, "Resolved");
        var newer = Scenarios.IntentFor(conversation.ConversationId, "Escalated");

        await Pipeline.PublishAsync(older);
        await Pipeline.Outcomes.UntilAcceptedAsync(older.IntentId);
        await Pipeline.PublishAsync(newer);
        var superseded = await Pipeline.Outcomes.FailedAsync(older.IntentId);
        await Pipeline.Outcomes.UntilAcceptedAsync(newer.IntentId);
        sim.Control.CustomerEnds(conversation.ConversationId);
        await Pipeline.Outcomes.AppliedAsync(newer.IntentId);

        Assert.Multiple(() =>
        {
            Assert.That(superseded.Reason, Is.EqualTo(WrapUpFailureReasons.Superseded));
            Assert.That(sim.WrapupsOf(conversation.ConversationId).Single().CodeId, Is.EqualTo(SeedData.EscalatedCodeId));
        });
    }
}
