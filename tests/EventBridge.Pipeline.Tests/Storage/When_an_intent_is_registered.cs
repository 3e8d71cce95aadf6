using EventBridge.Pipeline.Storage;

namespace EventBridge.Pipeline.Tests.Storage;

public sealed class When_an_intent_is_registered(StoreEngine engine) : StoreTest(engine)
{
    [Test]
    public async Task Should_round_trip_every_field()
    {
        var offset = TimeSpan.FromHours(2);
        var intent = new StoredIntent
        {
            IntentId = Guid.NewGuid(),
            ConversationId = "conv-1",
            RequestedCode = "Sale",
            CodeId = "code-1",
            CodeName = "Sale – won",
            Notes = "Customer said \"yes\"; O'Brien",
            ParticipantId = "participant-1",
            UserId = "user-1",
            Disconnect = true,
            RequestedBy = "crm",
            Deadline = TestIntents.Now.ToOffset(offset).Add(Database.Precision * 1),
            Status = IntentStatus.Pending,
            ReceivedAt = TestIntents.Now.Add(Database.Precision * 2),
            UpdatedAt = TestIntents.Now.Add(Database.Precision * 3),
            AppliedParticipantId = "participant-1",
            CommunicationId = "comm-1",
            AppliedVia = "communication-wrapup",
            AcwStartedAt = TestIntents.Now.Add(Database.Precision * 4),
            CompletedAt = TestIntents.Now.Add(Database.Precision * 5),
            FailureReason = "reason",
            FailureDetail = "detail",
            SupersededBy = Guid.NewGuid(),
        };

        await Store.RegisterAsync(intent);
        var found = await Store.FindAsync(intent.IntentId);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(found, Is.EqualTo(intent), "DateTimeOffset equality compares instants, so this covers every tick");
            Assert.That(found!.Deadline.UtcTicks, Is.EqualTo(intent.Deadline.UtcTicks));
            Assert.That(found.Deadline.Offset, Is.EqualTo(TimeSpan.Zero), "instants are stored and read back as UTC");
        }
    }

    [Test]
    public async Task Should_round_trip_null_fields()
    {
        var intent = TestIntents.Pending() with { RequestedCode = "" };

        await Store.RegisterAsync(intent);

        Assert.That(await Store.FindAsync(intent.IntentId), Is.EqualTo(intent));
    }

    [Test]
    public async Task Should_return_theStored_copy_as_new()
    {
        var intent = TestIntents.Pending();

        var registration = await Store.RegisterAsync(intent);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(registration.IsNew, Is.True);
            Assert.That(registration.Intent, Is.EqualTo(intent));
            Assert.That(registration.Replaced, Is.Empty);
        }
    }

    [Test]
    public async Task Should_find_nothing_for_an_unknown_id() =>
        Assert.That(await Store.FindAsync(Guid.NewGuid()), Is.Null);

    [Test]
    public void Should_refuse_an_intent_that_is_not_pending() =>
        Assert.ThrowsAsync<ArgumentException>(() => Store.RegisterAsync(TestIntents.Pending() with { Status = IntentStatus.Applied }));
}
