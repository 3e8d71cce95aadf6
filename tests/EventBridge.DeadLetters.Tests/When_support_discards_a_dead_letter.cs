using EventBridge.DeadLetters.Review;
using EventBridge.DeadLetters.Storage;
using EventBridge.DeadLetters.Tests.Support;

namespace EventBridge.DeadLetters.Tests;

[TestFixture(StoreEngine.Sqlite)]
[TestFixture(StoreEngine.Postgres)]
public sealed class When_support_discards_a_dead_letter(StoreEngine engine)
{
    private IsolatedVhost _vhost = null!;
    private DeadLetterHost _host = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _vhost = await IsolatedVhost.CreateAsync("deadletters-discard");
        _host = await DeadLetterHost.StartAsync(_vhost, engine);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await _host.DisposeAsync();
        await _vhost.DeleteAsync();
    }

    [Test]
    public async Task Should_archive_it_and_audit_the_state_before_and_after()
    {
        var intent = DeadLetterHost.Intent(FakePipeline.InvalidCode);
        await _host.SendIntentAsync(intent);
        var letter = await _host.LetterOfIntentAsync(intent.IntentId);

        var result = await _host.Review.DiscardAsync(letter.Id, "carol", "conversation closed by hand");

        var stored = (await _host.Store.FindAsync(letter.Id))!;
        var audit = await _host.Review.GetAuditAsync(10);
        var archived = await _host.Review.ListAsync(status: DeadLetterStatus.Archived);
        var open = await _host.Review.ListAsync(status: DeadLetterStatus.Open);
        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(ReviewOutcome.Ok));
            Assert.That(stored.Status, Is.EqualTo(DeadLetterStatus.Archived));
            Assert.That(stored.ResolvedBy, Is.EqualTo("carol"));
            Assert.That(stored.RetriedAsIntentId, Is.Null);
            Assert.That(_host.Pipeline.Received.Any(i => i.ConversationId == intent.ConversationId && i.IntentId != intent.IntentId), Is.False, "nothing is sent");
            var entry = audit.Single(a => a.DeadLetterId == letter.Id);
            Assert.That(entry.Action, Is.EqualTo(AuditActions.Discard));
            Assert.That(entry.Actor, Is.EqualTo("carol"));
            Assert.That(entry.Comment, Is.EqualTo("conversation closed by hand"));
            Assert.That(entry.Before!.Value.GetProperty("status").GetString(), Is.EqualTo("Open"));
            Assert.That(entry.After!.Value.GetProperty("status").GetString(), Is.EqualTo("Archived"));
            Assert.That(entry.After!.Value.GetProperty("resolvedBy").GetString(), Is.EqualTo("carol"));
            Assert.That(archived.Items.Select(l => l.Id), Does.Contain(letter.Id));
            Assert.That(open.Items.Select(l => l.Id), Does.Not.Contain(letter.Id));
        });
    }

    [Test]
    public async Task Should_restore_an_archived_letter_to_open_with_its_actions_and_audit_it()
    {
        var letter = await FailedLetterAsync();
        await _host.Review.DiscardAsync(letter.Id, "carol", "looked like a test");

        var restored = await _host.Review.RestoreAsync(letter.Id, "dave", "it was a real customer");
        var again = await _host.Review.RestoreAsync(letter.Id, "dave");

        var stored = (await _host.Store.FindAsync(letter.Id))!;
        var entry = (await _host.Review.GetAuditAsync(10, letter.Id))[0];
        var retried = await _host.Review.RetryAsync(letter.Id, new RetryEdit("QA_Review"), "dave");
        Assert.Multiple(() =>
        {
            Assert.That(restored.Outcome, Is.EqualTo(ReviewOutcome.Ok));
            Assert.That(stored.Status, Is.EqualTo(DeadLetterStatus.Open));
            Assert.That(stored.ResolvedAt, Is.Null, "an Open letter has no resolution, so the retention purge does not count from the discard");
            Assert.That(stored.ResolvedBy, Is.Null);
            Assert.That(entry.Action, Is.EqualTo(AuditActions.Restore));
            Assert.That(entry.Actor, Is.EqualTo("dave"));
            Assert.That(entry.Comment, Is.EqualTo("it was a real customer"));
            Assert.That(entry.Before!.Value.GetProperty("status").GetString(), Is.EqualTo("Archived"));
            Assert.That(entry.After!.Value.GetProperty("status").GetString(), Is.EqualTo("Open"));
            Assert.That(again.Outcome, Is.EqualTo(ReviewOutcome.Conflict), "an Open letter is not restored twice");
            Assert.That(retried.Outcome, Is.EqualTo(ReviewOutcome.Ok), "a restored letter can be acted on again");
        });
    }

    [Test]
    public async Task Should_not_restore_a_retried_letter()
    {
        var letter = await FailedLetterAsync();
        var retried = await _host.Review.RetryAsync(letter.Id, new RetryEdit("QA_Review"), "carol");

        var restore = await _host.Review.RestoreAsync(letter.Id, "carol");

        Assert.Multiple(async () =>
        {
            Assert.That(restore.Outcome, Is.EqualTo(ReviewOutcome.Conflict));
            Assert.That(restore.Detail, Does.Contain(retried.Value!.RetriedAsIntentId.ToString()));
            Assert.That((await _host.Store.FindAsync(letter.Id))!.Status, Is.EqualTo(DeadLetterStatus.Retried));
        });
    }

    [Test]
    public async Task Should_discard_a_whole_group_only_with_the_previewed_count()
    {
        const string reason = "error:InvalidOperationException";
        var letters = new List<DeadLetterSummary>();
        foreach (var _ in Enumerable.Range(0, 2))
        {
            var intent = DeadLetterHost.Intent(FakePipeline.Flaky);
            await _host.SendIntentAsync(intent);
            letters.Add(await _host.LetterOfIntentAsync(intent.IntentId));
        }

        var matching = (await _host.Review.PreviewGroupAsync(reason)).Matching;
        var stale = await _host.Review.DiscardGroupAsync(reason, matching + 1, "carol");
        var done = await _host.Review.DiscardGroupAsync(reason, matching, "carol", "the outage is over; re-sent by the gateway");

        var audit = await _host.Review.GetAuditAsync();
        Assert.Multiple(async () =>
        {
            Assert.That(stale.Outcome, Is.EqualTo(ReviewOutcome.Conflict));
            Assert.That(stale.Value!.Matching, Is.EqualTo(matching));
            Assert.That(done.Outcome, Is.EqualTo(ReviewOutcome.Ok));
            Assert.That(done.Value!.Discarded, Is.EqualTo(matching));
            foreach (var letter in letters) Assert.That((await _host.Store.FindAsync(letter.Id))!.Status, Is.EqualTo(DeadLetterStatus.Archived));
            Assert.That((await _host.Store.GetOpenIdsAsync(reason)), Is.Empty);
            Assert.That(audit.Count(a => a.Action == AuditActions.Discard && letters.Any(l => l.Id == a.DeadLetterId)), Is.EqualTo(2));
            Assert.That(audit.Single(a => a.Action == AuditActions.GroupDiscard).After!.Value.GetProperty("discarded").GetInt32(), Is.EqualTo(matching));
        });
    }

    [Test]
    public async Task Should_discard_only_the_letters_that_failed_before_the_filters_time()
    {
        const string reason = "error:InvalidOperationException";
        var older = DeadLetterHost.Intent(FakePipeline.Flaky);
        await _host.SendIntentAsync(older);
        var olderLetter = await _host.LetterOfIntentAsync(older.IntentId);
        var newer = DeadLetterHost.Intent(FakePipeline.Flaky);
        await _host.SendIntentAsync(newer);
        var newerLetter = await _host.LetterOfIntentAsync(newer.IntentId);
        // One letter failed after the other: the filter's bound sits between them (exclusive).
        var cutoff = newerLetter.FailedAt;
        Assume.That(olderLetter.FailedAt, Is.LessThan(cutoff));

        var preview = await _host.Review.PreviewGroupAsync(reason, cutoff);
        var all = await _host.Review.PreviewGroupAsync(reason);
        var done = await _host.Review.DiscardGroupAsync(reason, preview.Matching, "carol", "older than the fix", cutoff);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(preview.Matching, Is.EqualTo(all.Matching - 1), "every open letter of the reason but the newest");
            Assert.That(done.Value!.Discarded, Is.EqualTo(preview.Matching));
            Assert.That((await _host.Store.FindAsync(olderLetter.Id))!.Status, Is.EqualTo(DeadLetterStatus.Archived));
            Assert.That((await _host.Store.FindAsync(newerLetter.Id))!.Status, Is.EqualTo(DeadLetterStatus.Open), "failed at the bound: kept");
        }
    }

    [Test]
    public async Task Should_answer_not_found_for_an_unknown_letter()
    {
        Assert.That((await _host.Review.DiscardAsync(long.MaxValue, "carol")).Outcome, Is.EqualTo(ReviewOutcome.NotFound));
        Assert.That((await _host.Review.RestoreAsync(long.MaxValue, "carol")).Outcome, Is.EqualTo(ReviewOutcome.NotFound));
    }

    private async Task<DeadLetterSummary> FailedLetterAsync()
    {
        var intent = DeadLetterHost.Intent(FakePipeline.InvalidCode);
        await _host.SendIntentAsync(intent);
        return await _host.LetterOfIntentAsync(intent.IntentId);
    }
}
