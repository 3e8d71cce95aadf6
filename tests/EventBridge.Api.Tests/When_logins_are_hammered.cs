using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EventBridge.Api.Tests.Support;

namespace EventBridge.Api.Tests;

/// <summary>Password guessing meets the login limit (20 a minute per address): 429 with Retry-After and a problem body.</summary>
[TestFixture]
public sealed class When_logins_are_hammered
{
    private ApiWorker _worker = null!;

    [OneTimeSetUp]
    public async Task Start() => _worker = await ApiWorker.StartAsync();

    [OneTimeTearDown]
    public async Task Stop() => await _worker.DisposeAsync();

    [Test]
    public async Task Should_answer_429_with_retry_after_and_a_problem_after_twenty_attempts()
    {
        var client = _worker.Anonymous();
        for (var attempt = 0; attempt < 20; attempt++)
        {
            using var refused = await client.PostAsJsonAsync("/auth/login", new { username = "support", password = $"guess-{attempt}" });
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), $"attempt {attempt + 1} is inside the limit");
        }

        using var limited = await client.PostAsJsonAsync("/auth/login", new { username = "support", password = "support-demo" });
        var problem = await limited.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Multiple(() =>
        {
            Assert.That(limited.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
            Assert.That(limited.Headers.RetryAfter?.Delta, Is.Not.Null.And.GreaterThan(TimeSpan.Zero).And.LessThanOrEqualTo(TimeSpan.FromMinutes(1)));
            Assert.That(limited.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
            Assert.That(problem.GetProperty("status").GetInt32(), Is.EqualTo(429));
        });
    }
}
