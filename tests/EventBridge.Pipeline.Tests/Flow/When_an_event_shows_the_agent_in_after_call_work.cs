using EventBridge.Genesys.Simulator.Conversations;
using EventBridge.Genesys.Simulator.Hosting;
using EventBridge.Genesys.Simulator.Oracle;
using EventBridge.Genesys.Simulator.Organization;
using EventBridge.Pipeline.Listening;
using EventBridge.Pipeline.Observability;
using EventBridge.Pipeline.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace EventBridge.Pipeline.Tests.Flow;

/// <summary>
/// The request economy at Genesys's real budget (simulator 300/min, the worker's default 240/min) with reconciliation
/// out of the way (an hour): the event path alone must apply, with one wrap-up call and no read, in both answers
/// Genesys may give a wrap-up outside ACW.
/// </summary>
[TestFixture(WrapupOutsideAcwBehaviour.Reject409)]
[TestFixture(WrapupOutsideAcwBehaviour.AcceptAndIgnore)]
public sealed class When_an_event_shows_the_agent_in_after_call_work(WrapupOutsideAcwBehaviour outsideAcw) : PipelineTest
{
    protected override async Task<PipelineHost> StartAsync()
    {
        // The event path's calls are counted and named here: the org allows the per-communication wrap-up call.
        var pipeline = await PipelineHost.StartAsync(
            new SimulatorOptions
            {
                CommunicationWrapupWithClientCredentials = CommunicationWrapupCredentialsBehaviour.Allow,
                DisconnectDelay = TimeSpan.FromMilliseconds(50),
                WrapupOutsideAcw = outsideAcw,
            },
            new Dictionary<string, string?> { ["WrapUp:ReconcileAfter"] = "01:00:00" });
        await pipeline.UntilListeningAsync();
        return pipeline;
    }

    private WrapUpMetrics Metrics => Pipeline.Services.GetRequiredService<WrapUpMetrics>();

