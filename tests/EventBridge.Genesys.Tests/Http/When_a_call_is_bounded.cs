using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using EventBridge.Genesys.Http;
using EventBridge.Genesys.Tests.Support;

namespace EventBridge.Genesys.Tests.Http;

/// <summary>
/// Genesys:CallTimeout bounds one call from its first attempt on (attempts, backoff, Retry-After and a retry's wait for
/// a request permit), so no call
/// outlives the host's shutdown or a consumer's retry budget; all of it measured on the injected clock.
/// </summary>
public class When_a_call_is_bounded
{
    [Test]
    public async Task Should_stop_retrying_unanswered_reads_before_the_call_timeout()
    {
        using var host = new GenesysTestHost();
        var sentAt = new ConcurrentQueue<DateTimeOffset>();
        host.Genesys.Api = _ =>
        {
            sentAt.Enqueue(host.Time.GetUtcNow());
            return new TaskCompletionSource<HttpResponseMessage>().Task; // never answers
        };
        var started = host.Time.GetUtcNow();

        var call = host.Client.GetConversationAsync("c1");
        var error = Assert.ThrowsAsync<GenesysApiException>(() => host.AdvanceUntilDone(call, TimeSpan.FromMilliseconds(500)));

        // 10 s attempts inside 25 s: a third attempt could not end in time, so it is not made (3 retries would take 40 s).
        Assert.That(error!.Kind, Is.EqualTo(GenesysErrorKind.Transient));
        Assert.That(sentAt, Has.Count.EqualTo(2));
        Assert.That(host.Time.GetUtcNow() - started, Is.LessThanOrEqualTo(TimeSpan.FromSeconds(25) + TimeSpan.FromMilliseconds(500)));
        Assert.That(host.Budget.GetSnapshot().RetriesBeyondCallTimeout, Is.EqualTo(1));
    }

    [Test]
    public async Task Should_not_take_a_retry_permit_that_comes_too_late_for_the_call()
    {
        // 6 a minute: one token, the next 10 s later. A retry's permit would come after the 8 s bound could hold one
        // more 5 s attempt, so the retry is not made at all (not made late, stretching the call past its bound).
        using var host = new GenesysTestHost(settings =>
        {
            settings["Genesys:RequestsPerMinute"] = "6";
            settings["Genesys:RequestTimeout"] = "00:00:05";
            settings["Genesys:CallTimeout"] = "00:00:08";
        });
        var sentAt = new ConcurrentQueue<DateTimeOffset>();
        host.Genesys.Api = _ =>
        {
            sentAt.Enqueue(host.Time.GetUtcNow());
            return Task.FromResult(FakeGenesys.Json(HttpStatusCode.InternalServerError, """{"message":"boom","code":"internal.server.error","status":500}"""));
        };

        var call = host.Client.GetConversationAsync("c1");
        var error = Assert.ThrowsAsync<GenesysApiException>(() => host.AdvanceUntilDone(call, TimeSpan.FromMilliseconds(250)));

        Assert.That(error!.Kind, Is.EqualTo(GenesysErrorKind.Transient));
        Assert.That(sentAt, Has.Count.EqualTo(1), "the retry found no permit in time");
        Assert.That(host.Time.GetUtcNow() - sentAt.Single(), Is.LessThanOrEqualTo(TimeSpan.FromSeconds(8) + TimeSpan.FromMilliseconds(250)));
        Assert.That(host.Budget.GetSnapshot().RetriesBeyondCallTimeout, Is.EqualTo(1));
    }

    [Test]
    public void Should_hand_a_retry_after_longer_than_the_call_back_to_the_caller_at_once()
    {
        using var host = new GenesysTestHost();
        host.Genesys.Api = _ => Task.FromResult(FakeGenesys.Json((HttpStatusCode)429,
            """{"message":"Rate limit exceeded the maximum. Retry the request in [40] seconds","code":"too.many.requests.retry.after","status":429}""",
            ("Retry-After", "40")));

        var error = Assert.ThrowsAsync<GenesysApiException>(() => host.Client.GetConversationAsync("c1"));

        Assert.That(error!.Kind, Is.EqualTo(GenesysErrorKind.Transient));
        Assert.That(error.RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(40)), "the caller's own retry knows how long to wait");
        Assert.That(host.Genesys.ApiRequests, Has.Count.EqualTo(1));
        Assert.That(host.Budget.GetSnapshot().RetriesBeyondCallTimeout, Is.EqualTo(1));
    }

    [Test]
    public async Task Should_wait_for_a_date_form_retry_after_on_the_login_by_the_injected_clock()
    {
        using var host = new GenesysTestHost();
        var loginsAt = new ConcurrentQueue<DateTimeOffset>();
        var retryAt = host.Time.GetUtcNow().AddSeconds(3);
        host.Genesys.Login = _ =>
        {
            loginsAt.Enqueue(host.Time.GetUtcNow());
            return Task.FromResult(loginsAt.Count == 1
                ? FakeGenesys.Json((HttpStatusCode)429, """{"error":"too_many_requests"}""",
                    ("Retry-After", retryAt.ToString("R", CultureInfo.InvariantCulture)))
                : host.Genesys.IssueToken());
        };

        var login = host.Tokens.GetAccessTokenAsync().AsTask();
        await host.AdvanceUntilDone(login, TimeSpan.FromMilliseconds(100));

        Assert.That(await login, Is.Not.Empty);
        var attempts = loginsAt.ToArray();
        Assert.That(attempts, Has.Length.EqualTo(2));
        // The fake clock stands still unless the test moves it: the wait was measured on it, not on the wall clock.
        Assert.That(attempts[1] - attempts[0], Is.InRange(TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(3.2)));
    }
}
