using System.Diagnostics.Metrics;
using EventBridge.Pipeline.Retention;
using EventBridge.Pipeline.Tests.Observability;
using EventBridge.Pipeline.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace EventBridge.Pipeline.Tests.Storage;

/// <summary>
/// Retention of the intent store on each engine: only finished intents and attempts older than their age go, a batch at
/// a time; open intents stay whatever their age (they are work still to do).
/// </summary>
public sealed class When_old_records_are_purged(StoreEngine engine) : StoreTest(engine)
{
    private static readonly TimeSpan Age = TimeSpan.FromDays(30);
    private static readonly TimeSpan Old = -TimeSpan.FromDays(40);
    private static readonly DateTimeOffset Cutoff = TestIntents.Now - Age;

    [Test]
    public async Task Should_delete_only_finished_intents_older_than_the_age()
    {
        var oldFailed = await FailedAsync(Old);
        var oldApplied = await AppliedAsync(Old);
        var oldPending = await RegisterAsync(TestIntents.Pending("conv-open", receivedAfter: Old, deadlineIn: TimeSpan.FromDays(60)));
        var recentFailed = await FailedAsync(-TimeSpan.FromDays(1));
        var retention = Database.NewIntentRetention();

        var purged = await retention.PurgeAsync(RetainedRecords.FinishedIntents, Cutoff, 500, CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(purged, Is.EqualTo(2));
            Assert.That(await Store.FindAsync(oldFailed), Is.Null, "an old failed intent goes");
            Assert.That(await Store.FindAsync(oldApplied), Is.Null, "an old applied intent goes");
            Assert.That((await Store.FindAsync(oldPending))?.Status, Is.EqualTo(IntentStatus.Pending), "an open intent stays, however old");
            Assert.That((await Store.FindAsync(recentFailed))?.Status, Is.EqualTo(IntentStatus.Failed), "a recent one stays");
        }
    }

    [Test]
    public async Task Should_delete_at_most_one_batch_per_call()
    {
        for (var i = 0; i < 5; i++) await FailedAsync(Old);
        var retention = Database.NewIntentRetention();

        var batches = new List<int>();
        int deleted;
        do batches.Add(deleted = await retention.PurgeAsync(RetainedRecords.FinishedIntents, Cutoff, 2, CancellationToken.None));
        while (deleted == 2);

        Assert.That(batches, Is.EqualTo(new[] { 2, 2, 1 }));
    }

    [Test]
    public async Task Should_delete_attempts_older_than_the_age()
    {
        var journal = Database.NewJournal();
        var intentId = Guid.NewGuid();
        await journal.RecordAsync(Attempt(intentId, TestIntents.Now + Old, "old"));
        await journal.RecordAsync(Attempt(intentId, TestIntents.Now - TimeSpan.FromDays(1), "recent"));

        var purged = await Database.NewIntentRetention().PurgeAsync(RetainedRecords.Attempts, Cutoff, 500, CancellationToken.None);

        Assert.That((purged, (await journal.GetAsync(intentId)).Select(a => a.Detail)), Is.EqualTo((1, new[] { "recent" })));
    }

    [Test]
    public async Task Should_measure_its_rows_and_size()
    {
        await FailedAsync(Old);
        await RegisterAsync(TestIntents.Pending("conv-2"));
        await Database.NewJournal().RecordAsync(Attempt(Guid.NewGuid(), TestIntents.Now, "one"));

        var size = await Database.NewIntentRetention().MeasureAsync(CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(size.Store, Is.EqualTo("intents"));
            Assert.That(size.Rows, Is.EquivalentTo(new Dictionary<string, long> { ["intents"] = 2, ["intent_attempts"] = 1 }));
            Assert.That(size.Bytes, Is.GreaterThan(0));
        }
    }

