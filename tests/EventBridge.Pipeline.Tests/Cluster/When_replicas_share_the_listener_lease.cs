using EventBridge.Pipeline.Cluster;
using EventBridge.Pipeline.Storage;
using EventBridge.Pipeline.Tests.Storage;
using EventBridge.Storage.Postgres.Listener;

namespace EventBridge.Pipeline.Tests.Cluster;

/// <summary>
/// The listener lease and the inbox intake leaves for its holder, on the test command's real PostgreSQL: one holder at a
/// time, a take-over only once the lease ran out (and with a higher epoch), a request handled only under the live epoch.
/// </summary>
[TestFixture]
public sealed class When_replicas_share_the_listener_lease
{
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(1);

    [Test]
    public async Task Should_let_one_replica_hold_it_and_renew_it()
    {
        using var listener = new ListenerTables();
        var lease = listener.Lease;

        var first = await lease.TryHoldAsync("replica-a", Long, CancellationToken.None);
        var refused = await lease.TryHoldAsync("replica-b", Long, CancellationToken.None);
        var renewed = await lease.TryHoldAsync("replica-a", Long, CancellationToken.None);
        var holder = await lease.GetHolderAsync(CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(first?.Epoch, Is.EqualTo(1));
            Assert.That(first!.Remaining, Is.GreaterThan(TimeSpan.FromSeconds(50)).And.LessThanOrEqualTo(Long));
            Assert.That(refused, Is.Null, "a live lease of another replica is not taken");
            Assert.That(renewed?.Epoch, Is.EqualTo(1), "a renewal keeps the epoch");
            Assert.That(holder?.Replica, Is.EqualTo("replica-a"));
        });
    }

    [Test]
    public async Task Should_be_taken_over_with_a_higher_epoch_once_it_runs_out()
    {
        using var listener = new ListenerTables();
        var lease = listener.Lease;
        await lease.TryHoldAsync("replica-a", TimeSpan.FromSeconds(1), CancellationToken.None);

        var taken = await Eventually.GetAsync(() => lease.TryHoldAsync("replica-b", Long, CancellationToken.None), TimeSpan.FromSeconds(10),
            "replica-b to take the lease once replica-a's second ran out");
        var formerHolder = await lease.TryHoldAsync("replica-a", Long, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(taken.Epoch, Is.EqualTo(2), "a take-over raises the epoch");
            Assert.That(formerHolder, Is.Null, "the former holder cannot renew what another holds now");
        });
    }

    [Test]
    public async Task Should_hand_a_released_lease_over_at_once()
    {
        using var listener = new ListenerTables();
        var lease = listener.Lease;
        var held = await lease.TryHoldAsync("replica-a", Long, CancellationToken.None);

        await lease.ReleaseAsync("replica-a", held!.Epoch, CancellationToken.None);

        Assert.That((await lease.TryHoldAsync("replica-b", Long, CancellationToken.None))?.Epoch, Is.EqualTo(2), "no wait for the minute to pass");
    }

    [Test]
    public async Task Should_count_a_request_handled_only_by_the_live_holder()
    {
        using var listener = new ListenerTables();
        var (lease, inbox) = (listener.Lease, listener.Inbox);
        var intentId = Guid.NewGuid();
        var epoch = (await lease.TryHoldAsync("replica-a", Long, CancellationToken.None))!.Epoch;

        await inbox.RequestAsync(intentId, "conv-1", ["v2.routing.queues.q1.conversations"], CancellationToken.None);
        var before = await inbox.HandledAsync(intentId, CancellationToken.None);
        var pending = await inbox.PendingAsync(epoch, 10, CancellationToken.None);
        await inbox.MarkHandledAsync(epoch, [new HandledRequest(intentId, Covered: true, Snapshot: "{\"id\":\"conv-1\"}")], CancellationToken.None);
        var after = await inbox.HandledAsync(intentId, CancellationToken.None);
        var pendingAfter = await inbox.PendingAsync(epoch, 10, CancellationToken.None);
        // The holder goes; its mark does not count for its successor, who must subscribe the topics on its own channels.
        await lease.ReleaseAsync("replica-a", epoch, CancellationToken.None);
        var successor = (await lease.TryHoldAsync("replica-b", Long, CancellationToken.None))!.Epoch;
        var underSuccessor = await inbox.HandledAsync(intentId, CancellationToken.None);
        var pendingForSuccessor = await inbox.PendingAsync(successor, 10, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(before, Is.Null, "not handled yet");
            Assert.That(pending.Select(p => (p.IntentId, p.ConversationId, p.Topics!.Single())),
                Is.EqualTo(new[] { (intentId, (string?)"conv-1", "v2.routing.queues.q1.conversations") }));
            Assert.That(after, Is.EqualTo(new ListenerAnswer(Covered: true, Snapshot: "{\"id\":\"conv-1\"}")), "handled, every topic covered, with the holder's snapshot");
            Assert.That(pendingAfter, Is.Empty);
            Assert.That(underSuccessor, Is.Null, "a former holder's mark is no mark");
            Assert.That(pendingForSuccessor.Select(p => p.IntentId), Is.EqualTo(new[] { intentId }));
        });
    }

    [Test]
    public async Task Should_need_the_holder_again_when_the_topics_change()
    {
        using var listener = new ListenerTables();
        var (lease, inbox) = (listener.Lease, listener.Inbox);
        var intentId = Guid.NewGuid();
        var epoch = (await lease.TryHoldAsync("replica-a", Long, CancellationToken.None))!.Epoch;
        // First the snapshot alone (the topics come from the agent it shows), then the topics.
        await inbox.RequestAsync(intentId, "conv-1", topics: null, CancellationToken.None);
        var snapshotOnly = await inbox.PendingAsync(epoch, 10, CancellationToken.None);
        await inbox.MarkHandledAsync(epoch, [new HandledRequest(intentId, true, "{}")], CancellationToken.None);

        await inbox.RequestAsync(intentId, "conv-1", ["v2.users.u1.conversations"], CancellationToken.None);
        var withNewTopics = await inbox.HandledAsync(intentId, CancellationToken.None);
        await inbox.MarkHandledAsync(epoch, [new HandledRequest(intentId, true, null)], CancellationToken.None);
        await inbox.RequestAsync(intentId, "conv-1", ["v2.users.u1.conversations"], CancellationToken.None);
        var sameAgain = await inbox.HandledAsync(intentId, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(snapshotOnly.Single().Topics, Is.Null, "the holder sees that only its snapshot is asked for");
            Assert.That(withNewTopics, Is.Null, "new topics wait for the holder");
            Assert.That(sameAgain, Is.EqualTo(new ListenerAnswer(true, null)), "a redelivery asking the same keeps the mark");
        });
    }

    [Test]
    public async Task Should_prune_the_requests_of_finished_intents_only()
    {
        using var listener = new ListenerTables();
        var (database, inbox) = (listener.Database, listener.Inbox);
        var store = await database.OpenIntentStoreAsync();
        var open = (await store.RegisterAsync(TestIntents.Pending("conv-open"))).Intent;
        var finished = (await store.RegisterAsync(TestIntents.Pending("conv-finished"))).Intent;
        await database.QueryScalarAsync<int>("UPDATE intents SET status = 'Failed' WHERE intent_id = @Id RETURNING 1", new { Id = finished.IntentId });
        var vanished = Guid.NewGuid();
        foreach (var id in new[] { open.IntentId, finished.IntentId, vanished }) await inbox.RequestAsync(id, "conv", [], CancellationToken.None);

        var pruned = await inbox.PruneFinishedAsync(CancellationToken.None);
        var left = await inbox.PendingAsync(epoch: 1, 10, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(pruned, Is.EqualTo(new[] { new FinishedRequest(finished.IntentId, "conv-finished") }), "named, so the holder drops it from its index");
            Assert.That(left.Select(r => r.IntentId), Is.EqualTo(new[] { open.IntentId }), "the open intent's request stays; the vanished one's is gone");
        });
    }

    /// <summary>A throwaway database with the lease and the inbox on one schema, as a replica has them.</summary>
    private sealed class ListenerTables : IDisposable
    {
        public ListenerTables()
        {
            var tables = new PostgresListenerSchema(Database.NewDatabase());
            Lease = new PostgresListenerLease(tables);
            Inbox = new PostgresListenerInbox(tables);
        }

        public PostgresTestDatabase Database { get; } = new();

        public PostgresListenerLease Lease { get; }

        public PostgresListenerInbox Inbox { get; }

        public void Dispose() => Database.Dispose();
    }
}
