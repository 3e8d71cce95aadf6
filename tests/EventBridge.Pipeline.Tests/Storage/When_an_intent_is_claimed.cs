using EventBridge.Pipeline.Storage;

namespace EventBridge.Pipeline.Tests.Storage;

public sealed class When_an_intent_is_claimed(StoreEngine engine) : StoreTest(engine)
{
    private static readonly DateTimeOffset ClaimedAt = TestIntents.Now.AddSeconds(3);
    private static readonly DateTimeOffset AcwStartedAt = TestIntents.Now.AddSeconds(2);

    [Test]
    public async Task Should_move_it_from_pending_to_applying()
    {
        var intent = await RegisterAsync();

        var claimed = await Store.TryClaimAsync(intent.IntentId, "participant-1", "comm-1", AcwStartedAt, ClaimedAt);

        Assert.That(claimed, Is.True);
        Assert.That(await Store.FindAsync(intent.IntentId), Is.EqualTo(intent with
        {
            Status = IntentStatus.Applying,
            AppliedParticipantId = "participant-1",
            CommunicationId = "comm-1",
            AcwStartedAt = AcwStartedAt,
            UpdatedAt = ClaimedAt,
        }));
    }

    [Test]
    public async Task Should_refuse_another_intent_for_the_same_participant()
    {
        var first = await RegisterAsync(userId: "user-1");
        var second = await RegisterAsync(participantId: "participant-1");
        await Store.TryClaimAsync(first.IntentId, "participant-1", "comm-1", null, ClaimedAt);

        var claimed = await Store.TryClaimAsync(second.IntentId, "participant-1", "comm-1", null, ClaimedAt);

        Assert.That(claimed, Is.False);
        Assert.That(await Store.FindAsync(second.IntentId), Is.EqualTo(second));
    }

    [Test]
    public async Task Should_allow_another_participant_of_the_same_conversation()
    {
        var first = await RegisterAsync(participantId: "participant-1");
        var second = await RegisterAsync(participantId: "participant-2");
        await Store.TryClaimAsync(first.IntentId, "participant-1", "comm-1", null, ClaimedAt);

        Assert.That(await Store.TryClaimAsync(second.IntentId, "participant-2", "comm-2", null, ClaimedAt), Is.True);
    }

    [Test]
    public async Task Should_refuse_it_once_applied()
    {
        var intent = await RegisterAsync();
        await Store.TryClaimAsync(intent.IntentId, "participant-1", "comm-1", null, ClaimedAt);
        await Store.TryCompleteAsync(intent.IntentId, TestIntents.Applied("participant-1"));

        Assert.That(await Store.TryClaimAsync(intent.IntentId, "participant-1", "comm-1", null, ClaimedAt), Is.False);
    }

    [Test]
    public async Task Should_refuse_another_intent_once_the_participant_was_applied()
    {
        var first = await RegisterAsync(userId: "user-1");
        var second = await RegisterAsync(participantId: "participant-1");
        await Store.TryCompleteAsync(first.IntentId, TestIntents.Applied("participant-1"));

        Assert.That(await Store.TryClaimAsync(second.IntentId, "participant-1", "comm-1", null, ClaimedAt), Is.False);
    }

    [Test]
    public async Task Should_accept_the_same_participant_again_while_applying()
    {
        var intent = await RegisterAsync();
        await Store.TryClaimAsync(intent.IntentId, "participant-1", "comm-1", AcwStartedAt, ClaimedAt);

        var reclaimed = await Store.TryClaimAsync(intent.IntentId, "participant-1", "comm-1", null, ClaimedAt.AddSeconds(1));

        Assert.That(reclaimed, Is.True);
        Assert.That((await Store.FindAsync(intent.IntentId))!.AcwStartedAt, Is.EqualTo(AcwStartedAt), "a re-claim keeps what it does not know");
    }

    [Test]
    public async Task Should_refuse_another_participant_while_applying()
    {
        var intent = await RegisterAsync();
        await Store.TryClaimAsync(intent.IntentId, "participant-1", "comm-1", null, ClaimedAt);

        Assert.That(await Store.TryClaimAsync(intent.IntentId, "participant-2", "comm-2", null, ClaimedAt), Is.False);
    }

    [Test]
    public async Task Should_make_it_pending_again_on_release()
    {
        var intent = await RegisterAsync();
        await Store.TryClaimAsync(intent.IntentId, "participant-1", "comm-1", AcwStartedAt, ClaimedAt);

        await Store.ReleaseClaimAsync(intent.IntentId, ClaimedAt.AddSeconds(1));

        Assert.That(await Store.FindAsync(intent.IntentId), Is.EqualTo(intent with { UpdatedAt = ClaimedAt.AddSeconds(1) }));
    }

    [Test]
    public async Task Should_free_the_participant_on_release()
    {
        var first = await RegisterAsync(userId: "user-1");
        var second = await RegisterAsync(participantId: "participant-1");
        await Store.TryClaimAsync(first.IntentId, "participant-1", "comm-1", null, ClaimedAt);
        await Store.ReleaseClaimAsync(first.IntentId, ClaimedAt);

        Assert.That(await Store.TryClaimAsync(second.IntentId, "participant-1", "comm-1", null, ClaimedAt), Is.True);
    }

    [Test]
    public async Task Should_free_the_participant_when_the_claimed_intent_fails()
    {
        var first = await RegisterAsync(userId: "user-1");
        var second = await RegisterAsync(participantId: "participant-1");
        await Store.TryClaimAsync(first.IntentId, "participant-1", "comm-1", null, ClaimedAt);
        await Store.TryCompleteAsync(first.IntentId, TestIntents.Failed());

        Assert.That(await Store.TryClaimAsync(second.IntentId, "participant-1", "comm-1", null, ClaimedAt), Is.True);
    }

    [Test]
    public async Task Should_refuse_an_unknown_intent() =>
        Assert.That(await Store.TryClaimAsync(Guid.NewGuid(), "participant-1", "comm-1", null, ClaimedAt), Is.False);

    [Test]
    public async Task Should_be_enforced_by_theDatabase_itself()
    {
        var first = await RegisterAsync(userId: "user-1");
        var second = await RegisterAsync(participantId: "participant-1");
        await Store.TryClaimAsync(first.IntentId, "participant-1", "comm-1", null, ClaimedAt);

        var bypass = Assert.CatchAsync(() => Database.ExecuteAsync(
            "UPDATE intents SET status = 'Applied', applied_participant_id = 'participant-1' WHERE intent_id = @Id",
            new { Id = Database.IdParameter(second.IntentId) }));

        Assert.That(Database.IsUniqueViolation(bypass!), Is.True, bypass!.ToString());
    }

    private async Task<StoredIntent> RegisterAsync(string? participantId = null, string? userId = null)
    {
        var intent = TestIntents.Pending(participantId: participantId, userId: userId);
        await Store.RegisterAsync(intent);
        return intent;
    }
}
