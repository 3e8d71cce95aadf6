using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EventBridge.Api.Tests.Support;

namespace EventBridge.Api.Tests;

[TestFixture]
public sealed class When_operators_read_the_api
{
    private ApiWorker _worker = null!;
    private HttpClient _viewer = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _worker = await ApiWorker.StartAsync(new Dictionary<string, string?>
        {
            ["Simulator__HeartbeatInterval"] = "00:00:02",
            // The first retention pass at once (a minute after start by default), so the store view has a pass to show.
            ["Retention__FirstPassAfter"] = "00:00:00",
        });
        _viewer = await _worker.LoggedInAsync("viewer", "viewer-demo");
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        _viewer.Dispose();
        await _worker.DisposeAsync();
    }

    [Test]
    public async Task Should_show_the_connected_channel_with_its_topics_and_heartbeat()
    {
        var snapshotJson = await Eventually.GetAsync(async () =>
        {
            var snapshot = await _viewer.GetStringAsync("/api/subscriptions");
            var heartbeat = JsonDocument.Parse(snapshot).RootElement.GetProperty("channels")[0].GetProperty("lastHeartbeatAt");
            return heartbeat.ValueKind == JsonValueKind.String ? snapshot : null;
        }, TimeSpan.FromSeconds(60), "a heartbeat arrives on the channel");
        JsonElement? health = JsonDocument.Parse(snapshotJson).RootElement;
        var channel = health.Value.GetProperty("channels")[0];
        Assert.Multiple(() =>
        {
            Assert.That(health.Value.GetProperty("isReady").GetBoolean(), Is.True);
            Assert.That(channel.GetProperty("connected").GetBoolean(), Is.True);
            Assert.That(channel.GetProperty("topicCount").GetInt32(), Is.GreaterThanOrEqualTo(1));
            Assert.That(channel.GetProperty("channelTag").GetString(), Does.Match("^ch-[0-9a-f]{8}$"), "a tag, not the id: the id opens the channel's socket");
            Assert.That(channel.TryGetProperty("channelId", out _), Is.False);
            Assert.That(channel.GetProperty("expiresAt").ValueKind, Is.EqualTo(JsonValueKind.String));
        });
    }

    [Test]
    public async Task Should_show_each_stores_size_and_what_retention_keeps()
    {
        var storeJson = await Eventually.GetAsync(async () =>
        {
            var view = await _viewer.GetStringAsync("/api/store");
            return JsonDocument.Parse(view).RootElement.GetProperty("lastPass").ValueKind == JsonValueKind.Object ? view : null;
        }, TimeSpan.FromSeconds(30), "the first retention pass");
        JsonElement? store = JsonDocument.Parse(storeJson).RootElement;
        var sizes = store.Value.GetProperty("sizes").GetProperty("stores").EnumerateArray()
            .ToDictionary(s => s.GetProperty("store").GetString()!, s => s);
        var retention = store.Value.GetProperty("retention");
        Assert.Multiple(() =>
        {
            Assert.That(sizes.Keys, Is.EquivalentTo(new[] { "intents", "dead letters" }));
            Assert.That(sizes.Values.Select(s => s.GetProperty("bytes").GetInt64()), Has.All.GreaterThan(0));
            Assert.That(sizes["intents"].GetProperty("rows").TryGetProperty("intent_attempts", out _), Is.True);
            Assert.That(sizes["dead letters"].GetProperty("rows").TryGetProperty("audit_entries", out _), Is.True);
            Assert.That(new[] { "finishedIntentsDays", "attemptsDays", "resolvedDeadLettersDays", "auditEntriesDays" }
                .Select(name => retention.GetProperty(name).GetDouble()), Is.EqualTo(new[] { 30.0, 30, 90, 365 }), "the documented defaults");
            Assert.That(store.Value.GetProperty("lastPass").GetProperty("problems").GetArrayLength(), Is.Zero);
        });
    }

    [Test]
    public async Task Should_find_a_failed_intent_by_its_conversation_with_its_whole_story()
    {
        var publisher = _worker.WithApiKey(ApiWorker.PublisherKey);
        var conversation = await _worker.StartConversationAsync();
        using var submitted = await publisher.PostAsJsonAsync("/api/intents?waitSeconds=45", new { conversationId = conversation, wrapUpCode = "No_Such_Code_Here" });
        var intentId = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("intentId").GetString()!;
        // The letter reaches the review from the error queue moments after the outcome.
        var json = await Eventually.GetAsync(async () =>
        {
            var text = await _viewer.GetStringAsync($"/api/search?q={conversation}");
            var story = JsonDocument.Parse(text).RootElement.GetProperty("intents").EnumerateArray().FirstOrDefault();
            return story.ValueKind == JsonValueKind.Object && story.GetProperty("deadLetters").GetArrayLength() > 0 ? text : null;
        }, TimeSpan.FromSeconds(30), "the failed intent's dead letter in the search");
        var found = JsonDocument.Parse(json).RootElement.GetProperty("intents");
        var timeline = found[0].GetProperty("timeline").EnumerateArray().Select(e => (Kind: e.GetProperty("kind").GetString(), Source: e.GetProperty("source").GetString())).ToList();
        var byIntentId = await _viewer.GetFromJsonAsync<JsonElement>($"/api/search?q={intentId}");
        var byCode = await _viewer.GetFromJsonAsync<JsonElement>("/api/search?q=No_Such_Code_Here");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(found.GetArrayLength(), Is.EqualTo(1));
            Assert.That(found[0].GetProperty("intent").GetProperty("intentId").GetString(), Is.EqualTo(intentId));
            Assert.That(found[0].GetProperty("intent").GetProperty("failureReason").GetString(), Is.EqualTo("invalid-code"));
            Assert.That(timeline.Select(e => e.Kind), Is.SupersetOf(new[] { "received", "failed", "dead-lettered" }));
            Assert.That(timeline.Select(e => e.Kind), Does.Not.Contain("accepted"), "refused at intake: never accepted");
            Assert.That(timeline.Where(e => e.Kind is "failed" or "dead-lettered").Select(e => e.Source), Has.All.EqualTo("eventbridge"),
                "an unknown code is EventBridge's finding, not an answer from Genesys");
            Assert.That(timeline.Select(e => e.Kind).ToList().IndexOf("received"), Is.LessThan(timeline.Select(e => e.Kind).ToList().IndexOf("failed")));
            Assert.That(byIntentId.GetProperty("intents")[0].GetProperty("intent").GetProperty("conversationId").GetString(), Is.EqualTo(conversation));
            Assert.That(byCode.GetProperty("intents").EnumerateArray().Select(i => i.GetProperty("intent").GetProperty("intentId").GetString()), Does.Contain(intentId));
            Assert.That((await _viewer.GetFromJsonAsync<JsonElement>($"/api/intents/{intentId}/story")).GetProperty("timeline").GetArrayLength(),
                Is.EqualTo(timeline.Count));
        }
    }

    [Test]
    public async Task Should_name_the_code_ids_an_applied_intents_story_mentions()
    {
        var publisher = _worker.WithApiKey(ApiWorker.PublisherKey);
        var conversation = await _worker.StartConversationAsync();
        using var submitted = await publisher.PostAsJsonAsync("/api/intents?waitSeconds=45",
            new { conversationId = conversation, wrapUpCode = "Resolved", disconnect = true });
        var answer = await submitted.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(answer.GetProperty("status").GetString(), Is.EqualTo("Applied"), answer.ToString());

        var story = await _viewer.GetFromJsonAsync<JsonElement>($"/api/intents/{answer.GetProperty("intentId").GetString()}/story");

        // Genesys speaks of the code by its id (the intent asked by name): the story says which name that id is.
        using (Assert.EnterMultipleScope())
        {
            Assert.That(story.GetProperty("intent").GetProperty("codeId").GetString(), Is.EqualTo(Genesys.Simulator.Organization.SeedData.ResolvedCodeId));
            Assert.That(story.GetProperty("codeNames").GetProperty(Genesys.Simulator.Organization.SeedData.ResolvedCodeId).GetString(), Is.EqualTo("Resolved"));
            var kinds = story.GetProperty("timeline").EnumerateArray().Select(e => e.GetProperty("kind").GetString()).ToList();
            Assert.That(kinds.IndexOf("received"), Is.LessThan(kinds.IndexOf("accepted")), string.Join(", ", kinds));
            Assert.That(kinds.IndexOf("accepted"), Is.LessThan(kinds.IndexOf("applied")), string.Join(", ", kinds));
            Assert.That(story.GetProperty("intent").GetProperty("acceptedAt").ValueKind, Is.EqualTo(JsonValueKind.String));
        }
    }

    [TestCase("", HttpStatusCode.BadRequest)]
    [TestCase("%1B%5B2J", HttpStatusCode.BadRequest)]
    [TestCase("nothing-has-this-id", HttpStatusCode.OK)]
    public async Task Should_answer_a_search_term_plainly(string q, HttpStatusCode expected)
    {
        using var response = await _viewer.GetAsync($"/api/search?q={q}");
        Assert.That(response.StatusCode, Is.EqualTo(expected), await response.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task Should_say_an_unknown_intent_has_no_story()
    {
        using var response = await _viewer.GetAsync($"/api/intents/{Guid.NewGuid()}/story");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task Should_count_outcomes_and_latency_per_minute()
    {
        var publisher = _worker.WithApiKey(ApiWorker.PublisherKey);
        var applied = await _worker.StartConversationAsync();
        var failed = await _worker.StartConversationAsync();
        (await publisher.PostAsJsonAsync("/api/intents?waitSeconds=45", new { conversationId = applied, wrapUpCode = "Resolved", disconnect = true })).Dispose();
        (await publisher.PostAsJsonAsync("/api/intents?waitSeconds=45", new { conversationId = failed, wrapUpCode = "Unknown_Code" })).Dispose();

        var stats = await _viewer.GetFromJsonAsync<JsonElement>("/api/stats?minutes=5");
        var minutes = stats.GetProperty("minutes").EnumerateArray().ToList();
        Assert.Multiple(() =>
        {
            Assert.That(minutes, Has.Count.EqualTo(5), "every minute of the window, empty ones too");
            Assert.That(minutes.Sum(m => m.GetProperty("applied").GetInt32()), Is.GreaterThanOrEqualTo(1));
            Assert.That(minutes.Sum(m => m.GetProperty("failed").GetInt32()), Is.GreaterThanOrEqualTo(1));
            Assert.That(minutes.Any(m => m.GetProperty("latencyP95Ms").ValueKind == JsonValueKind.Number), Is.True);
            Assert.That(stats.GetProperty("applied").GetInt32(), Is.GreaterThanOrEqualTo(1));
        });
    }

    [Test]
    public async Task Should_publish_an_openapi_document_that_names_every_endpoint_and_no_secret()
    {
        using var response = await _worker.Anonymous().GetAsync("/openapi/v1.json");
        var text = await response.Content.ReadAsStringAsync();
        var paths = JsonDocument.Parse(text).RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(paths, Is.SupersetOf(new[] { "/api/intents", "/api/intents/{intentId}", "/api/subscriptions", "/api/stats", "/api/store", "/api/search", "/api/intents/{intentId}/story", "/auth/login" }));
            Assert.That(paths, Has.Some.StartsWith("/api/dead-letters"));
            Assert.That(text, Does.Not.Contain("support-demo").And.Not.Contain(ApiWorker.PublisherKey));
        });
    }
}
