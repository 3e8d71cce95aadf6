using EventBridge.Contracts;
using EventBridge.Genesys.Simulator.Faults;
using EventBridge.Genesys.Simulator.Hosting;
using EventBridge.Genesys.Simulator.Organization;
using EventBridge.Pipeline.Storage;
using EventBridge.Pipeline.Tests.Faults;
using EventBridge.Pipeline.Tests.Storage;
using EventBridge.Pipeline.Tests.Support;

namespace EventBridge.Pipeline.Tests.Cluster;

/// <summary>
/// Two real worker processes on one PostgreSQL store take the same intent while its agent is already in ACW. Each is on
/// a broker vhost of its own, so each receives the intent, reads the conversation, sees ACW and settles it at once in
/// its own process — whichever of them holds the listener lease. The first wrap-up call is held at Genesys, so the
/// second worker's settle runs while the first one's call is in flight: only the store's claim (owner, token, expiry)
/// stands between them and two wrap-up calls for one participant — the moment a claim without an owner let the
/// second worker claim the intent again and send the code a second time.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class When_two_workers_settle_the_same_intent
{
    private static readonly TimeSpan HeldFor = TimeSpan.FromSeconds(4);

    [Test]
    public async Task Should_make_one_wrap_up_call()
    {
        using var database = new PostgresTestDatabase();
        await using var sim = await GenesysSimulator.StartAsync(FaultLoad.Simulator(seed: 8101, orgAllowsCommunicationWrapup: true));
        await using var first = await ClusterReplica.StartAsync("claim-race-1", sim, database.ConnectionString);
        await using var second = await ClusterReplica.StartAsync("claim-race-2", sim, database.ConnectionString);
        await Task.WhenAll(first.WaitReadyAsync(), second.WaitReadyAsync());

        var conversation = sim.ConnectedConversation();
        var intent = Scenarios.IntentFor(conversation.ConversationId, "Resolved");
        // The agent is in ACW before either worker hears of the intent; the first wrap-up call that reaches Genesys waits there.
        sim.Faults.HoldWrapUps(new WrapUpHold(1, HeldFor));
        sim.Control.CustomerEnds(conversation.ConversationId);
        await Task.WhenAll(first.PublishAsync(intent), second.PublishAsync(intent));
        var applied = await Task.WhenAny(first.Outcomes.AppliedAsync(intent.IntentId, Scenarios.Patience),
            second.Outcomes.AppliedAsync(intent.IntentId, Scenarios.Patience));
        await applied;
        await Task.WhenAll(first.Outcomes.UntilAcceptedAsync(intent.IntentId), second.Outcomes.UntilAcceptedAsync(intent.IntentId));
        // A held call reaches the oracle only when its hold ends; then a quiet spell lets any late call arrive.
        await Eventually.TrueAsync(() => sim.Faults.WrapUpHolds().HeldNow == 0, Scenarios.Patience, "the held wrap-up call to end");
        await sim.Control.UntilQuietAsync(TimeSpan.FromSeconds(3), Scenarios.Patience);

        var oracle = sim.Control.ReadOracle();
        var calls = oracle.WrapupCalls.Where(c => c.ConversationId == conversation.ConversationId).ToList();
        var stored = await database.NewStore().FindAsync(intent.IntentId);
        // Every call of both workers took its permit from the one budget of the OAuth client (Genesys:BudgetScope = Shared).
        var apiCalls = oracle.Requests.Count(r => r.Path.StartsWith("/api/v2/", StringComparison.Ordinal));
        var budgets = await database.QueryScalarAsync<long>("SELECT COUNT(*) FROM request_budgets");
        var booked = await database.QueryScalarAsync<long>("SELECT COALESCE(SUM(booked), 0) FROM request_budgets");
        Assert.Multiple(() =>
        {
            Assert.That(sim.Faults.WrapUpHolds().Completed, Is.EqualTo(1), "the first wrap-up call was held while the other worker settled");
            Assert.That(calls, Has.Count.EqualTo(1),
                $"one wrap-up call for the participant; the oracle saw: {string.Join("; ", calls)}{Environment.NewLine}" +
                $"{first.Output()}{Environment.NewLine}{second.Output()}");
            Assert.That(oracle.RepeatsFor(conversation.ConversationId, conversation.AgentParticipantId), Is.Zero);
            Assert.That(stored?.Status, Is.EqualTo(IntentStatus.Applied));
            Assert.That(budgets, Is.EqualTo(1), "one shared budget for the one OAuth client");
            Assert.That(booked, Is.GreaterThanOrEqualTo(apiCalls).And.GreaterThan(0), "both workers' Genesys calls were counted in the shared budget");
            Assert.That(oracle.Wrapups.Single(w => w.ConversationId == conversation.ConversationId).CodeId, Is.EqualTo(SeedData.ResolvedCodeId));
        });
    }
}
