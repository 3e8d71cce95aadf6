using EventBridge.Pipeline.Storage;

namespace EventBridge.Pipeline.Tests.Storage;

public sealed class When_the_same_intent_arrives_twice(StoreEngine engine) : StoreTest(engine)
{
    [Test]
    public async Task ShouldStore_it_once()
    {
        var intent = TestIntents.Pending();

        await Store.RegisterAsync(intent);
        await Store.RegisterAsync(intent);

        Assert.That(await Database.QueryScalarAsync<long>("SELECT COUNT(*) FROM intents"), Is.EqualTo(1));
    }

    [Test]
    public async Task Should_return_the_first_copy_and_ignore_the_second()
    {
        var first = TestIntents.Pending();
        await Store.RegisterAsync(first);

        var second = await Store.RegisterAsync(first with { RequestedCode = "Other", Notes = "changed", ReceivedAt = TestIntents.Now.AddMinutes(1) });

        using (Assert.EnterMultipleScope())
        {
            Assert.That(second.IsNew, Is.False);
            Assert.That(second.Intent, Is.EqualTo(first));
            Assert.That(second.Replaced, Is.Empty);
            Assert.That(await Store.FindAsync(first.IntentId), Is.EqualTo(first));
        }
    }

    [Test]
    public async Task Should_return_a_finished_intent_as_it_finished()
    {
        var intent = TestIntents.Pending();
        await Store.RegisterAsync(intent);
        await Store.TryCompleteAsync(intent.IntentId, TestIntents.Failed());
        var finished = await Store.FindAsync(intent.IntentId);

        var again = await Store.RegisterAsync(intent);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(again.IsNew, Is.False);
            Assert.That(again.Intent, Is.EqualTo(finished));
            Assert.That(again.Intent.Status, Is.EqualTo(IntentStatus.Failed));
        }
    }
}
