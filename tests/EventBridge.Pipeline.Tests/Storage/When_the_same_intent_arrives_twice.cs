using EventBridge.Pipeline.Storage;

namespace EventBridge.Pipeline.Tests.Storage;

public sealed class When_the_same_intent_arrives_twice
{
    private TestDatabase _database = null!;
    private SqliteIntentStore _store = null!;

    [SetUp]
    public async Task Open()
    {
        _database = new TestDatabase();
        _store = await _database.OpenStoreAsync();
    }

    [TearDown]
    public void Delete() => _database.Dispose();

    [Test]
    public async Task Should_store_it_once()
    {
        var intent = TestIntents.Pending();

        await _store.RegisterAsync(intent);
        await _store.RegisterAsync(intent);

        Assert.That(await _database.QueryScalarAsync<long>("SELECT COUNT(*) FROM intents"), Is.EqualTo(1));
    }

    [Test]
    public async Task Should_return_the_first_copy_and_ignore_the_second()
    {
        var first = TestIntents.Pending();
        await _store.RegisterAsync(first);

        var second = await _store.RegisterAsync(first with { RequestedCode = "Other", Notes = "changed", ReceivedAt = TestIntents.Now.AddMinutes(1) });

        using (Assert.EnterMultipleScope())
        {
            Assert.That(second.IsNew, Is.False);
            Assert.That(second.Intent, Is.EqualTo(first));
            Assert.That(second.Replaced, Is.Empty);
            Assert.That(await _store.FindAsync(first.IntentId), Is.EqualTo(first));
        }
    }

    [Test]
    public async Task Should_return_a_finished_intent_as_it_finished()
    {
        var intent = TestIntents.Pending();
        await _store.RegisterAsync(intent);
        await _store.TryCompleteAsync(intent.IntentId, TestIntents.Failed());
        var finished = await _store.FindAsync(intent.IntentId);

        var again = await _store.RegisterAsync(intent);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(again.IsNew, Is.False);
            Assert.That(again.Intent, Is.EqualTo(finished));
            Assert.That(again.Intent.Status, Is.EqualTo(IntentStatus.Failed));
        }
    }
}