    [Test]
    public async Task Should_disconnect_and_apply_with_one_call_each_and_no_read()
    {
        var sim = Pipeline.Simulator;
        var conversation = sim.ConnectedConversation();
        await UntilSnapshotAsync(conversation.ConversationId);
        var before = Metrics.Settles;
        var intent = Scenarios.IntentFor(conversation.ConversationId, "Resolved", disconnect: true);

        await Pipeline.PublishAsync(intent);
        await Pipeline.Outcomes.AppliedAsync(intent.IntentId);

        var calls = CallsOn(conversation.ConversationId);
        // The in-process settler counts its run once the run returns, which is after it published the outcome.
        await Eventually.TrueAsync(() => Metrics.Settles.InProcess > before.InProcess, Scenarios.Patience, "the in-process settle to be counted");
        var settles = Metrics.Settles;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(sim.WrapupsOf(conversation.ConversationId).Single().CodeId, Is.EqualTo(SeedData.ResolvedCodeId));
            Assert.That(calls.Where(c => c.Method == "PATCH").ToList(), Has.Count.EqualTo(1), "one disconnect");
            Assert.That(calls.Where(c => c.Method == "POST" && c.Path.EndsWith("/wrapup", StringComparison.Ordinal)).ToList(), Has.Count.EqualTo(1),
                "one wrap-up call");
            Assert.That(calls.Where(c => c.Method == "GET").ToList(), Is.Empty, "no read: intake, apply and confirmation all came from the topics");
            Assert.That(settles.InProcess - before.InProcess, Is.EqualTo(1), "the ACW event settled the intent in process");
            Assert.That(settles.Queue - before.Queue, Is.Zero, "nothing went through the settle queue");
        }
    }

    [Test]
    public async Task Should_disconnect_once_however_often_the_pending_intent_is_resent()
    {
        var sim = Pipeline.Simulator;
        // Agent-requested ACW: after the disconnect the agent does not enter wrap-up until they choose to, so the intent stays pending.
        var conversation = sim.ConnectedConversation("agentRequested");
        await UntilSnapshotAsync(conversation.ConversationId);
        var intent = Scenarios.IntentFor(conversation.ConversationId, "Resolved", disconnect: true);

        for (var sent = 1; sent <= 3; sent++)
        {
            await Pipeline.PublishAsync(intent);
            var expected = sent;
            await Eventually.TrueAsync(() => Pipeline.Outcomes.For(intent.IntentId).OfType<Contracts.WrapUpAccepted>().Count() == expected,
                Scenarios.Patience, $"the intent to be accepted {expected} times");
        }

        // The disconnect runs from its own queue, after the intake accepted the intent; the simulator ends the leg 50 ms later.
        await Eventually.GetAsync(async () => (await Pipeline.Store.FindAsync(intent.IntentId)) is { DisconnectedAt: not null } stored ? stored : null,
            Scenarios.Patience, "the disconnect to be stored");
        await Eventually.TrueAsync(() => sim.Control.GetConversation(conversation.ConversationId).Participants
            .Single(p => p.ParticipantId == conversation.AgentParticipantId).State == "disconnected", Scenarios.Patience, "the agent leg to be disconnected");
        sim.Control.AgentEntersAcw(conversation.ConversationId);
        await Pipeline.Outcomes.AppliedAsync(intent.IntentId);

        var disconnects = CallsOn(conversation.ConversationId).Where(c => c.Method == "PATCH").ToList();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(disconnects, Has.Count.EqualTo(1), "the disconnect is stored and never repeated");
            Assert.That((await Pipeline.Store.FindAsync(intent.IntentId))!.DisconnectedAt, Is.Not.Null);
        }
    }

    [Test]
    public async Task Should_apply_a_late_intent_in_process_from_the_snapshot()
    {
        var sim = Pipeline.Simulator;
        var conversation = sim.ConnectedConversation();
        await UntilSnapshotAsync(conversation.ConversationId);
        sim.Control.CustomerEnds(conversation.ConversationId);
        await sim.UntilAcwPendingAsync(conversation.ConversationId);
        await Eventually.TrueAsync(() => Snapshots.TryGetFresh(conversation.ConversationId) is { } c
                && c.Participants!.Any(p => p.Id == conversation.AgentParticipantId && p.StartAcwTime is not null),
            Scenarios.Patience, "the ACW snapshot to arrive");
        var intent = Scenarios.IntentFor(conversation.ConversationId);

        await Pipeline.PublishAsync(intent);
        await Pipeline.Outcomes.AppliedAsync(intent.IntentId);

        var calls = CallsOn(conversation.ConversationId);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(sim.WrapupsOf(conversation.ConversationId).Single().CodeId, Is.EqualTo(SeedData.QaReviewCodeId));
            Assert.That(calls.Select(c => c.Method), Is.EqualTo(new[] { "POST" }), "the wrap-up is the only call");
        }
    }

    [Test]
    public async Task Should_apply_for_an_agent_in_acw_ahead_of_disconnects_waiting_for_the_budget()
    {
        var sim = Pipeline.Simulator;
        // 60 disconnects are far more than the bucket lets other classes spend at once (10 of 40 at 240/min, then 4 a
        // second); agent-requested ACW keeps their wrap-ups out of the way. Had a disconnect held an intake slot while
        // it waited for the budget, the last intent would be read only after about 44 of them were sent.
        var toDisconnect = Enumerable.Range(0, 60).Select(_ => sim.ConnectedConversation("agentRequested")).ToList();
        var late = sim.ConnectedConversation();
        sim.Control.CustomerEnds(late.ConversationId);
        await Eventually.TrueAsync(() => toDisconnect.All(c => Snapshots.TryGetFresh(c.ConversationId) is not null)
                && Snapshots.TryGetFresh(late.ConversationId)?.Participants?.Any(p => p.Id == late.AgentParticipantId && p.StartAcwTime is not null) == true,
            Scenarios.Patience, "the topics to show every conversation and the late one in ACW");

        foreach (var c in toDisconnect) await Pipeline.PublishAsync(Scenarios.IntentFor(c.ConversationId, "Resolved", disconnect: true));
        var lateIntent = Scenarios.IntentFor(late.ConversationId);
        await Pipeline.PublishAsync(lateIntent);
        await Pipeline.Outcomes.AppliedAsync(lateIntent.IntentId);

        var oracle = sim.Control.ReadOracle();
        var applied = oracle.Wrapups.Single(w => w.ConversationId == late.ConversationId).At;
        var ids = toDisconnect.Select(c => c.ConversationId).ToList();
        var disconnectsBefore = oracle.Requests.Count(r => r.Method == "PATCH" && r.At <= applied && ids.Any(id => r.Path.Contains(id, StringComparison.Ordinal)));
        Assert.That(disconnectsBefore, Is.LessThan(30), "the wrap-up for the agent already in ACW went ahead of the waiting disconnects");
    }

    private ConversationSnapshots Snapshots => Pipeline.Services.GetRequiredService<ConversationSnapshots>();

    private Task UntilSnapshotAsync(string conversationId) =>
        Eventually.TrueAsync(() => Snapshots.TryGetFresh(conversationId) is not null, Scenarios.Patience, "the queue topic to show the conversation");

    private List<LoggedRequest> CallsOn(string conversationId) =>
        [.. Pipeline.Simulator.Control.ReadOracle().Requests.Where(r => r.Path.Contains(conversationId, StringComparison.Ordinal))];
}
