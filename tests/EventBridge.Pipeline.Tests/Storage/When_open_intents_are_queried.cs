using EventBridge.Pipeline.Storage;

namespace EventBridge.Pipeline.Tests.Storage;

public sealed class When_open_intents_are_queried(StoreEngine engine) : StoreTest(engine)
{
    [Test]
    public async Task Should_list_pending_and_applying_intents_oldest_first()
    {
        // Registered out of order, so the order can only come from ReceivedAt.
        var newest = await RegisterAsync("conv-1", TimeSpan.FromSeconds(20));
        var oldest = await RegisterAsync("conv-2", TimeSpan.Zero);
        var middle = await RegisterAsync("conv-3", TimeSpan.FromSeconds(10));
        var finished = await RegisterAsync("conv-4", TimeSpan.FromSeconds(5));
        await Store.TryClaimAsync(TestIntents.Claim(middle.IntentId));
        await Store.TryCompleteAsync(finished.IntentId, TestIntents.Failed());

        var open = await Store.GetOpenAsync();

        Assert.That(open.Select(i => i.IntentId), Is.EqualTo(new[] { oldest.IntentId, middle.IntentId, newest.IntentId }));
    }

    [Test]
    public async Task Should_list_the_open_intents_of_one_conversation()
    {
        var applying = await RegisterAsync("conv-1", TimeSpan.Zero, participantId: "participant-1");
        var pending = await RegisterAsync("conv-1", TimeSpan.FromSeconds(1), participantId: "participant-2");
        var finished = await RegisterAsync("conv-1", TimeSpan.FromSeconds(2), participantId: "participant-3");
        await RegisterAsync("conv-2", TimeSpan.Zero);
        await Store.TryClaimAsync(TestIntents.Claim(applying.IntentId));
        await Store.TryCompleteAsync(finished.IntentId, TestIntents.Applied("participant-3"));

        var open = await Store.GetOpenForConversationAsync("conv-1");

        Assert.That(open.Select(i => i.IntentId), Is.EqualTo(new[] { applying.IntentId, pending.IntentId }));
    }

    [Test]
    public async Task Should_list_open_intents_at_or_past_their_deadline()
    {
        var now = TestIntents.Now.AddMinutes(10);
        var exactlyDue = await RegisterAsync("conv-1", TimeSpan.Zero, deadlineIn: TimeSpan.FromMinutes(10));
        var longOverdue = await RegisterAsync("conv-2", TimeSpan.Zero, deadlineIn: TimeSpan.FromMinutes(1));
        var applyingOverdue = await RegisterAsync("conv-3", TimeSpan.Zero, deadlineIn: TimeSpan.FromMinutes(5));
        await RegisterAsync("conv-4", TimeSpan.Zero, deadlineIn: TimeSpan.FromMinutes(10).Add(Database.Precision));
        var finished = await RegisterAsync("conv-5", TimeSpan.Zero, deadlineIn: TimeSpan.FromMinutes(1));
        await Store.TryClaimAsync(TestIntents.Claim(applyingOverdue.IntentId));
        await Store.TryCompleteAsync(finished.IntentId, TestIntents.Failed());

        var overdue = await Store.GetOverdueAsync(now.ToOffset(TimeSpan.FromHours(-5)));

        Assert.That(overdue.Select(i => i.IntentId),
            Is.EquivalentTo(new[] { exactlyDue.IntentId, longOverdue.IntentId, applyingOverdue.IntentId }));
    }

    private async Task<StoredIntent> RegisterAsync(string conversationId, TimeSpan receivedAfter, string? participantId = null,
        TimeSpan? deadlineIn = null)
    {
        var intent = TestIntents.Pending(conversationId, participantId, receivedAfter: receivedAfter, deadlineIn: deadlineIn);
        await Store.RegisterAsync(intent);
        return intent;
    }
}
