using EventBridge.Genesys.Simulator.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace EventBridge.Genesys.Tests.EndToEnd;

/// <summary>Tokens run out or are revoked; calls keep working and no failure reaches the caller.</summary>
// The org allows the per-communication wrap-up call here (the simulator's default refuses it): these tests are about the typed client, not the credentials.
public sealed class When_the_token_expires
{
    [Test]
    public async Task Should_log_in_again_before_a_short_lived_token_runs_out()
    {
        // One clock for both sides: the simulator's 2 s token and the client's refresh margin move together.
        var time = new FakeTimeProvider();
        await using var e2e = await ClientAndSimulator.StartAsync(new SimulatorOptions { CommunicationWrapupWithClientCredentials = CommunicationWrapupCredentialsBehaviour.Allow, TokenLifetimeSeconds = 2 }, time);

        await e2e.Client.GetChannelsAsync();
        time.Advance(TimeSpan.FromSeconds(1.9));
        await e2e.Client.GetChannelsAsync();
        time.Advance(TimeSpan.FromSeconds(1.9));
        await e2e.Client.GetChannelsAsync();

        var oracle = e2e.Control.ReadOracle();
        Assert.That(e2e.Logins(), Has.Count.EqualTo(3));
        Assert.That(oracle.RefusedCalls, Is.Empty, "the token is replaced before the simulator would refuse it");
        Assert.That(e2e.Tokens.Current!.Refreshes, Is.EqualTo(3));
    }

    [Test]
    public async Task Should_log_in_again_and_resend_when_the_token_is_revoked()
    {
        await using var e2e = await ClientAndSimulator.StartAsync();
        var c = e2e.Control.CreateConversation();
        await e2e.Client.GetConversationAsync(c.ConversationId);

        e2e.Control.ExpireAllTokens();
        var conversation = await e2e.Client.GetConversationAsync(c.ConversationId);

        Assert.That(conversation.Id, Is.EqualTo(c.ConversationId));
        Assert.That(e2e.Logins(), Has.Count.EqualTo(2));
        Assert.That(e2e.Requests("GET", $"/api/v2/conversations/{c.ConversationId}").Select(r => r.Status),
            Is.EqualTo(new[] { 200, 401, 200 }));
        Assert.That(e2e.Control.ReadOracle().RefusedCalls.Single().Code, Is.EqualTo("bad.credentials"));
    }

    [Test]
    public async Task Should_log_in_once_for_concurrent_first_calls()
    {
        await using var e2e = await ClientAndSimulator.StartAsync();

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => e2e.Client.GetChannelsAsync()));

        Assert.That(e2e.Logins(), Has.Count.EqualTo(1));
        Assert.That(e2e.Requests("GET", "/api/v2/notifications/channels"), Has.Count.EqualTo(8));
    }
}
