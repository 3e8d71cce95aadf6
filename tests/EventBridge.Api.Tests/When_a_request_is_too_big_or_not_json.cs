using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using EventBridge.Api.Tests.Support;

namespace EventBridge.Api.Tests;

/// <summary>
/// Every endpoint bounds its body (Kestrel's default is 30 MB; ten such logins took the worker to 1.3 GB), and every
/// error answers a problem body, never an empty one.
/// </summary>
[TestFixture]
public sealed class When_a_request_is_too_big_or_not_json
{
    private ApiWorker _worker = null!;

    [OneTimeSetUp]
    public async Task Start() => _worker = await ApiWorker.StartAsync();

    [OneTimeTearDown]
    public async Task Stop() => await _worker.DisposeAsync();

    [TestCase("/auth/login", 8 * 1024, false)]
    [TestCase("/api/intents", 128 * 1024, true)]
    [TestCase("/api/dead-letters/1/discard", 1024 * 1024, true)]
    public async Task Should_answer_413_with_a_problem(string path, int bytes, bool withKey)
    {
        var client = withKey ? await _worker.LoggedInAsync("support", "support-demo") : _worker.Anonymous();
        using var body = new StringContent($"{{\"username\":\"{new string('a', bytes)}\",\"password\":\"p\"}}", Encoding.UTF8, "application/json");

        // Expect: 100-continue, as curl sends for big bodies: the worker answers 413 before the body is sent. Without it,
        // Kestrel's early answer and close can meet a client still writing (broken pipe) and the answer is never read.
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = body };
        request.Headers.ExpectContinue = true;
        using var response = await client.SendAsync(request);

        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Test]
    public async Task Should_answer_415_with_a_problem_for_a_body_that_is_not_json()
    {
        using var body = new StringContent("conversationId=c1&wrapUpCode=Resolved", Encoding.UTF8, "application/x-www-form-urlencoded");

        using var response = await _worker.WithApiKey(ApiWorker.PublisherKey).PostAsync("/api/intents", body);

        await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Test]
    public async Task Should_answer_404_with_a_problem_for_an_unknown_route()
    {
        using var response = await _worker.WithApiKey(ApiWorker.PublisherKey).GetAsync("/api/no-such-thing");

        await AssertProblemAsync(response, HttpStatusCode.NotFound);
    }

    private async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(expected), text);
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"), text);
            Assert.That(JsonDocument.Parse(text).RootElement.GetProperty("status").GetInt32(), Is.EqualTo((int)expected));
            Assert.That(text, Does.Not.Contain("Microsoft.").And.Not.Contain("System.").And.Not.Contain("EventBridge."), "no framework hints");
        });
        Assert.That(_worker.Output(), Does.Not.Contain("An unhandled exception"), "a caller's request is not a worker error");
    }
}
