using EventBridge.Contracts;
using EventBridge.Pipeline.Storage;

namespace EventBridge.Pipeline.Tests.Storage;

public sealed class When_a_newer_intent_arrives_for_the_same_target(StoreEngine engine) : StoreTest(engine)
{
    private static readonly TimeSpan Later = TimeSpan.FromSeconds(30);

    [Test]
    public async Task Should_supersede_the_pending_older_one()
    {
        var older = TestIntents.Pending(participantId: "participant-1");
        var newer = TestIntents.Pending(participantId: "participant-1", receivedAfter: Later);
        await Store.RegisterAsync(older);

        var registration = await Store.RegisterAsync(newer);
        var stored = await Store.FindAsync(older.IntentId);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(registration.IsNew, Is.True);
            Assert.That(stored!.Status, Is.EqualTo(IntentStatus.Failed));
            Assert.That(stored.FailureReason, Is.EqualTo(WrapUpFailureReasons.Superseded));
            Assert.That(stored.FailureDetail, Does.Contain(newer.IntentId.ToString()));
            Assert.That(stored.SupersededBy, Is.EqualTo(newer.IntentId));
            Assert.That(stored.CompletedAt, Is.EqualTo(newer.ReceivedAt));
            Assert.That(stored.UpdatedAt, Is.EqualTo(newer.ReceivedAt));
            Assert.That(registration.Replaced, Is.EqualTo(new[] { stored }));
            Assert.That(await Store.FindAsync(newer.IntentId), Is.EqualTo(newer));
        }
    }

    [TestCase("participant-1", null, "participant-2", null)]
    [TestCase(null, "user-1", null, "user-2")]
    [TestCase(null, "user-1", "participant-1", null)]
    [TestCase(null, null, "participant-1", null)]
    public async Task Should_not_touch_another_target(string? olderParticipant, string? olderUser, string? newerParticipant, string? newerUser)
    {
        var older = TestIntents.Pending(participantId: olderParticipant, userId: olderUser);
        await Store.RegisterAsync(older);

        var registration = await Store.RegisterAsync(TestIntents.Pending(participantId: newerParticipant, userId: newerUser, receivedAfter: Later));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(registration.Replaced, Is.Empty);
            Assert.That(await Store.FindAsync(older.IntentId), Is.EqualTo(older));
        }
    }

    [Test]
    public async Task Should_not_touch_another_conversation()
    {
        var older = TestIntents.Pending("conv-1");
        await Store.RegisterAsync(older);

        var registration = await Store.RegisterAsync(TestIntents.Pending("conv-2", receivedAfter: Later));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(registration.Replaced, Is.Empty);
            Assert.That(await Store.FindAsync(older.IntentId), Is.EqualTo(older));
        }
    }

    [Test]
    public async Task Should_not_supersede_an_applying_intent()
    {
        var older = TestIntents.Pending(participantId: "participant-1");
        await Store.RegisterAsync(older);
        await Store.TryClaimAsync(TestIntents.Claim(older.IntentId));
        var applying = await Store.FindAsync(older.IntentId);

        var registration = await Store.RegisterAsync(TestIntents.Pending(participantId: "participant-1", receivedAfter: Later));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(registration.Replaced, Is.Empty);
            Assert.That(await Store.FindAsync(older.IntentId), Is.EqualTo(applying));
        }
    }

    [Test]
    public async Task Should_not_supersede_a_finished_intent()
    {
        var older = TestIntents.Pending(participantId: "participant-1");
        await Store.RegisterAsync(older);
        await Store.TryCompleteAsync(older.IntentId, TestIntents.Applied("participant-1"));
        var applied = await Store.FindAsync(older.IntentId);

        var registration = await Store.RegisterAsync(TestIntents.Pending(participantId: "participant-1", receivedAfter: Later));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(registration.Replaced, Is.Empty);
            Assert.That(await Store.FindAsync(older.IntentId), Is.EqualTo(applied));
        }
    }
}
