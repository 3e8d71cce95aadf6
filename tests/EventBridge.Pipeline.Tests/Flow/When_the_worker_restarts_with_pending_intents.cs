using EventBridge.Pipeline.Storage;
using EventBridge.Pipeline.Tests.Support;

namespace EventBridge.Pipeline.Tests.Flow;

[TestFixture]
public sealed class When_the_worker_restarts_with_pending_intents
{
    [Test]
    public async Task Should_apply_the_code_after_the_restart()
    {
        var first = await PipelineHost.StartAsync();
        var conversation = first.Simulator.ConnectedConversation();
        var intent = Scenarios.IntentFor(conversation.ConversationId);
        await first.PublishAsync(intent);
        await first.Outcomes.UntilAcceptedAsync(intent.IntentId);
        var (simulator, databasePath) = await first.StopWorkerAsync();

        simulator.Control.CustomerEnds(conversation.ConversationId);
        await simulator.UntilAcwPendingAsync(conversation.ConversationId);
        await using var second = await PipelineHost.StartAsync(simulator: simulator, databasePath: databasePath);
        var stored = await second.Store.FindAsync(intent.IntentId);
        Assert.That(stored?.Status, Is.EqualTo(IntentStatus.Pending), "the intent survived the restart in the store");

        // The ACW event was sent while no worker listened: reconciliation has to find it.
        var applied = await Eventually.GetAsync(async () =>
        {
            var now = await second.Store.FindAsync(intent.IntentId);
            return now?.Status == IntentStatus.Applied ? now : null;
        }, TimeSpan.FromSeconds(30), "the restarted worker to apply the pending intent");

        Assert.Multiple(() =>
        {
            Assert.That(applied.AppliedParticipantId, Is.EqualTo(conversation.AgentParticipantId));
            Assert.That(simulator.WrapupsOf(conversation.ConversationId), Has.Count.EqualTo(1));
        });
    }
}
