using EventBridge.Pipeline.Storage;

namespace EventBridge.Pipeline.Tests.Storage;

public sealed class When_open_intents_are_read_page_by_page(StoreEngine engine) : StoreTest(engine)
{
    [Test]
    public async Task Should_list_every_open_intent_once_in_registration_order()
    {
        var registered = new List<StoredIntent>();
        for (var i = 0; i < 7; i++) registered.Add(await RegisterAsync($"conv-{i}", TimeSpan.FromSeconds(i)));
        await Store.TryClaimAsync(TestIntents.Claim(registered[2].IntentId));
        await Store.TryCompleteAsync(registered[4].IntentId, TestIntents.Failed());

        var pages = new List<IReadOnlyList<OpenIntentSummary>>();
        var position = 0L;
        while (true)
        {
            var page = await Store.GetOpenPageAsync(position, limit: 2);
            pages.Add(page);
            if (page.Count < 2) break;
            position = page[^1].Position;
        }

        var listed = pages.SelectMany(p => p).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(listed.Select(i => i.IntentId), Is.EqualTo(registered.Where((_, i) => i != 4).Select(i => i.IntentId)),
                "the Applying intent is open, the failed one is not");
            Assert.That(listed.Select(i => i.Position), Is.Ordered.Ascending);
            Assert.That(pages.Select(p => p.Count), Is.EqualTo(new[] { 2, 2, 2, 0 }));
            Assert.That(listed[0].ConversationId, Is.EqualTo("conv-0"));
            Assert.That(listed[0].Deadline, Is.EqualTo(registered[0].Deadline));
            Assert.That(listed[0].UpdatedAt, Is.EqualTo(registered[0].UpdatedAt));
        });
    }

    [Test]
    public async Task Should_list_only_intents_unchanged_since_the_given_instant()
    {
        var quiet = await RegisterAsync("conv-1", TimeSpan.Zero);
        var touched = await RegisterAsync("conv-2", TimeSpan.Zero);
        var recent = await RegisterAsync("conv-3", TimeSpan.FromMinutes(2));
        var claim = await Store.TryClaimAsync(TestIntents.Claim(touched.IntentId, at: TestIntents.Now.AddMinutes(3)));
        await Store.ReleaseClaimAsync(touched.IntentId, claim.Claim!.Token, TestIntents.Now.AddMinutes(3));

        var page = await Store.GetOpenPageAsync(0, limit: 10, changedBefore: TestIntents.Now.AddMinutes(2));

        Assert.That(page.Select(i => i.IntentId), Is.EqualTo(new[] { quiet.IntentId }),
            $"{recent.IntentId} changed exactly at the instant, {touched.IntentId} after it");
    }

    [Test]
    public async Task Should_list_a_claimed_intent_with_its_expiry_however_recently_it_changed()
    {
        // The sweeper must see a claim run out (a dead worker's) without waiting for the intent to go quiet.
        var quiet = await RegisterAsync("conv-1", TimeSpan.Zero);
        var claimed = await RegisterAsync("conv-2", TimeSpan.Zero);
        await Store.TryClaimAsync(TestIntents.Claim(claimed.IntentId, at: TestIntents.Now.AddMinutes(3)));

        var page = await Store.GetOpenPageAsync(0, limit: 10, changedBefore: TestIntents.Now.AddMinutes(2));

        Assert.That(page.Select(i => (i.IntentId, i.ClaimExpiresAt)), Is.EqualTo(new (Guid, DateTimeOffset?)[]
        {
            (quiet.IntentId, null),
            (claimed.IntentId, TestIntents.Now.AddMinutes(3) + TestIntents.ClaimLifetime),
        }));
    }

    [Test]
    public async Task Should_continue_after_a_position_with_intents_registered_later()
    {
        var first = await RegisterAsync("conv-1", TimeSpan.Zero);
        var page = await Store.GetOpenPageAsync(0, limit: 10);
        var later = await RegisterAsync("conv-2", TimeSpan.FromSeconds(1));

        var next = await Store.GetOpenPageAsync(page[^1].Position, limit: 10);

        Assert.That(next.Select(i => i.IntentId), Is.EqualTo(new[] { later.IntentId }), $"{first.IntentId} was on the first page");
    }

    private async Task<StoredIntent> RegisterAsync(string conversationId, TimeSpan receivedAfter)
    {
        var intent = TestIntents.Pending(conversationId, receivedAfter: receivedAfter);
        await Store.RegisterAsync(intent);
        return intent;
    }
}
