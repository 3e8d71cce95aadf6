using EventBridge.Pipeline.Storage;

namespace EventBridge.Pipeline.Tests.Storage;

/// <summary>The operators' questions (API list, dashboard statistics) answer the same on both engines.</summary>
public sealed class When_operators_list_intents(StoreEngine engine) : StoreTest(engine)
{
    [Test]
    public async Task Should_page_newest_first_with_a_cursor_and_filters()
    {
        var registered = new List<StoredIntent>();
        for (var i = 0; i < 5; i++)
        {
            var intent = TestIntents.Pending($"conv-{i % 2}", receivedAfter: TimeSpan.FromSeconds(i));
            await Store.RegisterAsync(intent);
            registered.Add(intent);
        }

        var queries = Database.NewQueries();
        var first = await queries.ListAsync(new IntentQuery { Limit = 2 });
        var second = await queries.ListAsync(new IntentQuery { Limit = 2, Before = first.Next });
        var third = await queries.ListAsync(new IntentQuery { Limit = 2, Before = second.Next });
        var oneConversation = await queries.ListAsync(new IntentQuery { ConversationId = "conv-1" });

        using (Assert.EnterMultipleScope())
        {
            Assert.That(first.Items.Concat(second.Items).Concat(third.Items).Select(i => i.IntentId),
                Is.EqualTo(registered.AsEnumerable().Reverse().Select(i => i.IntentId)), "newest first, each once");
            Assert.That(third.Next, Is.Null, "the last page says so");
            Assert.That(queries.IsCursor(first.Next!), Is.True);
            Assert.That(queries.IsCursor("2026-01-01|not-a-guid"), Is.False);
            Assert.That(oneConversation.Items.Select(i => i.IntentId), Is.EqualTo(new[] { registered[3].IntentId, registered[1].IntentId }));
        }
    }

    [Test]
    public async Task Should_filter_by_code_as_asked_its_id_or_its_name_and_by_a_half_open_time_range()
    {
        var byName = TestIntents.Pending("conv-1") with { RequestedCode = "Sale", CodeId = "code-sale", CodeName = "Sale" };
        var byId = TestIntents.Pending("conv-2", receivedAfter: TimeSpan.FromMinutes(1)) with { RequestedCode = "code-sale", CodeId = "code-sale", CodeName = "Sale" };
        var other = TestIntents.Pending("conv-3", receivedAfter: TimeSpan.FromMinutes(2)) with { RequestedCode = "Refund", CodeId = "code-refund", CodeName = "Refund" };
        foreach (var intent in new[] { byName, byId, other }) await Store.RegisterAsync(intent);

        var queries = Database.NewQueries();
        var bySaleName = await queries.ListAsync(new IntentQuery { Code = "Sale" });
        var bySaleId = await queries.ListAsync(new IntentQuery { Code = " code-sale " });
        var secondMinute = await queries.ListAsync(new IntentQuery { ReceivedFrom = TestIntents.Now.AddMinutes(1), ReceivedTo = TestIntents.Now.AddMinutes(2) });
        var fromTheFirstMinute = await queries.ListAsync(new IntentQuery { ReceivedFrom = TestIntents.Now.AddSeconds(30) });

        using (Assert.EnterMultipleScope())
        {
            Assert.That(bySaleName.Items.Select(i => i.IntentId), Is.EqualTo(new[] { byId.IntentId, byName.IntentId }), "the name matches both, asked either way");
            Assert.That(bySaleId.Items.Select(i => i.IntentId), Is.EqualTo(new[] { byId.IntentId, byName.IntentId }), "so does the id");
            Assert.That(secondMinute.Items.Select(i => i.IntentId), Is.EqualTo(new[] { byId.IntentId }), "from is inclusive, to is not");
            Assert.That(fromTheFirstMinute.Items.Select(i => i.IntentId), Is.EqualTo(new[] { other.IntentId, byId.IntentId }));
        }
    }

    [Test]
    public async Task Should_record_the_queue_with_the_claim_or_the_failure_and_filter_by_it()
    {
        var applied = TestIntents.Pending("conv-1");
        var failed = TestIntents.Pending("conv-2", receivedAfter: TimeSpan.FromSeconds(1));
        var elsewhere = TestIntents.Pending("conv-3", receivedAfter: TimeSpan.FromSeconds(2));
        foreach (var intent in new[] { applied, failed, elsewhere }) await Store.RegisterAsync(intent);
        var claim = await Store.TryClaimAsync(TestIntents.Claim(applied.IntentId) with { QueueId = "queue-sales" });
        // The completion knows no queue: the claim's stays.
        await Store.TryCompleteAsync(applied.IntentId, TestIntents.Applied("participant-1", claim: claim));
        await Store.TryCompleteAsync(failed.IntentId, TestIntents.Failed() with { QueueId = "queue-sales" });
        await Store.TryCompleteAsync(elsewhere.IntentId, TestIntents.Failed() with { QueueId = "queue-billing" });

        var sales = await Database.NewQueries().ListAsync(new IntentQuery { QueueId = "queue-sales" });
        var salesFailures = await Database.NewQueries().ListAsync(new IntentQuery { QueueId = "queue-sales", Status = IntentStatus.Failed });

        using (Assert.EnterMultipleScope())
        {
            Assert.That(sales.Items.Select(i => i.IntentId), Is.EqualTo(new[] { failed.IntentId, applied.IntentId }));
            Assert.That(sales.Items.Select(i => i.QueueId), Is.All.EqualTo("queue-sales"));
            Assert.That(salesFailures.Items.Select(i => i.IntentId), Is.EqualTo(new[] { failed.IntentId }));
        }
    }

    [Test]
    public async Task Should_count_by_status_and_outcomes_by_minute_with_acw_latency()
    {
        var applied = TestIntents.Pending("conv-1");
        var failed = TestIntents.Pending("conv-2");
        await Store.RegisterAsync(applied);
        await Store.RegisterAsync(failed);
        await Store.RegisterAsync(TestIntents.Pending("conv-3"));
        var claim = await Store.TryClaimAsync(TestIntents.Claim(applied.IntentId, at: TestIntents.Now.AddSeconds(1), acwStartedAt: TestIntents.Now.AddSeconds(1)));
        await Store.TryCompleteAsync(applied.IntentId, TestIntents.Applied("participant-1", after: TimeSpan.FromSeconds(3), claim: claim));
        await Store.TryCompleteAsync(failed.IntentId, TestIntents.Failed(after: TimeSpan.FromSeconds(4)));

        var statistics = await Database.NewQueries().GetStatisticsAsync(TestIntents.Now);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(statistics.CountsByStatus[IntentStatus.Pending], Is.EqualTo(1));
            Assert.That(statistics.CountsByStatus[IntentStatus.Applied], Is.EqualTo(1));
            Assert.That(statistics.CountsByStatus[IntentStatus.Failed], Is.EqualTo(1));
            Assert.That(statistics.CountsByStatus[IntentStatus.Applying], Is.Zero);
            var minute = statistics.Minutes.Single();
            Assert.That((minute.Applied, minute.Failed), Is.EqualTo((1, 1)));
            Assert.That(minute.LatencyP50Ms, Is.EqualTo(2000).Within(0.01), "ACW start (1 s) to applied (3 s)");
        }
    }
}