    [Test]
    public async Task Should_purge_everything_due_in_one_sweeper_pass_in_batches_and_count_it()
    {
        for (var i = 0; i < 5; i++) await FailedAsync(Old);
        var kept = await FailedAsync(-TimeSpan.FromDays(1));
        var journal = Database.NewJournal();
        for (var i = 0; i < 3; i++) await journal.RecordAsync(Attempt(kept, TestIntents.Now + Old, $"old {i}"));
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meters = services.GetRequiredService<IMeterFactory>();
        using var readings = new MeterReadings(meters);
        var sweeper = new RetentionSweeper([Database.NewIntentRetention()],
            Options.Create(new RetentionOptions { BatchSize = 2, BatchPause = TimeSpan.Zero }), meters, new FakeTimeProvider(TestIntents.Now),
            NullLogger<RetentionSweeper>.Instance);

        var pass = await sweeper.RunPassAsync(CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(pass.Purged, Is.EquivalentTo(new Dictionary<RetainedRecords, long>
            {
                [RetainedRecords.FinishedIntents] = 5, [RetainedRecords.Attempts] = 3,
            }));
            Assert.That(sweeper.Sizes?.Stores.Single().Rows["intents"], Is.EqualTo(1), "measured after the purge");
            Assert.That(pass.Problems, Is.Empty);
            Assert.That(sweeper.Last, Is.SameAs(pass), "the dashboard shows the last pass");
            Assert.That(readings.Counter(RetentionSweeper.PurgedName, (RetentionSweeper.RecordsTag, nameof(RetainedRecords.FinishedIntents))),
                Is.EqualTo(5), "eventbridge_retention_purged_total");
            Assert.That(readings.Counter(RetentionSweeper.PurgedName, (RetentionSweeper.RecordsTag, nameof(RetainedRecords.Attempts))), Is.EqualTo(3));
        }
    }

    [Test]
    public async Task Should_only_measure_when_retention_is_off()
    {
        await FailedAsync(Old);
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var sweeper = new RetentionSweeper([Database.NewIntentRetention()], Options.Create(new RetentionOptions { Enabled = false }),
            services.GetRequiredService<IMeterFactory>(),
            new FakeTimeProvider(TestIntents.Now), NullLogger<RetentionSweeper>.Instance);

        var pass = await sweeper.RunPassAsync(CancellationToken.None);

        Assert.That((pass.Purged.Count, sweeper.Sizes?.Stores.Single().Rows["intents"]), Is.EqualTo((0, (long?)1)));
    }

    private async Task<Guid> RegisterAsync(StoredIntent intent)
    {
        await Store.RegisterAsync(intent);
        return intent.IntentId;
    }

    /// <summary>An intent received <paramref name="ago"/> and failed five seconds later.</summary>
    private async Task<Guid> FailedAsync(TimeSpan ago)
    {
        var id = await RegisterAsync(TestIntents.Pending($"conv-{Guid.NewGuid():N}", receivedAfter: ago, deadlineIn: TimeSpan.FromDays(60)));
        Assert.That(await Store.TryCompleteAsync(id, TestIntents.Failed(after: ago + TimeSpan.FromSeconds(5))), Is.True);
        return id;
    }

    private async Task<Guid> AppliedAsync(TimeSpan ago)
    {
        var id = await RegisterAsync(TestIntents.Pending($"conv-{Guid.NewGuid():N}", receivedAfter: ago, deadlineIn: TimeSpan.FromDays(60)));
        var claim = await Store.TryClaimAsync(TestIntents.Claim(id, at: TestIntents.Now + ago + TimeSpan.FromSeconds(1)));
        Assert.That(await Store.TryCompleteAsync(id, TestIntents.Applied("participant-1", ago + TimeSpan.FromSeconds(5), claim)), Is.True);
        return id;
    }

    private static IntentAttempt Attempt(Guid intentId, DateTimeOffset at, string detail) => new()
    {
        IntentId = intentId, At = at, Action = IntentAttempt.Confirm, Outcome = IntentAttempt.Ok, Detail = detail,
    };
}
