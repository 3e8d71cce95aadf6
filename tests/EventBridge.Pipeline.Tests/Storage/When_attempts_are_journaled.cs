using EventBridge.Pipeline.Storage;

namespace EventBridge.Pipeline.Tests.Storage;

public sealed class When_attempts_are_journaled(StoreEngine engine) : StoreTest(engine)
{
    private IIntentAttemptJournal Journal { get; set; } = null!;

    [SetUp]
    public void OpenJournal() => Journal = Database.NewJournal();

    [Test]
    public async Task Should_return_the_attempts_of_an_intent_oldest_first_with_every_field()
    {
        var intentId = Guid.NewGuid();
        var refused = Attempt(intentId, Database.Precision, IntentAttempt.WrapUp("communication-wrapup"), IntentAttempt.Refused, 403,
            "Genesys call POST /api/v2/... failed: 403 Forbidden, code 'not.authorized'") with
        {
            GenesysCode = "not.authorized", GenesysMessage = "You are not authorized to perform the requested action.", ContextId = "c0ffee-42",
        };
        var applied = Attempt(intentId, Database.Precision * 2, IntentAttempt.WrapUp("participant-patch"), IntentAttempt.Ok, null, "accepted");
        var disconnect = Attempt(intentId, TimeSpan.Zero, IntentAttempt.Disconnect, IntentAttempt.Ok, null, "Disconnected agent participant p-1.");

        foreach (var attempt in new[] { applied, refused, disconnect }) await Journal.RecordAsync(attempt);

        Assert.That(await Journal.GetAsync(intentId), Is.EqualTo(new[] { disconnect, refused, applied }),
            "ordered by time, every tick and field kept");
    }

    [Test]
    public async Task Should_keep_the_order_of_attempts_recorded_at_the_same_instant()
    {
        var intentId = Guid.NewGuid();
        var first = Attempt(intentId, TimeSpan.Zero, IntentAttempt.WrapUp("communication-wrapup"), IntentAttempt.Ok, null, "first");
        var second = first with { Action = IntentAttempt.Confirm, Detail = "second" };

        await Journal.RecordAsync(first);
        await Journal.RecordAsync(second);

        Assert.That((await Journal.GetAsync(intentId)).Select(a => a.Detail), Is.EqualTo(new[] { "first", "second" }));
    }

    [Test]
    public async Task Should_keep_the_attempts_of_each_intent_apart()
    {
        var one = Attempt(Guid.NewGuid(), TimeSpan.Zero, IntentAttempt.Disconnect, IntentAttempt.Ok, null, "one");
        var other = Attempt(Guid.NewGuid(), TimeSpan.Zero, IntentAttempt.Disconnect, IntentAttempt.Error, 503, "other");

        await Journal.RecordAsync(one);
        await Journal.RecordAsync(other);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(await Journal.GetAsync(one.IntentId), Is.EqualTo(new[] { one }));
            Assert.That(await Journal.GetAsync(other.IntentId), Is.EqualTo(new[] { other }));
            Assert.That(await Journal.GetAsync(Guid.NewGuid()), Is.Empty);
        }
    }

    [Test]
    public async Task Should_cut_a_runaway_detail()
    {
        var attempt = Attempt(Guid.NewGuid(), TimeSpan.Zero, IntentAttempt.Confirm, IntentAttempt.Refused, null, new string('x', 10_000));

        await Journal.RecordAsync(attempt);

        Assert.That((await Journal.GetAsync(attempt.IntentId)).Single().Detail, Has.Length.EqualTo(IntentAttempt.MaxStoredDetailLength));
    }

    [Test]
    public async Task Should_cut_a_runaway_genesys_answer()
    {
        var attempt = Attempt(Guid.NewGuid(), TimeSpan.Zero, IntentAttempt.Read, IntentAttempt.Refused, 400, "bad") with
        {
            GenesysCode = new string('c', 1000), GenesysMessage = new string('m', 10_000), ContextId = new string('i', 1000),
        };

        await Journal.RecordAsync(attempt);

        var stored = (await Journal.GetAsync(attempt.IntentId)).Single();
        Assert.That((stored.GenesysCode!.Length, stored.GenesysMessage!.Length, stored.ContextId!.Length),
            Is.EqualTo((IntentAttempt.MaxStoredFieldLength, IntentAttempt.MaxStoredDetailLength, IntentAttempt.MaxStoredFieldLength)));
    }

    [Test]
    public void Should_refuse_an_outcome_outside_the_list()
    {
        var refused = Assert.CatchAsync(() => Journal.RecordAsync(Attempt(Guid.NewGuid(), TimeSpan.Zero, IntentAttempt.Confirm, "maybe", null, "")));

        Assert.That(Database.IsCheckViolation(refused!), Is.True, refused!.ToString());
    }

    private static IntentAttempt Attempt(Guid intentId, TimeSpan after, string action, string outcome, int? status, string detail) => new()
    {
        IntentId = intentId,
        At = TestIntents.Now + after,
        Action = action,
        Outcome = outcome,
        HttpStatus = status,
        Detail = detail,
    };
}
