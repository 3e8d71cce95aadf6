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
    public async Task Should_answer_not_found_for_an_unknown_letter()
    {
        Assert.That((await _host.Review.DiscardAsync(long.MaxValue, "carol")).Outcome, Is.EqualTo(ReviewOutcome.NotFound));
    }
}
