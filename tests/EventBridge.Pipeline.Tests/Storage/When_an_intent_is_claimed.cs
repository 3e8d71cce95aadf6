using EventBridge.Pipeline.Storage;

namespace EventBridge.Pipeline.Tests.Storage;

public sealed class When_an_intent_is_claimed(StoreEngine engine) : StoreTest(engine)
{
    private static readonly DateTimeOffset ClaimedAt = TestIntents.Now.AddSeconds(3);
    private static readonly DateTimeOffset AcwStartedAt = TestIntents.Now.AddSeconds(2);

    [Test]
    public async Task Should_move_it_from_pending_to_applying_under_a_claim_of_this_worker()
    {
        var intent = await RegisterAsync();

        var claimed = await Store.TryClaimAsync(TestIntents.Claim(intent.IntentId, at: ClaimedAt, acwStartedAt: AcwStartedAt));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(claimed.Outcome, Is.EqualTo(IntentClaimOutcome.Claimed));
            Assert.That(claimed.Claim, Is.EqualTo(new IntentClaim(intent.IntentId, claimed.Claim!.Token, TestIntents.Worker, ClaimedAt + TestIntents.ClaimLifetime)));
            Assert.That(await Store.FindAsync(intent.IntentId), Is.EqualTo(intent with
            {
                Status = IntentStatus.Applying,
                AppliedParticipantId = "participant-1",
                CommunicationId = "comm-1",
                AcwStartedAt = AcwStartedAt,
                UpdatedAt = ClaimedAt,
                ClaimOwner = TestIntents.Worker,
                ClaimExpiresAt = ClaimedAt + TestIntents.ClaimLifetime,
            }));
        }
    }

    [Test]
    public async Task Should_refuse_another_intent_for_the_same_participant()
    {
        var first = await RegisterAsync(userId: "user-1");
        var second = await RegisterAsync(participantId: "participant-1");
        await Store.TryClaimAsync(TestIntents.Claim(first.IntentId, at: ClaimedAt));

        var claimed = await Store.TryClaimAsync(TestIntents.Claim(second.IntentId, at: ClaimedAt));

        Assert.That(claimed.Outcome, Is.EqualTo(IntentClaimOutcome.Refused));
        Assert.That(await Store.FindAsync(second.IntentId), Is.EqualTo(second));
    }

    [Test]
    public async Task Should_allow_another_participant_of_the_same_conversation()
    {
        var first = await RegisterAsync(participantId: "participant-1");
        var second = await RegisterAsync(participantId: "participant-2");
        await Store.TryClaimAsync(TestIntents.Claim(first.IntentId, at: ClaimedAt));

        Assert.That((await Store.TryClaimAsync(TestIntents.Claim(second.IntentId, "participant-2", ClaimedAt, "comm-2"))).Claimed, Is.True);
    }

    [Test]
    public async Task Should_refuse_it_once_applied()
    {
        var intent = await RegisterAsync();
        var claim = await Store.TryClaimAsync(TestIntents.Claim(intent.IntentId, at: ClaimedAt));
        await Store.TryCompleteAsync(intent.IntentId, TestIntents.Applied("participant-1", claim: claim));

        Assert.That((await Store.TryClaimAsync(TestIntents.Claim(intent.IntentId, at: ClaimedAt))).Outcome, Is.EqualTo(IntentClaimOutcome.Refused));
    }

    [Test]
    public async Task Should_refuse_another_intent_once_the_participant_was_applied()
    {
        var first = await RegisterAsync(userId: "user-1");
        var second = await RegisterAsync(participantId: "participant-1");
        await Store.TryCompleteAsync(first.IntentId, TestIntents.Applied("participant-1"));

        Assert.That((await Store.TryClaimAsync(TestIntents.Claim(second.IntentId, at: ClaimedAt))).Outcome, Is.EqualTo(IntentClaimOutcome.Refused));
    }

    [Test]
    public async Task Should_let_the_same_worker_claim_it_again_under_a_new_token()
    {
        var intent = await RegisterAsync();
        var first = await Store.TryClaimAsync(TestIntents.Claim(intent.IntentId, at: ClaimedAt, acwStartedAt: AcwStartedAt));

        var again = await Store.TryClaimAsync(TestIntents.Claim(intent.IntentId, at: ClaimedAt.AddSeconds(1), communicationId: null));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(again.Claimed, Is.True, "a retry of the owner's own run");
            Assert.That(again.Claim!.Token, Is.Not.EqualTo(first.Claim!.Token));
            var stored = await Store.FindAsync(intent.IntentId);
            Assert.That(stored!.AcwStartedAt, Is.EqualTo(AcwStartedAt), "a re-claim keeps what it does not know");
            Assert.That(stored.CommunicationId, Is.EqualTo("comm-1"), "a re-claim keeps what it does not know");
            Assert.That(await Store.TryCompleteAsync(intent.IntentId, TestIntents.Applied("participant-1", claim: first)), Is.False, "the old token no longer completes it");
        }
    }

    [Test]
    public async Task Should_leave_a_live_claim_of_another_worker_alone()
    {
        var intent = await RegisterAsync();
        await Store.TryClaimAsync(TestIntents.Claim(intent.IntentId, at: ClaimedAt));
        var held = await Store.FindAsync(intent.IntentId);

        var other = await Store.TryClaimAsync(TestIntents.Claim(intent.IntentId, at: ClaimedAt.AddSeconds(14), owner: "worker-b"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(other, Is.EqualTo(new IntentClaimResult(IntentClaimOutcome.HeldElsewhere, HeldBy: TestIntents.Worker, HeldUntil: ClaimedAt + TestIntents.ClaimLifetime)));
            Assert.That(await Store.FindAsync(intent.IntentId), Is.EqualTo(held));
        }
    }

    [Test]
    public async Task Should_hand_an_expired_claim_to_another_worker_and_stop_the_first_one()
    {
        var intent = await RegisterAsync();
        var first = await Store.TryClaimAsync(TestIntents.Claim(intent.IntentId, at: ClaimedAt));

        var takeover = await Store.TryClaimAsync(TestIntents.Claim(intent.IntentId, at: ClaimedAt + TestIntents.ClaimLifetime, owner: "worker-b"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(takeover.Claimed, Is.True, "a claim runs out at its expiry");
            Assert.That(await Store.TryRenewClaimAsync(intent.IntentId, first.Claim!.Token, ClaimedAt.AddMinutes(1)), Is.False, "the first worker cannot renew");
            await Store.ReleaseClaimAsync(intent.IntentId, first.Claim.Token, ClaimedAt.AddMinutes(1));
            Assert.That(await Store.TryCompleteAsync(intent.IntentId, TestIntents.Failed(claim: first)), Is.False, "nor record an outcome");
            Assert.That((await Store.FindAsync(intent.IntentId))!.ClaimOwner, Is.EqualTo("worker-b"), "nor release the new claim");
            Assert.That(await Store.TryCompleteAsync(intent.IntentId, TestIntents.Applied("participant-1", claim: takeover)), Is.True);
        }
    }

    [Test]
    public async Task Should_keep_a_renewed_claim_past_its_first_expiry()
    {
        var intent = await RegisterAsync();
        var claim = await Store.TryClaimAsync(TestIntents.Claim(intent.IntentId, at: ClaimedAt));
        var renewedUntil = ClaimedAt + TestIntents.ClaimLifetime + TestIntents.ClaimLifetime;

        var renewed = await Store.TryRenewClaimAsync(intent.IntentId, claim.Claim!.Token, renewedUntil);
        var other = await Store.TryClaimAsync(TestIntents.Claim(intent.IntentId, at: ClaimedAt + TestIntents.ClaimLifetime, owner: "worker-b"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(renewed, Is.True);
            Assert.That(other.Outcome, Is.EqualTo(IntentClaimOutcome.HeldElsewhere));
            Assert.That(other.HeldUntil, Is.EqualTo(renewedUntil));
        }
    }

    [Test]
    public async Task Should_refuse_to_renew_once_final()
    {
        var intent = await RegisterAsync();
        var claim = await Store.TryClaimAsync(TestIntents.Claim(intent.IntentId, at: ClaimedAt));
        await Store.TryCompleteAsync(intent.IntentId, TestIntents.Applied("participant-1", claim: claim));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(await Store.TryRenewClaimAsync(intent.IntentId, claim.Claim!.Token, ClaimedAt.AddMinutes(1)), Is.False);
            var stored = await Store.FindAsync(intent.IntentId);
            Assert.That(stored!.ClaimOwner, Is.EqualTo(TestIntents.Worker), "who applied it stays on record");
            Assert.That(stored.ClaimExpiresAt, Is.Null, "a final intent holds no claim");
        }
    }

    [Test]
    public async Task Should_refuse_to_complete_an_applying_intent_without_its_token()
    {
        var intent = await RegisterAsync();
        await Store.TryClaimAsync(TestIntents.Claim(intent.IntentId, at: ClaimedAt));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(await Store.TryCompleteAsync(intent.IntentId, TestIntents.Failed()), Is.False);
            Assert.That((await Store.FindAsync(intent.IntentId))!.Status, Is.EqualTo(IntentStatus.Applying));
        }
    }

    [Test]
    public async Task Should_refuse_another_participant_while_applying()
    {
        var intent = await RegisterAsync();
        await Store.TryClaimAsync(TestIntents.Claim(intent.IntentId, at: ClaimedAt));

        var other = await Store.TryClaimAsync(TestIntents.Claim(intent.IntentId, "participant-2", ClaimedAt, "comm-2", owner: "worker-b"));

        Assert.That(other.Outcome, Is.EqualTo(IntentClaimOutcome.Refused));
    }

    [Test]
    public async Task Should_make_it_pending_again_on_release()
    {
        var intent = await RegisterAsync();
        var claim = await Store.TryClaimAsync(TestIntents.Claim(intent.IntentId, at: ClaimedAt, acwStartedAt: AcwStartedAt));

        await Store.ReleaseClaimAsync(intent.IntentId, claim.Claim!.Token, ClaimedAt.AddSeconds(1));

        Assert.That(await Store.FindAsync(intent.IntentId), Is.EqualTo(intent with { UpdatedAt = ClaimedAt.AddSeconds(1) }));
    }

    [Test]
    public async Task Should_free_the_participant_on_release()
    {
        var first = await RegisterAsync(userId: "user-1");
        var second = await RegisterAsync(participantId: "participant-1");
        var claim = await Store.TryClaimAsync(TestIntents.Claim(first.IntentId, at: ClaimedAt));
        await Store.ReleaseClaimAsync(first.IntentId, claim.Claim!.Token, ClaimedAt);

        Assert.That((await Store.TryClaimAsync(TestIntents.Claim(second.IntentId, at: ClaimedAt))).Claimed, Is.True);
    }

    [Test]
    public async Task Should_free_the_participant_when_the_claimed_intent_fails()
    {
        var first = await RegisterAsync(userId: "user-1");
        var second = await RegisterAsync(participantId: "participant-1");
        var claim = await Store.TryClaimAsync(TestIntents.Claim(first.IntentId, at: ClaimedAt));
        await Store.TryCompleteAsync(first.IntentId, TestIntents.Failed(claim: claim));

        Assert.That((await Store.TryClaimAsync(TestIntents.Claim(second.IntentId, at: ClaimedAt))).Claimed, Is.True);
    }

    [Test]
    public async Task Should_refuse_an_unknown_intent() =>
        Assert.That((await Store.TryClaimAsync(TestIntents.Claim(Guid.NewGuid(), at: ClaimedAt))).Outcome, Is.EqualTo(IntentClaimOutcome.Refused));

    [Test]
    public async Task Should_treat_a_claim_written_before_owners_existed_as_expired()
    {
        var intent = await RegisterAsync();
        await Store.TryClaimAsync(TestIntents.Claim(intent.IntentId, at: ClaimedAt));
        await Database.ExecuteAsync("UPDATE intents SET claim_owner = NULL, claim_token = NULL, claim_expires_at = NULL WHERE intent_id = @Id",
            new { Id = Database.IdParameter(intent.IntentId) });

        var takeover = await Store.TryClaimAsync(TestIntents.Claim(intent.IntentId, at: ClaimedAt, owner: "worker-b"));

        Assert.That(takeover.Claimed, Is.True, "an Applying row of an older version has no live owner to wait for");
    }

    [Test]
    public async Task Should_be_enforced_by_theDatabase_itself()
    {
        var first = await RegisterAsync(userId: "user-1");
        var second = await RegisterAsync(participantId: "participant-1");
        await Store.TryClaimAsync(TestIntents.Claim(first.IntentId, at: ClaimedAt));

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
