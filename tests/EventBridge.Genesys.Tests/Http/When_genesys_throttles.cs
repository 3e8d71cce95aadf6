using System.Net;
using EventBridge.Genesys.Tests.Support;

namespace EventBridge.Genesys.Tests.Http;

public class When_genesys_throttles
{
    [Test]
    public async Task Should_wait_for_retry_after_then_succeed()
    {
        using var host = new GenesysTestHost();
        var sentAt = new System.Collections.Concurrent.ConcurrentQueue<DateTimeOffset>();
        host.Genesys.Api = _ =>
        {
            sentAt.Enqueue(host.Time.GetUtcNow());
            return Task.FromResult(sentAt.Count == 1
                ? FakeGenesys.Json((HttpStatusCode)429,
                    """{"message":"Rate limit exceeded the maximum. Retry the request in [2] seconds","code":"too.many.requests.retry.after","status":429}""",
                    ("Retry-After", "2"))
                : FakeGenesys.Json(HttpStatusCode.OK, """{"id":"c1"}"""));
        };

        var call = host.Client.GetConversationAsync("c1");
        await Eventually.True(() => host.Budget.GetSnapshot().Retries == 1, "the retry is scheduled");
        await host.AdvanceUntilDone(call, TimeSpan.FromMilliseconds(100));

        Assert.That((await call).Id, Is.EqualTo("c1"));
        var attempts = sentAt.ToArray();
        Assert.That(attempts, Has.Length.EqualTo(2));
        // Steps of 100 ms: the retry goes out at the first step at or after 2 s (one more if the timer was registered late).
        Assert.That(attempts[1] - attempts[0], Is.InRange(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2.2)));
        Assert.That(host.Budget.GetSnapshot().LastRetryDelay, Is.EqualTo(TimeSpan.FromSeconds(2)));
        Assert.That(host.Budget.GetSnapshot().Throttled, Is.EqualTo(1));
    }

    [Test]
    public async Task Should_retry_a_throttled_write_with_backoff_and_resend_the_same_body()
    {
        // 429 is the one answer on which a wrap-up is resent: it says the call was not processed.
        using var host = new GenesysTestHost();
        var calls = 0;
        host.Genesys.Api = _ => Task.FromResult(Interlocked.Increment(ref calls) <= 2
            ? FakeGenesys.Error(HttpStatusCode.TooManyRequests, "too.many.requests", "Too Many Requests")
            : FakeGenesys.Json(HttpStatusCode.Accepted, ""));

        var call = host.Client.ApplyCommunicationWrapupAsync("c1", "p1", "m1", new() { Code = "code-1", Notes = "n" });
        await host.AdvanceUntilDone(call, TimeSpan.FromMilliseconds(200));

        var bodies = host.Genesys.ApiRequests.Select(r => r.Body).ToList();
        Assert.That(bodies, Has.Count.EqualTo(3));
        Assert.That(bodies, Is.All.EqualTo("""{"code":"code-1","notes":"n"}"""));
        Assert.That(host.Budget.GetSnapshot().Retries, Is.EqualTo(2));
    }

    [Test]
    public async Task Should_report_a_transient_error_when_retries_run_out()
    {
        using var host = new GenesysTestHost(s => s["Genesys:MaxRetries"] = "2");
        host.Genesys.Api = _ => Task.FromResult(FakeGenesys.Error(HttpStatusCode.BadGateway, "bad.gateway", "Bad Gateway", "ctx-9"));

        var call = host.Client.GetConversationAsync("c1");
        var error = Assert.ThrowsAsync<Genesys.Http.GenesysApiException>(() => host.AdvanceUntilDone(call, TimeSpan.FromMilliseconds(200)));

        Assert.That(error!.Kind, Is.EqualTo(Genesys.Http.GenesysErrorKind.Transient));
        Assert.That(error.ContextId, Is.EqualTo("ctx-9"));
        Assert.That(host.Genesys.ApiRequests, Has.Count.EqualTo(3));
    }
}
