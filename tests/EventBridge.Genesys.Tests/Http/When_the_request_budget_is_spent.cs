using System.Net;
using EventBridge.Genesys.Tests.Support;

namespace EventBridge.Genesys.Tests.Http;

public class When_the_request_budget_is_spent
{
    [Test]
    public async Task Should_hold_the_next_call_until_a_permit_is_refilled()
    {
        // 6 per minute: a bucket of one permit, refilled every 10 s.
        using var host = new GenesysTestHost(s => s["Genesys:RequestsPerMinute"] = "6");
        await host.Client.GetConversationAsync("c1").Within();
        var second = host.Client.GetConversationAsync("c2");
        await Eventually.True(() => host.Budget.GetSnapshot().QueuedRequests == 1, "the second call waits for a permit");
        host.Time.Advance(TimeSpan.FromSeconds(9));
        Assert.That(second.IsCompleted, Is.False);
        Assert.That(host.Genesys.ApiRequests, Has.Count.EqualTo(1));

        host.Time.Advance(TimeSpan.FromSeconds(1));
        await second.Within();

        var budget = host.Budget.GetSnapshot();
        Assert.That(host.Genesys.ApiRequests, Has.Count.EqualTo(2));
        Assert.That(budget.Requests, Is.EqualTo(2));
        Assert.That(budget.Waits, Is.EqualTo(1));
        Assert.That(budget.LastWait, Is.EqualTo(TimeSpan.FromSeconds(10)));
    }

    [Test]
    public async Task Should_record_server_limits_and_pause_when_nearly_used_up()
    {
        using var host = new GenesysTestHost();
        host.Genesys.Api = _ => Task.FromResult(FakeGenesys.Json(HttpStatusCode.OK, "{}",
            ("inin-ratelimit-count", "295"), ("inin-ratelimit-allowed", "300"), ("inin-ratelimit-reset", "30")));

        await host.Client.GetConversationAsync("c1").Within();

        var budget = host.Budget.GetSnapshot();
        Assert.That((budget.ServerCount, budget.ServerAllowed, budget.ServerResetSeconds), Is.EqualTo((295, 300, 30)));
        Assert.That(budget.PausedUntil, Is.EqualTo(host.Time.GetUtcNow() + TimeSpan.FromSeconds(30)));

        var next = host.Client.GetConversationAsync("c2");
        host.Time.Advance(TimeSpan.FromSeconds(29));
        Assert.That(host.Genesys.ApiRequests, Has.Count.EqualTo(1));
        await host.AdvanceUntilDone(next, TimeSpan.FromSeconds(1));
        Assert.That(host.Genesys.ApiRequests, Has.Count.EqualTo(2));
    }
}
