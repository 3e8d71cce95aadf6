using EventBridge.Pipeline.Storage;

namespace EventBridge.Pipeline.Tests.Storage;

public sealed class When_an_intent_is_completed
{
    private TestDatabase _database = null!;
    private SqliteIntentStore _store = null!;
    private StoredIntent _intent = null!;

    [SetUp]
    public async Task Open()
    {
        _database = new TestDatabase();
        _store = await _database.OpenStoreAsync();
        _intent = TestIntents.Pending();
        await _store.RegisterAsync(_intent);
    }

    [TearDown]
    public void Delete() => _database.Dispose();

    [Test]
    public async Task Should_record_the_outcome_of_a_claimed_intent()
    {
        var claim = await _store.TryClaimAsync(TestIntents.Claim(_intent.IntentId, at: TestIntents.Now.AddSeconds(1), acwStartedAt: TestIntents.Now));
        var applied = TestIntents.Applied("participant-1", claim: claim);

        var completed = await _store.TryCompleteAsync(_intent.IntentId, applied);

        Assert.That(completed, Is.True);
        Assert.That(await _store.FindAsync(_intent.IntentId), Is.EqualTo(_intent with
        {
            Status = IntentStatus.Applied,
            AppliedParticipantId = "participant-1",
            CommunicationId = applied.CommunicationId,
            AppliedVia = applied.AppliedVia,
            AcwStartedAt = TestIntents.Now,
            CompletedAt = applied.At,
            UpdatedAt = applied.At,
            ClaimOwner = TestIntents.Worker,
        }));
    }

    [Test]
    public async Task Should_record_a_failure_of_a_pending_intent()
    {
        var failed = TestIntents.Failed();

        Assert.That(await _store.TryCompleteAsync(_intent.IntentId, failed), Is.True);
        Assert.That(await _store.FindAsync(_intent.IntentId), Is.EqualTo(_intent with
        {
            Status = IntentStatus.Failed,
            FailureReason = failed.FailureReason,
            FailureDetail = failed.FailureDetail,
            CompletedAt = failed.At,
            UpdatedAt = failed.At,
        }));
    }

    [Test]
    public async Task Should_keep_the_first_outcome()
    {
        await _store.TryCompleteAsync(_intent.IntentId, TestIntents.Applied("participant-1"));
        var first = await _store.FindAsync(_intent.IntentId);

        var second = await _store.TryCompleteAsync(_intent.IntentId, TestIntents.Failed(after: TimeSpan.FromMinutes(1)));

        Assert.That(second, Is.False);
        Assert.That(await _store.FindAsync(_intent.IntentId), Is.EqualTo(first));
    }

    [Test]
    public async Task Should_not_be_reopened_by_a_late_release()
    {
        var claim = await _store.TryClaimAsync(TestIntents.Claim(_intent.IntentId));
        await _store.TryCompleteAsync(_intent.IntentId, TestIntents.Applied("participant-1", claim: claim));
        var applied = await _store.FindAsync(_intent.IntentId);

        await _store.ReleaseClaimAsync(_intent.IntentId, claim.Claim!.Token, TestIntents.Now.AddMinutes(1));

        Assert.That(await _store.FindAsync(_intent.IntentId), Is.EqualTo(applied));
    }

    [Test]
    public async Task Should_take_a_resolved_code_only_while_pending()
    {
        await _store.SetResolvedCodeAsync(_intent.IntentId, "code-1", "Sale");
        await _store.TryCompleteAsync(_intent.IntentId, TestIntents.Failed());
        await _store.SetResolvedCodeAsync(_intent.IntentId, "code-2", "Other");

        var stored = await _store.FindAsync(_intent.IntentId);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(stored!.CodeId, Is.EqualTo("code-1"));
            Assert.That(stored.CodeName, Is.EqualTo("Sale"));
        }
    }

    [Test]
    public async Task Should_refuse_to_record_a_second_wrap_up_for_a_participant()
    {
        var holder = TestIntents.Pending(userId: "user-1");
        await _store.RegisterAsync(holder);
        await _store.TryClaimAsync(TestIntents.Claim(holder.IntentId));

        var failure = Assert.ThrowsAsync<InvalidOperationException>(() => _store.TryCompleteAsync(_intent.IntentId, TestIntents.Applied("participant-1")));

        Assert.That(failure!.Message, Does.Contain(_intent.IntentId.ToString()).And.Contain("participant-1"));
        Assert.That(await _store.FindAsync(_intent.IntentId), Is.EqualTo(_intent));
    }

    [Test]
    public void Should_refuse_an_open_status_as_an_outcome() =>
        Assert.ThrowsAsync<ArgumentException>(() => _store.TryCompleteAsync(_intent.IntentId,
            new IntentCompletion { Status = IntentStatus.Applying, At = TestIntents.Now }));
}
