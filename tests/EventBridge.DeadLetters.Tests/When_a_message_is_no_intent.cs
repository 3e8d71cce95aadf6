using System.Text.Json;
using EventBridge.DeadLetters.Ingesting;
using EventBridge.DeadLetters.Review;
using EventBridge.DeadLetters.Storage;
using EventBridge.DeadLetters.Tests.Support;
using EventBridge.Pipeline;

namespace EventBridge.DeadLetters.Tests;

/// <summary>
/// A MassTransit envelope naming a type the intake does not consume is no error to MassTransit: it moves the message to
/// <c>eventbridge-wrapup-intents_skipped</c>. The review drains that queue like the error queues (nothing waits there
/// to be lost), keeps it as "not an intent", and refuses to retry it.
/// </summary>
[TestFixture(StoreEngine.Sqlite)]
[TestFixture(StoreEngine.Postgres)]
public sealed class When_a_message_is_no_intent(StoreEngine engine)
{
    private static readonly string SkippedQueue = PipelineQueues.Intents + "_skipped";

    [Test]
    public async Task Should_keep_a_skipped_message_as_not_an_intent_and_refuse_to_retry_it()
    {
        var vhost = await IsolatedVhost.CreateAsync("deadletters-skipped");
        try
        {
            await using var host = await DeadLetterHost.StartAsync(vhost, engine);
            var messageId = Guid.NewGuid();
            var envelope = JsonSerializer.Serialize(new
            {
                messageId,
                messageType = new[] { "urn:message:EventBridge.Contracts:WrapUpCancelled" },
                message = new { intentId = Guid.NewGuid(), conversationId = "c-skipped", wrapUpCode = "QA_Review" },
            });

            await RawBroker.PublishAsync(vhost.Uri, PipelineQueues.Intents, envelope, "application/vnd.masstransit+json");
            var summary = await host.LetterAsync(l => l.ConversationId == "c-skipped", "the skipped message's dead letter");
            var letter = (await host.Store.FindAsync(summary.Id))!;
            var retry = await host.Review.RetryAsync(letter.Id, null, "support-1");

            Assert.Multiple(() =>
            {
                Assert.That((letter.Queue, letter.MessageKind, letter.Reason), Is.EqualTo((SkippedQueue, DeadLetterKinds.NotAnIntent, FaultReasons.NotAnIntent)));
                Assert.That(letter.Status, Is.EqualTo(DeadLetterStatus.Open));
                Assert.That(retry.Outcome, Is.EqualTo(ReviewOutcome.Invalid));
                Assert.That(retry.Detail, Does.Contain("does not take").And.Contain("Discard"));
                Assert.That(host.Pipeline.Received, Is.Empty, "nothing reached the intake");
            });
            await Eventually.GetAsync(async () => await RawBroker.CountAsync(vhost.Uri, SkippedQueue) == 0 ? "drained" : null, TimeSpan.FromSeconds(10),
                "the _skipped queue to be drained, so a broker restart cannot lose the message");
        }
        finally
        {
            await vhost.DeleteAsync();
        }
    }
}
