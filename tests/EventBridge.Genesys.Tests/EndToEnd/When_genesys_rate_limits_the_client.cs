using EventBridge.Genesys.Simulator.Faults;
using EventBridge.Genesys.Simulator.Organization;

namespace EventBridge.Genesys.Tests.EndToEnd;

/// <summary>Throttling and outages that pass: the call succeeds after waiting as long as Genesys asked.</summary>
public sealed class When_genesys_rate_limits_the_client
{
    [Test]
    public async Task Should_wait_for_retry_after_and_apply_the_wrap_up_once()
    {
        await using var e2e = await ClientAndSimulator.StartAsync();
        var c = await e2e.ConversationInAcwAsync();
        var path = ClientAndSimulator.WrapupPath(c.ConversationId, c.AgentParticipantId, c.AgentCommunicationId);
        e2e.Sim.Faults.AddBurst(new ErrorBurst(1, 429, path));

        await e2e.Client.ApplyCommunicationWrapupAsync(
            c.ConversationId, c.AgentParticipantId, c.AgentCommunicationId, new() { Code = SeedData.ResolvedCodeId });

        var attempts = e2e.Requests("POST", path);
        Assert.That(attempts.Select(r => r.Status), Is.EqualTo(new[] { 429, 204 }));
        Assert.That(attempts.Select(r => r.Body?.GetRawText()).Distinct().Count(), Is.EqualTo(1), "the retry resends the same body");
        // The simulator's Retry-After is 1 s; both sides stamp on the system clock, so allow for timer granularity.
        Assert.That(attempts[1].At - attempts[0].At, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(0.95)));
        Assert.That(e2e.Control.ReadOracle().Wrapups, Has.Count.EqualTo(1));
        var budget = e2e.Budget.GetSnapshot();
        Assert.That((budget.Throttled, budget.Retries, budget.LastRetryDelay), Is.EqualTo((1L, 1L, (TimeSpan?)TimeSpan.FromSeconds(1))));
    }

    [Test]
    public async Task Should_retry_a_read_through_a_503_burst()
    {
        await using var e2e = await ClientAndSimulator.StartAsync();
        var c = e2e.Control.CreateConversation();
        var path = $"/api/v2/conversations/{c.ConversationId}";
        e2e.Sim.Faults.AddBurst(new ErrorBurst(2, 503, path));

        var conversation = await e2e.Client.GetConversationAsync(c.ConversationId);

        Assert.That(conversation.Id, Is.EqualTo(c.ConversationId));
        Assert.That(e2e.Requests("GET", path).Select(r => r.Status), Is.EqualTo(new[] { 503, 503, 200 }));
        Assert.That(e2e.Budget.GetSnapshot().Retries, Is.EqualTo(2));
    }

    [Test]
    public async Task Should_record_the_server_rate_limit_headers()
    {
        await using var e2e = await ClientAndSimulator.StartAsync();

        await e2e.Client.GetChannelsAsync();
        await e2e.Client.GetChannelsAsync();

        var budget = e2e.Budget.GetSnapshot();
        Assert.That((budget.ServerCount, budget.ServerAllowed), Is.EqualTo(((int?)2, (int?)300)));
        Assert.That(budget.ServerResetSeconds, Is.InRange(1, 60));
    }
}
