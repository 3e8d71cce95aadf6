using System.Text.Json;
using EventBridge.Contracts;
using EventBridge.DeadLetters.Ingesting;
using EventBridge.DeadLetters.Review;
using EventBridge.DeadLetters.Storage;
using EventBridge.DeadLetters.Tests.Support;
using EventBridge.Pipeline;
using EventBridge.Pipeline.Applying;

namespace EventBridge.DeadLetters.Tests;

[TestFixture(StoreEngine.Sqlite)]
[TestFixture(StoreEngine.Postgres)]
public sealed class When_support_retries_a_dead_letter(StoreEngine engine)
{
    private IsolatedVhost _vhost = null!;
    private DeadLetterHost _host = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _vhost = await IsolatedVhost.CreateAsync("deadletters-retry");
        _host = await DeadLetterHost.StartAsync(_vhost, engine);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await _host.DisposeAsync();
        await _vhost.DeleteAsync();
    }

    [Test]
    public async Task Should_send_a_new_intent_with_the_edited_code_to_the_intake_queue_and_audit_it()
    {
        var original = DeadLetterHost.Intent(FakePipeline.InvalidCode);
        await _host.SendIntentAsync(original);
        var letter = await _host.LetterOfIntentAsync(original.IntentId);
        var before = DateTimeOffset.UtcNow;

        var result = await _host.Review.RetryAsync(letter.Id, new RetryEdit("QA_Review", "Called back."), "alice", "code fixed in the gateway");

        Assert.That(result.Outcome, Is.EqualTo(ReviewOutcome.Ok), result.Detail);
        var sent = await _host.ReceivedAsync(i => i.IntentId == result.Value!.RetriedAsIntentId, "the retried intent on the intake queue");
        var stored = (await _host.Store.FindAsync(letter.Id))!;
        var audit = await _host.Review.GetAuditAsync(deadLetterId: letter.Id);
        Assert.Multiple(() =>
        {
            Assert.That(sent.IntentId, Is.Not.EqualTo(original.IntentId));
            Assert.That(sent.ConversationId, Is.EqualTo(original.ConversationId));
            Assert.That(sent.ParticipantId, Is.EqualTo(original.ParticipantId));
            Assert.That(sent.UserId, Is.EqualTo(original.UserId));
            Assert.That(sent.Disconnect, Is.EqualTo(original.Disconnect));
            Assert.That(sent.WrapUpCode, Is.EqualTo("QA_Review"));
            Assert.That(sent.Notes, Is.EqualTo("Called back."));
            Assert.That(sent.RequestedBy, Is.EqualTo("support:alice"));

            Assert.That(stored.Status, Is.EqualTo(DeadLetterStatus.Retried));
            Assert.That(stored.RetriedAsIntentId, Is.EqualTo(sent.IntentId));
            Assert.That(stored.ResolvedBy, Is.EqualTo("alice"));

            Assert.That(audit, Has.Count.EqualTo(1));
            var entry = audit[0];
            Assert.That(entry.Actor, Is.EqualTo("alice"));
            Assert.That(entry.Action, Is.EqualTo(AuditActions.Retry));
            Assert.That(entry.Target, Is.EqualTo($"dead-letter:{letter.Id}"));
            Assert.That(entry.Comment, Is.EqualTo("code fixed in the gateway"));
            Assert.That(entry.At, Is.InRange(before, DateTimeOffset.UtcNow));
            Assert.That(entry.Before!.Value.GetProperty("status").GetString(), Is.EqualTo("Open"));
            Assert.That(entry.Before!.Value.GetProperty("wrapUpCode").GetString(), Is.EqualTo(FakePipeline.InvalidCode));
            Assert.That(entry.After!.Value.GetProperty("letter").GetProperty("status").GetString(), Is.EqualTo("Retried"));
            Assert.That(entry.After!.Value.GetProperty("intent").GetProperty("wrapUpCode").GetString(), Is.EqualTo("QA_Review"));
            Assert.That(entry.After!.Value.GetProperty("intent").GetProperty("intentId").GetGuid(), Is.EqualTo(sent.IntentId));
        });
    }

    [Test]
    public async Task Should_refuse_to_retry_a_letter_that_is_not_open()
    {
        var letter = await FailedLetterAsync();
        var first = await _host.Review.RetryAsync(letter.Id, new RetryEdit("QA_Review"), "alice");
        var second = await _host.Review.RetryAsync(letter.Id, new RetryEdit("QA_Review"), "bob");
        var discard = await _host.Review.DiscardAsync(letter.Id, "bob");

        Assert.Multiple(async () =>
        {
            Assert.That(first.Outcome, Is.EqualTo(ReviewOutcome.Ok));
            Assert.That(second.Outcome, Is.EqualTo(ReviewOutcome.Conflict));
            Assert.That(second.Detail, Does.Contain($"{letter.Id}").And.Contain("Retried").And.Contain("alice"));
            Assert.That(discard.Outcome, Is.EqualTo(ReviewOutcome.Conflict));
            Assert.That(await _host.Review.GetAuditAsync(deadLetterId: letter.Id), Has.Count.EqualTo(1), "refusals change nothing");
        });
    }

    [Test]
    public async Task Should_send_one_intent_when_two_operators_retry_the_same_letter_at_once()
    {
        var letter = await FailedLetterAsync();

        var both = await Task.WhenAll(
            Task.Run(() => _host.Review.RetryAsync(letter.Id, new RetryEdit("QA_Review"), "alice")),
            Task.Run(() => _host.Review.RetryAsync(letter.Id, new RetryEdit("Resolved"), "bob")));

        var won = both.Single(r => r.Outcome == ReviewOutcome.Ok);
        await _host.ReceivedAsync(i => i.IntentId == won.Value!.RetriedAsIntentId, "the retried intent on the intake queue");
        var stored = (await _host.Store.FindAsync(letter.Id))!;
        Assert.Multiple(async () =>
        {
            Assert.That(both.Select(r => r.Outcome), Is.EquivalentTo(new[] { ReviewOutcome.Ok, ReviewOutcome.Conflict }),
                "the second action waits for the first and finds the letter retried");
            Assert.That(_host.Pipeline.Received.Count(i => i.RequestedBy?.StartsWith("support:", StringComparison.Ordinal) == true
                && i.ConversationId == stored.ConversationId), Is.EqualTo(1), "one new intent on the intake queue");
            Assert.That(stored.RetriedAsIntentId, Is.EqualTo(won.Value!.RetriedAsIntentId));
            Assert.That(await _host.Review.GetAuditAsync(deadLetterId: letter.Id), Has.Count.EqualTo(1));
        });
    }

    [Test]
    public async Task Should_refuse_an_empty_code_and_leave_the_letter_open()
    {
        var letter = await FailedLetterAsync();
        var result = await _host.Review.RetryAsync(letter.Id, new RetryEdit("  "), "alice");

        Assert.Multiple(async () =>
        {
            Assert.That(result.Outcome, Is.EqualTo(ReviewOutcome.Invalid));
            Assert.That(result.Detail, Does.Contain("wrapUpCode"));
            Assert.That((await _host.Store.FindAsync(letter.Id))!.Status, Is.EqualTo(DeadLetterStatus.Open));
            Assert.That(await _host.Review.GetAuditAsync(deadLetterId: letter.Id), Is.Empty);
        });
    }

    [Test]
    public async Task Should_refuse_an_unreadable_letter_which_can_only_be_discarded()
    {
        var marker = Guid.NewGuid().ToString();
        await RawBroker.PublishAsync(_vhost.Uri, PipelineQueues.Intents, $"please wrap up {marker}", "text/plain");
        var letter = await _host.LetterAsync(l => l.Reason == FaultReasons.Unreadable && _host.Store.FindAsync(l.Id).Result!.Body.Contains(marker, StringComparison.Ordinal),
            "the unreadable letter");

        var retry = await _host.Review.RetryAsync(letter.Id, new RetryEdit("QA_Review"), "alice");
        var discard = await _host.Review.DiscardAsync(letter.Id, "alice", "garbage from a test publisher");

        Assert.Multiple(() =>
        {
            Assert.That(retry.Outcome, Is.EqualTo(ReviewOutcome.Invalid));
            Assert.That(retry.Title, Is.EqualTo("A retry cannot change this outcome"));
            Assert.That(retry.Detail, Does.Contain(FaultReasons.Unreadable).And.Contain("Discard"));
            Assert.That(discard.Outcome, Is.EqualTo(ReviewOutcome.Ok));
        });
    }

    [Test]
    public async Task Should_show_the_intent_the_attempts_and_the_retry_chain_when_the_retry_fails_again()
    {
        var letter = await FailedLetterAsync();
        var retried = await _host.Review.RetryAsync(letter.Id, new RetryEdit(FakePipeline.OtherInvalidCode), "alice", "try another code");
        var again = await _host.LetterOfIntentAsync(retried.Value!.RetriedAsIntentId);

        var details = (await _host.Review.GetAsync(again.Id)).Value!;
        var first = (await _host.Review.GetAsync(letter.Id)).Value!;
        Assert.Multiple(() =>
        {
            Assert.That(again.Reason, Is.EqualTo(WrapUpFailureReasons.InvalidCode));
            Assert.That(details.Intent!.IntentId, Is.EqualTo(retried.Value.RetriedAsIntentId));
            Assert.That(details.Intent.Status, Is.EqualTo("Failed"));
            Assert.That(details.Intent.FailureDetail, Is.EqualTo(FakePipeline.GenesysAnswer));
            Assert.That(details.Intent.RequestedBy, Is.EqualTo("support:alice"));
            Assert.That(details.Attempts, Is.Not.Null.And.Count.EqualTo(1));
            Assert.That(details.Attempts![0].HttpStatus, Is.EqualTo(400));
            Assert.That(details.RetryChain.Select(l => l.DeadLetterId), Is.EqualTo(new long?[] { letter.Id, again.Id }));
            Assert.That(details.RetryChain[1].IsCurrent, Is.True);
            Assert.That(first.RetryChain.Select(l => l.DeadLetterId), Is.EqualTo(new long?[] { letter.Id, again.Id }));
            Assert.That(first.RetryChain[0].RetriedAsIntentId, Is.EqualTo(retried.Value.RetriedAsIntentId));
            Assert.That(first.Audit, Has.Count.EqualTo(1));
        });
    }

    [Test]
    public async Task Should_refuse_an_invalid_code_retried_unchanged_and_send_nothing()
    {
        var letter = await FailedLetterAsync();

        var plain = await _host.Review.RetryAsync(letter.Id, RetryEdit.None, "alice");
        var sameCode = await _host.Review.RetryAsync(letter.Id, new RetryEdit(" bad_code "), "alice");
        var notesOnly = await _host.Review.RetryAsync(letter.Id, new RetryEdit(Notes: "other notes"), "alice");

        Assert.Multiple(async () =>
        {
            foreach (var refused in new[] { plain, sameCode, notesOnly })
            {
                Assert.That(refused.Outcome, Is.EqualTo(ReviewOutcome.Invalid));
                Assert.That(refused.Detail, Does.Contain("another code").Or.Contain("queue offers"));
                Assert.That(refused.Detail, Does.Contain($"/api/dead-letters/{letter.Id}/codes"));
            }

            Assert.That((await _host.Store.FindAsync(letter.Id))!.Status, Is.EqualTo(DeadLetterStatus.Open));
            Assert.That(await _host.Review.GetAuditAsync(10, letter.Id), Is.Empty, "nothing was sent, so nothing is audited");
        });
    }

    [Test]
    public async Task Should_refuse_a_letter_a_retry_cannot_help_and_say_why_in_plain_words()
    {
        var intent = DeadLetterHost.Intent("QA_Review");
        await _host.Pipeline.StoreFailedAsync(intent, CancellationToken.None, WrapUpFailureReasons.AlreadyWrappedUp);
        await _host.SendSettleAsync(new SettleWrapUpIntent { IntentId = intent.IntentId, ConversationId = intent.ConversationId, Trigger = "event" });
        var letter = await _host.LetterOfIntentAsync(intent.IntentId);

        var retry = await _host.Review.RetryAsync(letter.Id, new RetryEdit("Resolved"), "alice");
        var details = (await _host.Review.GetAsync(letter.Id)).Value!;

        Assert.Multiple(async () =>
        {
            Assert.That(letter.Reason, Is.EqualTo(WrapUpFailureReasons.AlreadyWrappedUp));
            Assert.That(retry.Outcome, Is.EqualTo(ReviewOutcome.Invalid));
            Assert.That(retry.Detail, Does.Contain("never overwrites"));
            Assert.That(details.Advice.CanRetry, Is.False);
            Assert.That(details.Advice.Title, Is.EqualTo("The agent already has a code"));
            Assert.That((await _host.Store.FindAsync(letter.Id))!.Status, Is.EqualTo(DeadLetterStatus.Open));
        });
    }

    [Test]
    public async Task Should_answer_not_found_for_an_unknown_letter()
    {
        var result = await _host.Review.RetryAsync(long.MaxValue, RetryEdit.None, "alice");
        Assert.That(result.Outcome, Is.EqualTo(ReviewOutcome.NotFound));
    }

    private async Task<DeadLetterSummary> FailedLetterAsync()
    {
        var intent = DeadLetterHost.Intent(FakePipeline.InvalidCode);
        await _host.SendIntentAsync(intent);
        return await _host.LetterOfIntentAsync(intent.IntentId);
    }
}
