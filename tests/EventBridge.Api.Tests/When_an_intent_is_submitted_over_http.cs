using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EventBridge.Api.Tests.Support;

namespace EventBridge.Api.Tests;

[TestFixture]
public sealed class When_an_intent_is_submitted_over_http
{
    private ApiWorker _worker = null!;

    [OneTimeSetUp]
    public async Task Start() => _worker = await ApiWorker.StartAsync();

    /// <summary>A new client each time; the worker fixture disposes them all.</summary>
    private HttpClient _publisher => _worker.WithApiKey(ApiWorker.PublisherKey);

    [OneTimeTearDown]
    public async Task Stop() => await _worker.DisposeAsync();

    [Test]
    public async Task Should_answer_202_with_the_id_and_a_location_that_reaches_the_outcome()
    {
        var conversationId = await _worker.StartConversationAsync();
        using var response = await _publisher.PostAsJsonAsync("/api/intents", new { conversationId, wrapUpCode = "Resolved", disconnect = true });
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        var location = answer.GetProperty("location").GetString()!;
        var client = _publisher;
        var appliedJson = await Eventually.GetAsync(async () =>
        {
            // 404 until the worker has stored it: moments after the 202.
            using var reply = await client.GetAsync(location);
            var intent = await reply.Content.ReadAsStringAsync();
            return reply.IsSuccessStatusCode && intent.Contains("\"status\":\"Applied\"", StringComparison.Ordinal) ? intent : null;
        }, TimeSpan.FromSeconds(30), "the intent is applied");
        JsonElement? applied = JsonDocument.Parse(appliedJson).RootElement;

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
            Assert.That(response.Headers.Location?.ToString(), Is.EqualTo(location));
            Assert.That(Guid.TryParse(answer.GetProperty("intentId").GetString(), out _), Is.True);
            Assert.That(applied.Value.GetProperty("codeName").GetString(), Is.EqualTo("Resolved"));
            Assert.That(applied.Value.GetProperty("requestedBy").GetString(), Is.EqualTo("api:demo-publisher"));
            Assert.That(applied.Value.GetProperty("latencyMs").GetDouble(), Is.GreaterThanOrEqualTo(0));
            Assert.That(applied.Value.GetProperty("queueId").GetString(), Is.EqualTo(ApiWorker.DemoQueueId), "the agent's queue, for support's filters");
        });
        var inQueue = await client.GetFromJsonAsync<JsonElement>($"/api/intents?queue={ApiWorker.DemoQueueId}&conversationId={conversationId}");
        var otherQueue = await client.GetFromJsonAsync<JsonElement>($"/api/intents?queue=another-queue&conversationId={conversationId}");
        Assert.That((inQueue.GetProperty("items").GetArrayLength(), otherQueue.GetProperty("items").GetArrayLength()), Is.EqualTo((1, 0)));
    }

    [Test]
    public async Task Should_hold_the_answer_until_the_outcome_when_asked_to_wait()
    {
        var conversationId = await _worker.StartConversationAsync();
        var intentId = Guid.NewGuid();
        using var response = await _publisher.PostAsJsonAsync("/api/intents?waitSeconds=45",
            new { intentId, conversationId, wrapUpCode = "QA_Review", notes = "checked", disconnect = true });
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), answer.ToString());
            Assert.That(answer.GetProperty("intentId").GetGuid(), Is.EqualTo(intentId));
            Assert.That(answer.GetProperty("status").GetString(), Is.EqualTo("Applied"));
            Assert.That(answer.GetProperty("intent").GetProperty("appliedVia").GetString(), Is.Not.Empty);
        });
    }

    [Test]
    public async Task Should_answer_the_failure_reason_synchronously_for_an_unknown_code()
    {
        var conversationId = await _worker.StartConversationAsync();
        using var response = await _publisher.PostAsJsonAsync("/api/intents?waitSeconds=30",
            new { conversationId, wrapUpCode = "No_Such_Code", disconnect = true });
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(answer.GetProperty("status").GetString(), Is.EqualTo("Failed"));
            Assert.That(answer.GetProperty("intent").GetProperty("failureReason").GetString(), Is.EqualTo("invalid-code"));
            Assert.That(answer.GetProperty("intent").GetProperty("failureDetail").GetString(), Does.Contain("No_Such_Code"));
        });
    }

    [Test]
    public async Task Should_refuse_a_malformed_intent_with_400_listing_every_problem()
    {
        using var response = await _publisher.PostAsJsonAsync("/api/intents", new { conversationId = "has spaces", wrapUpCode = "", notes = new string('x', 2000) });
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var problems = problem.GetProperty("errors").GetProperty("intent").EnumerateArray().Select(p => p.GetString()).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(problems, Has.Some.Contains("conversationId"));
            Assert.That(problems, Has.Some.Contains("wrapUpCode is missing"));
            Assert.That(problems, Has.Some.Contains("notes are longer"));
        });
    }

    [TestCase("{\"conversationId\": \"c1\", ", "JSON")]
    [TestCase("{\"conversationId\": 12, \"wrapUpCode\": \"Resolved\"}", "$.conversationId")]
    [TestCase("not json at all", "JSON")]
    public async Task Should_say_what_is_wrong_with_a_body_that_cannot_be_read(string body, string expected)
    {
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        using var response = await _publisher.PostAsync("/api/intents", content);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
            Assert.That(problem.GetProperty("detail").GetString(), Does.Contain(expected));
            Assert.That(problem.GetRawText(), Does.Not.Contain("EventBridge.").And.Not.Contain("WrapUpIntent").And.Not.Contain("System."),
                "no .NET type names in an error reply");
        });
        Assert.That(_worker.Output(), Does.Not.Contain("An unhandled exception"), "a caller's bad JSON is not a worker error");
    }

    [Test]
    public async Task Should_record_the_authenticated_caller_as_requested_by_whatever_the_body_says()
    {
        var conversationId = await _worker.StartConversationAsync();
        using var response = await _publisher.PostAsJsonAsync("/api/intents",
            new { conversationId, wrapUpCode = "Nope_Code", requestedBy = "support-lead (forged)" });
        var location = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("location").GetString()!;
        var client = _publisher;

        var stored = await Eventually.GetAsync(async () =>
        {
            using var reply = await client.GetAsync(location);
            return reply.IsSuccessStatusCode ? await reply.Content.ReadAsStringAsync() : null;
        }, TimeSpan.FromSeconds(30), "the intent is stored");

        Assert.That(JsonDocument.Parse(stored).RootElement.GetProperty("requestedBy").GetString(), Is.EqualTo("api:demo-publisher"));
    }

    [Test]
    public async Task Should_answer_409_when_an_intent_id_is_reused_for_another_request()
    {
        var intentId = Guid.NewGuid();
        var conversationId = await _worker.StartConversationAsync();
        (await _publisher.PostAsJsonAsync("/api/intents?waitSeconds=10", new { intentId, conversationId, wrapUpCode = "Nope_Code" })).Dispose();

        using var again = await _publisher.PostAsJsonAsync("/api/intents", new { intentId, conversationId, wrapUpCode = "Resolved" });
        var problem = await again.Content.ReadFromJsonAsync<JsonElement>();
        using var resend = await _publisher.PostAsJsonAsync("/api/intents", new { intentId, conversationId, wrapUpCode = "Nope_Code" });

        Assert.Multiple(() =>
        {
            Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
            Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("already taken").And.Contain("fresh id"));
            Assert.That(resend.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), "the same request again is a resend, not a conflict");
        });
    }

    [TestCase("limit=0", "limit")]
    [TestCase("limit=100000", "limit")]
    [TestCase("before=not-a-cursor", "before")]
    [TestCase("status=Sideways", "status")]
    [TestCase("from=2026-12-07T09:00:00", "from")]
    [TestCase("to=yesterday", "to")]
    [TestCase("from=2026-12-07T10:00:00Z&to=2026-12-07T09:00:00Z", "to")]
    public async Task Should_refuse_a_filter_it_cannot_read(string query, string field)
    {
        using var response = await _publisher.GetAsync($"/api/intents?{query}");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(problem.GetProperty("errors").TryGetProperty(field, out _), Is.True, problem.GetRawText());
    }

    [Test]
    public async Task Should_refuse_a_wait_longer_than_a_minute()
    {
        using var response = await _publisher.PostAsJsonAsync("/api/intents?waitSeconds=600",
            new { conversationId = Guid.NewGuid().ToString(), wrapUpCode = "Resolved" });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task Should_list_intents_by_conversation_and_status_newest_first_in_pages()
    {
        var conversationId = await _worker.StartConversationAsync();
        var first = Guid.NewGuid();
        var second = Guid.NewGuid();
        (await _publisher.PostAsJsonAsync("/api/intents?waitSeconds=30", new { intentId = first, conversationId, wrapUpCode = "Nope_1" })).Dispose();
        (await _publisher.PostAsJsonAsync("/api/intents?waitSeconds=30", new { intentId = second, conversationId, wrapUpCode = "Nope_2" })).Dispose();

        var page1 = await _publisher.GetFromJsonAsync<JsonElement>($"/api/intents?conversationId={conversationId}&status=failed&limit=1");
        var next = page1.GetProperty("next").GetString();
        var page2 = await _publisher.GetFromJsonAsync<JsonElement>($"/api/intents?conversationId={conversationId}&status=Failed&limit=1&before={Uri.EscapeDataString(next!)}");
        using var badStatus = await _publisher.GetAsync("/api/intents?status=Lost");
        var window = $"from={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddMinutes(-5).ToString("O"))}&to={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddMinutes(1).ToString("O"))}";
        var byCode = await _publisher.GetFromJsonAsync<JsonElement>($"/api/intents?code=Nope_2&{window}");
        var beforeThem = await _publisher.GetFromJsonAsync<JsonElement>($"/api/intents?conversationId={conversationId}&to=2020-01-01T00:00:00Z");
        Assert.Multiple(() =>
        {
            Assert.That(byCode.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("intentId").GetGuid()), Is.EqualTo(new[] { second }),
                "the code as asked, received inside the window");
            Assert.That(beforeThem.GetProperty("items").GetArrayLength(), Is.Zero);
            Assert.That(page1.GetProperty("items")[0].GetProperty("intentId").GetGuid(), Is.EqualTo(second));
            Assert.That(page2.GetProperty("items")[0].GetProperty("intentId").GetGuid(), Is.EqualTo(first));
            Assert.That(page2.GetProperty("next").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(badStatus.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        });
    }

    [Test]
    public async Task Should_answer_404_for_an_intent_it_never_saw()
    {
        using var response = await _publisher.GetAsync($"/api/intents/{Guid.NewGuid()}");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }
}
