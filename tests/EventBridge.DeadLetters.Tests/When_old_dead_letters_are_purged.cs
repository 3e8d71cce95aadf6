using EventBridge.DeadLetters.Storage;
using EventBridge.DeadLetters.Tests.Support;
using EventBridge.Pipeline.Retention;

namespace EventBridge.DeadLetters.Tests;

/// <summary>
/// Retention of the dead letters on each engine: retried and discarded letters go at their age, open ones never; the
/// audit is kept longer and its entries outlive the letters they name.
/// </summary>
[TestFixture(StoreEngine.Sqlite)]
[TestFixture(StoreEngine.Postgres)]
public sealed class When_old_dead_letters_are_purged(StoreEngine engine)
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset LetterCutoff = Now - TimeSpan.FromDays(90);

    private DirectDeadLetterStore _direct = null!;
    private IDeadLetterStore _store = null!;
    private IRecordPurge _retention = null!;

    [SetUp]
    public async Task OpenStore()
    {
        _direct = await DirectDeadLetterStore.OpenAsync(engine);
        (_store, _retention) = (_direct.Store, _direct.Retention);
    }

    [TearDown]
    public void DeleteStore() => _direct.Dispose();

    [Test]
    public async Task Should_delete_resolved_letters_past_their_age_and_keep_their_audit()
    {
        var openOld = await AddAsync(Now - TimeSpan.FromDays(200));
        var discardedOld = await ResolveAsync(await AddAsync(Now - TimeSpan.FromDays(200)), DeadLetterStatus.Archived, Now - TimeSpan.FromDays(100));
        var retriedOld = await ResolveAsync(await AddAsync(Now - TimeSpan.FromDays(200)), DeadLetterStatus.Retried, Now - TimeSpan.FromDays(95));
        var discardedRecent = await ResolveAsync(await AddAsync(Now - TimeSpan.FromDays(200)), DeadLetterStatus.Archived, Now - TimeSpan.FromDays(10));

        var purged = await _retention.PurgeAsync(RetainedRecords.ResolvedDeadLetters, LetterCutoff, 500, CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(purged, Is.EqualTo(2));
            Assert.That(await _store.FindAsync(discardedOld), Is.Null);
            Assert.That(await _store.FindAsync(retriedOld), Is.Null);
            Assert.That((await _store.FindAsync(openOld))?.Status, Is.EqualTo(DeadLetterStatus.Open), "an open letter waits for support, however old");
            Assert.That((await _store.FindAsync(discardedRecent))?.Status, Is.EqualTo(DeadLetterStatus.Archived));
            Assert.That((await _store.GetAuditAsync(10, discardedOld)).Select(a => a.Target), Is.EqualTo(new[] { $"dead-letter:{discardedOld}" }),
                "the audit entry outlives its letter, still naming it");
            Assert.That(await _store.GetAuditAsync(10, retriedOld), Has.Count.EqualTo(1));
        }
    }

    [Test]
    public async Task Should_delete_audit_entries_past_their_own_age_a_batch_at_a_time()
    {
        var letter = await AddAsync(Now - TimeSpan.FromDays(500));
        for (var i = 0; i < 3; i++) await AuditAsync(letter, Now - TimeSpan.FromDays(400));
        await AuditAsync(letter, Now - TimeSpan.FromDays(100));

        var first = await _retention.PurgeAsync(RetainedRecords.AuditEntries, Now - TimeSpan.FromDays(365), 2, CancellationToken.None);
        var second = await _retention.PurgeAsync(RetainedRecords.AuditEntries, Now - TimeSpan.FromDays(365), 2, CancellationToken.None);

        Assert.That((first, second, (await _store.GetAuditAsync(10, letter)).Count), Is.EqualTo((2, 1, 1)));
    }

    [Test]
    public async Task Should_measure_its_rows_and_size()
    {
        await ResolveAsync(await AddAsync(Now), DeadLetterStatus.Archived, Now);
        await AddAsync(Now);

        var size = await _retention.MeasureAsync(CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(size.Rows, Is.EquivalentTo(new Dictionary<string, long> { ["dead_letters"] = 2, ["audit_entries"] = 1 }));
            Assert.That(size.Bytes, Is.GreaterThan(0));
        }
    }

    private Task<long> AddAsync(DateTimeOffset failedAt) => _direct.AddAsync(failedAt);

    /// <summary>Resolved as support would: the status change and its audit entry in one change.</summary>
    private async Task<long> ResolveAsync(long id, DeadLetterStatus to, DateTimeOffset at)
    {
        await using var change = await _store.BeginChangeAsync();
        Assert.That(await change.ResolveAsync(id, to, to == DeadLetterStatus.Retried ? Guid.NewGuid() : null, at, "support-1", CancellationToken.None), Is.True);
        await change.AuditAsync(at, "support-1", AuditActions.Discard, id, $"dead-letter:{id}", null, null, null, CancellationToken.None);
        await change.CommitAsync(CancellationToken.None);
        return id;
    }

    private async Task AuditAsync(long id, DateTimeOffset at)
    {
        await using var change = await _store.BeginChangeAsync();
        await change.AuditAsync(at, "support-1", AuditActions.Discard, id, $"dead-letter:{id}", null, null, "note", CancellationToken.None);
        await change.CommitAsync(CancellationToken.None);
    }
}
