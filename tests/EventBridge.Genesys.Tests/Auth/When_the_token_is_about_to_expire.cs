using System.Net;
using EventBridge.Genesys.Tests.Support;

namespace EventBridge.Genesys.Tests.Auth;

public class When_the_token_is_about_to_expire
{
    [Test]
    public async Task Should_refresh_five_minutes_before_a_one_hour_token_expires()
    {
        using var host = new GenesysTestHost();
        Assert.That(await host.Tokens.GetAccessTokenAsync(), Is.EqualTo("token-1"));

        host.Time.Advance(TimeSpan.FromMinutes(55) - TimeSpan.FromSeconds(1));
        Assert.That(await host.Tokens.GetAccessTokenAsync(), Is.EqualTo("token-1"));

        host.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.That(await host.Tokens.GetAccessTokenAsync(), Is.EqualTo("token-2"));
        Assert.That(host.Tokens.Current!.Refreshes, Is.EqualTo(2));
    }

    [Test]
    public async Task Should_refresh_a_two_second_token_at_ninety_percent_of_its_life()
    {
        using var host = new GenesysTestHost();
        host.Genesys.TokenLifetimeSeconds = 2;
        await host.Tokens.GetAccessTokenAsync();

        host.Time.Advance(TimeSpan.FromMilliseconds(1700));
        Assert.That(await host.Tokens.GetAccessTokenAsync(), Is.EqualTo("token-1"));

        host.Time.Advance(TimeSpan.FromMilliseconds(100));
        Assert.That(await host.Tokens.GetAccessTokenAsync(), Is.EqualTo("token-2"));
        var info = host.Tokens.Current!;
        Assert.That(info.ExpiresAt - info.RefreshAt, Is.EqualTo(TimeSpan.FromMilliseconds(200)));
    }

    [Test]
    public async Task Should_refresh_once_for_concurrent_callers()
    {
        using var host = new GenesysTestHost();
        await host.Tokens.GetAccessTokenAsync();
        host.Time.Advance(TimeSpan.FromHours(1));

        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        host.Genesys.Login = async _ =>
        {
            await release.Task;
            return host.Genesys.IssueToken();
        };

        var callers = Enumerable.Range(0, 20).Select(_ => Task.Run(() => host.Tokens.GetAccessTokenAsync().AsTask())).ToArray();
        await Eventually.True(() => host.Genesys.LoginRequests.Count == 2, "the refresh login is in flight");
        release.SetResult();
        var tokens = await Task.WhenAll(callers).Within();

        Assert.That(tokens, Is.All.EqualTo("token-2"));
        Assert.That(host.Genesys.LoginRequests, Has.Count.EqualTo(2));
    }
}
