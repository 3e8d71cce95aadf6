using EventBridge.Contracts;
using EventBridge.Pipeline.Tests.Support;

namespace EventBridge.Pipeline.Tests.Flow;

/// <summary>
/// Support's story of an intent starts with when EventBridge accepted it: the store keeps the time the caller was told
/// (WrapUpAccepted), once — a redelivery that accepts it again does not move it.
/// </summary>
[TestFixture]
public sealed class When_an_intent_is_accepted : PipelineTest
{
    [Test]
    public async Task Should_keep_the_time_the_caller_was_told_and_keep_it_on_a_redelivery()
    {
        var conversation = Pipeline.Simulator.ConnectedConversation();
        var intent = Scenarios.IntentFor(conversation.ConversationId, "Resolved");
        var received = DateTimeOffset.UtcNow;

        await Pipeline.PublishAsync(intent);
        await Pipeline.Outcomes.UntilAcceptedAsync(intent.IntentId);
        var first = Pipeline.Outcomes.For(intent.IntentId).OfType<WrapUpAccepted>().Single();
        await Pipeline.PublishAsync(intent);
        await Eventually.TrueAsync(() => Pipeline.Outcomes.For(intent.IntentId).OfType<WrapUpAccepted>().Count() == 2, Scenarios.Patience,
            "the resent intent accepted again");

        var stored = await Pipeline.Store.FindAsync(intent.IntentId);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(first.AcceptedAt, Is.GreaterThanOrEqualTo(received.AddSeconds(-1)));
            Assert.That(stored!.AcceptedAt, Is.EqualTo(first.AcceptedAt).Within(TimeSpan.FromMilliseconds(1)), "the first acceptance's time, as the caller was told");
            Assert.That(stored.AcceptedAt, Is.GreaterThanOrEqualTo(stored.ReceivedAt));
        }
    }
}
