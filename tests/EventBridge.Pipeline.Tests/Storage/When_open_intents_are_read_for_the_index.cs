using EventBridge.Pipeline.Storage;

namespace EventBridge.Pipeline.Tests.Storage;

public sealed class When_open_intents_are_read_for_the_index(StoreEngine engine) : StoreTest(engine)
{
    [Test]
    public async Task Should_list_every_open_intent_once_in_position_order_with_what_the_index_keeps()
    {
        // Registered out of ReceivedAt order: the order can only come from the position (registration order).
        var first = await RegisterAsync("conv-1", TimeSpan.FromSeconds(30), participantId: "participant-1");
        var second = await RegisterAsync("conv-2", TimeSpan.Zero, userId: "user-2");
        var claimed = await RegisterAsync("conv-3", TimeSpan.FromSeconds(10));
        var finished = await RegisterAsync("conv-4", TimeSpan.FromSeconds(20));
        var last = await RegisterAsync("conv-5", TimeSpan.FromSeconds(5));
        await Store.SetResolvedCodeAsync(first.IntentId, "code-1", "Sale");
        await Store.TryClaimAsync(TestIntents.Claim(claimed.IntentId, "participant-3", communicationId: "comm-3"));
        await Store.TryCompleteAsync(finished.IntentId, TestIntents.Failed());

        var pages = new List<IReadOnlyList<OpenIntentIndexEntry>>();
        var position = 0L;
        while (true)
        {
            var page = await Store.GetOpenIndexPageAsync(position, limit: 2);
            pages.Add(page);
            if (page.Count < 2) break;
            position = page[^1].Position;
        }

        var listed = pages.SelectMany(p => p).ToList();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(listed.Select(i => i.IntentId), Is.EqualTo(new[] { first.IntentId, second.IntentId, claimed.IntentId, last.IntentId }),
                "the Applying intent is open, the failed one is not");
            Assert.That(listed.Select(i => i.Position), Is.Ordered.Ascending);
            Assert.That(pages.Select(p => p.Count), Is.EqualTo(new[] { 2, 2, 0 }), "a full last page is followed by an empty one");
            Assert.That(listed[0], Is.EqualTo(new OpenIntentIndexEntry(listed[0].Position, first.IntentId, "conv-1", "participant-1", null, "code-1", "Sale")));
            Assert.That(listed[1], Is.EqualTo(new OpenIntentIndexEntry(listed[1].Position, second.IntentId, "conv-2", null, "user-2", null, null)));
        }
    }

    [Test]
    public async Task Should_list_the_same_intents_as_the_whole_open_set()
    {
        for (var i = 0; i < 7; i++) await RegisterAsync($"conv-{i % 3}", TimeSpan.FromSeconds(i), participantId: $"participant-{i}");
        var whole = await Store.GetOpenAsync();

        var listed = new List<OpenIntentIndexEntry>();
        IReadOnlyList<OpenIntentIndexEntry> page;
        do
        {
            page = await Store.GetOpenIndexPageAsync(listed.Count == 0 ? 0 : listed[^1].Position, limit: 3);
            listed.AddRange(page);
        }
        while (page.Count == 3);

        Assert.That(listed.Select(i => (i.IntentId, i.ConversationId, i.ParticipantId, i.UserId, i.CodeId, i.CodeName)),
            Is.EquivalentTo(whole.Select(i => (i.IntentId, i.ConversationId, i.ParticipantId, i.UserId, i.CodeId, i.CodeName))));
    }

    [Test]
    public async Task Should_continue_after_a_position_with_intents_registered_later()
    {
        var first = await RegisterAsync("conv-1", TimeSpan.Zero);
        var page = await Store.GetOpenIndexPageAsync(0, limit: 10);
        var later = await RegisterAsync("conv-2", TimeSpan.FromSeconds(1));

        var next = await Store.GetOpenIndexPageAsync(page[^1].Position, limit: 10);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(page.Select(i => i.IntentId), Is.EqualTo(new[] { first.IntentId }));
            Assert.That(next.Select(i => i.IntentId), Is.EqualTo(new[] { later.IntentId }), $"{first.IntentId} was on the first page");
        }
    }

    [Test]
    public void Should_refuse_an_empty_page()
    {
        Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Store.GetOpenIndexPageAsync(0, limit: 0));
    }

    private async Task<StoredIntent> RegisterAsync(string conversationId, TimeSpan receivedAfter, string? participantId = null, string? userId = null)
    {
        var intent = TestIntents.Pending(conversationId, participantId, userId, receivedAfter);
        await Store.RegisterAsync(intent);
        return intent;
    }
}
