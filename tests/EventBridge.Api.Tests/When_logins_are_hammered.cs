using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EventBridge.Api.Tests.Support;

namespace EventBridge.Api.Tests;

/// <summary>
/// Password guessing meets the login limits: 20 a minute per client address, 10 a minute per user name from anywhere;
/// both answer 429 with Retry-After and a problem body. <c>X-Forwarded-For</c> counts only from a configured proxy.
/// </summary>
[TestFixture]
public sealed class When_logins_are_hammered
{
    private ApiWorker _direct = null!;
    private ApiWorker _behindProxy = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _direct = await ApiWorker.StartAsync();
        // The test client plays the proxy: it is at 127.0.0.1 and sets X-Forwarded-For.
        _behindProxy = await ApiWorker.StartAsync(new Dictionary<string, string?> { ["Api__TrustedProxies__0"] = "127.0.0.0/8" });
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        await _direct.DisposeAsync();
        await _behindProxy.DisposeAsync();
    }

    [Test]
    public async Task Should_limit_one_address_even_when_it_forges_forwarded_addresses()
    {
        var client = _direct.Anonymous();
        for (var attempt = 0; attempt < 20; attempt++)
        {
            // A new user name and a new "client address" each time: neither helps against the address limit.
            using var refused = await LoginAsync(client, $"guess-{attempt}", "guess", forwardedFor: $"203.0.113.{attempt + 1}");
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), $"attempt {attempt + 1} is inside the limit");
        }

        using var limited = await LoginAsync(client, "support", "support-demo", forwardedFor: "198.51.100.7");
        await AssertTooManyAsync(limited, "this address");
    }

    [Test]
    public async Task Should_limit_one_user_name_guessed_from_many_addresses()
    {
        var client = _behindProxy.Anonymous();
        for (var attempt = 0; attempt < 10; attempt++)
        {
            using var refused = await LoginAsync(client, "viewer", $"guess-{attempt}", forwardedFor: $"203.0.113.{attempt + 1}");
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), $"attempt {attempt + 1} is inside the limit");
        }

        using var limited = await LoginAsync(client, "VIEWER", "viewer-demo", forwardedFor: "198.51.100.8");
        await AssertTooManyAsync(limited, "this user name");
        using var otherUser = await LoginAsync(client, "support", "support-demo", forwardedFor: "198.51.100.8");
        Assert.That(otherUser.StatusCode, Is.EqualTo(HttpStatusCode.OK), "another user name is not held back by this one's guesses");
    }

    [Test]
    public async Task Should_count_each_forwarded_client_of_a_trusted_proxy_apart()
    {
        var client = _behindProxy.Anonymous();
        for (var attempt = 0; attempt < 20; attempt++)
        {
            using var refused = await LoginAsync(client, $"proxied-{attempt}", "guess", forwardedFor: "203.0.113.200");
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), $"attempt {attempt + 1} is inside the limit");
        }

        using var limited = await LoginAsync(client, "proxied-last", "guess", forwardedFor: "203.0.113.200");
        await AssertTooManyAsync(limited, "this address");
        using var neighbour = await LoginAsync(client, "proxied-last", "guess", forwardedFor: "203.0.113.201");
        Assert.That(neighbour.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "another client behind the same proxy has its own limit");
    }

    private static Task<HttpResponseMessage> LoginAsync(HttpClient client, string username, string password, string forwardedFor)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/auth/login") { Content = JsonContent.Create(new { username, password }) };
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        return client.SendAsync(request);
    }

    private static async Task AssertTooManyAsync(HttpResponseMessage limited, string what)
    {
        var problem = await limited.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Multiple(() =>
        {
            Assert.That(limited.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
            Assert.That(limited.Headers.RetryAfter?.Delta, Is.Not.Null.And.GreaterThan(TimeSpan.Zero).And.LessThanOrEqualTo(TimeSpan.FromMinutes(1)));
            Assert.That(limited.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
            Assert.That(problem.GetProperty("status").GetInt32(), Is.EqualTo(429));
            Assert.That(problem.GetProperty("detail").GetString(), Does.Contain(what));
        });
    }
}
