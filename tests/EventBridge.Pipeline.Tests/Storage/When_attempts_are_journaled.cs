using EventBridge.Pipeline.Storage;
using Microsoft.Extensions.Options;

namespace EventBridge.Pipeline.Tests.Storage;

public sealed class When_attempts_are_journaled : StoreTest
{
    private SqliteIntentAttemptJournal Journal => new(Options.Create(new SqliteIntentStoreOptions { Path = Database.FilePath }));

    [Test]
    public async Task Should_return_the_attempts_of_an_intent_oldest_first_with_every_field()
    {
        var intentId = Guid.NewGuid();
        var refused = Attempt(intentId, TimeSpan.FromTicks(1), IntentAttempt.WrapUp("communication-wrapup"), IntentAttempt.Refused, 403,
            "Genesys call POST /api/v2/... failed: 403 Forbidden, code 'not.authorized'");
        var applied = Attempt(intentId, TimeSpan.FromTicks(2), IntentAttempt.WrapUp("participant-patch"), IntentAttempt.Ok, null, "accepted");
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

        Assert.That((await Journal.GetAsync(attempt.IntentId)).Single().Detail, Has.Length.EqualTo(SqliteIntentAttemptJournal.MaxDetailLength));
    }

    [Test]
    public void Should_refuse_an_outcome_outside_the_list() =>
        Assert.ThrowsAsync<Microsoft.Data.Sqlite.SqliteException>(() =>
            Journal.RecordAsync(Attempt(Guid.NewGuid(), TimeSpan.Zero, IntentAttempt.Confirm, "maybe", null, "")));

    [Test]
    public async Task Should_live_in_the_intent_store_file_with_an_index_on_the_intent()
    {
        var index = await Database.QueryScalarAsync<string>(
            "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'intent_attempts';");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(await Database.QueryScalarAsync<long>("SELECT MAX(version) FROM schema_version;"), Is.EqualTo(SqliteIntentSchema.LatestVersion));
            Assert.That(index, Does.Contain("(intent_id"));
        }
    }

    [Test]
    public async Task Should_be_added_to_a_store_that_has_only_the_first_schema()
    {
        // A database written by a worker before the journal existed: version 1, no attempts table.
        var intent = TestIntents.Pending();
        await Store.RegisterAsync(intent);
        await Database.ExecuteAsync("DROP TABLE intent_attempts; ALTER TABLE intents DROP COLUMN disconnected_at; DELETE FROM schema_version WHERE version >= 2;");
        Store.Dispose();

        var restarted = await Database.OpenStoreAsync();
        var attempt = Attempt(intent.IntentId, TimeSpan.Zero, IntentAttempt.Disconnect, IntentAttempt.Ok, null, "after the upgrade");
        await Journal.RecordAsync(attempt);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(await restarted.FindAsync(intent.IntentId), Is.EqualTo(intent), "version 1 data survives the migration");
            Assert.That(await Journal.GetAsync(intent.IntentId), Is.EqualTo(new[] { attempt }));
        }
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
