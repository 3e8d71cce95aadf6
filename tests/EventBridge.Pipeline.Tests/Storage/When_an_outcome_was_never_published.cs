using EventBridge.Pipeline.Storage;

namespace EventBridge.Pipeline.Tests.Storage;

/// <summary>
/// The store makes an intent final before its outcome event goes out; the rows a killed process left in between are
/// what the OutcomeRepublisher sends.
/// </summary>
public sealed class When_an_outcome_was_never_published(StoreEngine engine) : StoreTest(engine)
{
    [Test]
    public async Task Should_list_final_intents_not_yet_published_oldest_first_once_they_are_old_enough()
    {
        var applied = await FinalAsync("conv-1", TestIntents.Applied("participant-1", after: TimeSpan.FromSeconds(20), claim: null), claimFirst: true);
        var failed = await FinalAsync("conv-2", TestIntents.Failed(after: TimeSpan.FromSeconds(10)));
        var recent = await FinalAsync("conv-3", TestIntents.Failed(after: TimeSpan.FromSeconds(40)));
        await Store.RegisterAsync(TestIntents.Pending("conv-4"));

        var unpublished = await Store.GetUnpublishedOutcomesAsync(TestIntents.Now.AddSeconds(30), limit: 10);

        Assert.That(unpublished.Select(i => i.IntentId), Is.EqualTo(new[] { failed.IntentId, applied.IntentId }),
            "final ones only, oldest first, not the one final after the cut-off, not the open one");
        Assert.That(await Store.GetUnpublishedOutcomesAsync(TestIntents.Now.AddMinutes(1), limit: 2), Has.Count.EqualTo(2), "the limit holds");
        Assert.That((await Store.GetUnpublishedOutcomesAsync(TestIntents.Now.AddMinutes(1), limit: 10)).Select(i => i.IntentId),
            Does.Contain(recent.IntentId));
    }

    [Test]
    public async Task Should_leave_the_list_once_published_and_only_when_final()
    {
        var failed = await FinalAsync("conv-1", TestIntents.Failed());
        var open = TestIntents.Pending("conv-2");
        await Store.RegisterAsync(open);

        await Store.MarkOutcomePublishedAsync(failed.IntentId, TestIntents.Now.AddSeconds(6));
        await Store.MarkOutcomePublishedAsync(open.IntentId, TestIntents.Now.AddSeconds(6));
        await Store.TryCompleteAsync(open.IntentId, TestIntents.Failed(after: TimeSpan.FromSeconds(7)));

        var unpublished = await Store.GetUnpublishedOutcomesAsync(TestIntents.Now.AddMinutes(1), limit: 10);
        Assert.That(unpublished.Select(i => i.IntentId), Is.EqualTo(new[] { open.IntentId }),
            "a mark before the intent was final does not count: its outcome had not gone out");
        Assert.That(await Store.FindAsync(failed.IntentId), Has.Property(nameof(StoredIntent.UpdatedAt)).EqualTo(TestIntents.Now.AddSeconds(5)),
            "publishing is no news of the intent: reconciliation keys on updated_at");
    }

    private async Task<StoredIntent> FinalAsync(string conversationId, IntentCompletion completion, bool claimFirst = false)
    {
        var intent = TestIntents.Pending(conversationId);
        await Store.RegisterAsync(intent);
        if (claimFirst)
        {
            var claim = await Store.TryClaimAsync(TestIntents.Claim(intent.IntentId, at: TestIntents.Now.AddSeconds(1)));
            completion = completion with { ClaimToken = claim.Claim!.Token };
        }

        Assert.That(await Store.TryCompleteAsync(intent.IntentId, completion), Is.True);
        return intent;
    }
}
