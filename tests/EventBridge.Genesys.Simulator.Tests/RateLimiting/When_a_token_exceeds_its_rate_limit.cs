using System.Net;
using EventBridge.Genesys.Simulator.Hosting;
using EventBridge.Genesys.Simulator.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace EventBridge.Genesys.Simulator.Tests.RateLimiting;

public sealed class When_a_token_exceeds_its_rate_limit
{
    [Test]
    public async Task Should_answer_429_with_Retry_After_and_report_the_count_on_every_response()
    {
        var time = new FakeTimeProvider();
        await using var s = await SimulatorSession.StartAsync(new SimulatorOptions { RateLimitPerMinute = 3 }, time);
        for (var i = 1; i <= 3; i++)
        {
            using var ok = await s.Api.SendAsync(HttpMethod.Get, "api/v2/routing/wrapupcodes");
            Assert.That(ok.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(ok.Headers.GetValues("inin-ratelimit-count").Single(), Is.EqualTo(i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            Assert.That(ok.Headers.GetValues("inin-ratelimit-allowed").Single(), Is.EqualTo("3"));
            Assert.That(ok.Headers.Contains("inin-ratelimit-reset"), Is.True);
        }

        time.Advance(TimeSpan.FromSeconds(20));
        using var refused = await s.Api.SendAsync(HttpMethod.Get, "api/v2/routing/wrapupcodes");
        var body = await GenesysApi.ReadJsonAsync(refused);

        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That(body.GetProperty("code").GetString(), Is.EqualTo("too.many.requests.retry.after"));
        Assert.That(refused.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromSeconds(40)));

        time.Advance(TimeSpan.FromSeconds(40));
        using var again = await s.Api.SendAsync(HttpMethod.Get, "api/v2/routing/wrapupcodes");
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Should_not_limit_when_the_limit_is_zero()
    {
        await using var s = await SimulatorSession.StartAsync(new SimulatorOptions { RateLimitPerMinute = 0 });
        for (var i = 0; i < 20; i++)
        {
            using var ok = await s.Api.SendAsync(HttpMethod.Get, "api/v2/routing/wrapupcodes");
            Assert.That(ok.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }
    }
}
