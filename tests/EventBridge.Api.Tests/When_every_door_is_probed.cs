using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using EventBridge.Api.Tests.Support;

namespace EventBridge.Api.Tests;

/// <summary>
/// The bad-input corpus (docs/SECURITY.md lists each probe and its answer) replayed against one real worker process,
/// over HTTP and as raw JSON on its intake queue, between valid intents: every probe gets its status and a problem
/// body without framework internals, nothing reaches the log as a forged line, a terminal escape or a secret, no
/// channel id leaves the process, every bad AMQP message reaches dead-letter review, and every valid intent is applied once.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class When_every_door_is_probed
{
    /// <summary>What a forged log line would start with: the text format's "time level source" prefix.</summary>
    private const string ForgedPrefix = "12:00:00 INF EventBridge: forged";
    private const string Escape = "\u001b[2J";
    private const string UnknownKey = "probe-key-nobody-was-given-0001";

    private ApiWorker _worker = null!;

    [OneTimeSetUp]
    public async Task Start() => _worker = await ApiWorker.StartAsync();

    [OneTimeTearDown]
    public async Task Stop() => await _worker.DisposeAsync();

    [Test]
    public async Task Should_answer_every_probe_keep_the_log_clean_and_still_apply_every_valid_intent()
    {
        var publisher = _worker.WithApiKey(ApiWorker.PublisherKey);
        var viewer = await _worker.LoggedInAsync("viewer", "viewer-demo");
        var support = await _worker.LoggedInAsync("support", "support-demo");
        var valid = new List<(Guid IntentId, string ConversationId)>();
        var answers = new List<string>();

        async Task SubmitValidAsync(bool overAmqp)
        {
            var conversationId = await _worker.StartConversationAsync();
            var intentId = Guid.NewGuid();
            var intent = new { intentId, conversationId, wrapUpCode = "Resolved", disconnect = true };
            if (overAmqp)
                await TestBroker.PublishRawAsync(EventBridge.Pipeline.PipelineQueues.Intents, JsonSerializer.Serialize(intent), broker: _worker.BrokerUri);
            else
                (await publisher.PostAsJsonAsync("/api/intents", intent)).EnsureSuccessStatusCode().Dispose();
            valid.Add((intentId, conversationId));
        }

        await SubmitValidAsync(overAmqp: false);
        foreach (var probe in HttpProbes(publisher, viewer, support))
        {
            using var response = await probe.Send();
            answers.Add(await JudgeAsync(probe, response));
            if (answers.Count % 6 == 0) await SubmitValidAsync(overAmqp: answers.Count % 12 == 0);
        }

        var amqpProbes = AmqpProbes(valid[0]);
        foreach (var (reason, body) in amqpProbes)
        {
            // The unknown type is a MassTransit envelope, sent as MassTransit would; the rest as a Node gateway would.
            await TestBroker.PublishRawAsync(EventBridge.Pipeline.PipelineQueues.Intents, body,
                reason == NotAnIntent ? "application/vnd.masstransit+json" : "application/json", _worker.BrokerUri);
            await SubmitValidAsync(overAmqp: true);
        }

        Assert.That(answers.Where(a => !a.StartsWith("ok", StringComparison.Ordinal)), Is.Empty, string.Join("\n", answers));
        await AssertEveryValidIntentAppliedOnceAsync(publisher, valid);
        await AssertEveryAmqpProbeInReviewAsync(support, amqpProbes);
        await AssertNoChannelIdLeftTheProcessAsync(viewer);
        AssertTheLogIsClean(_worker.Output());
    }

    private sealed record Probe(string Name, Func<Task<HttpResponseMessage>> Send, HttpStatusCode Expected, string? DetailContains = null);

    private IEnumerable<Probe> HttpProbes(HttpClient publisher, HttpClient viewer, HttpClient support)
    {
        var anonymous = _worker.Anonymous();
        var forged = $"Resolved\r\n{ForgedPrefix} code{Escape}";
        Task<HttpResponseMessage> Post(HttpClient client, string path, object body) => client.PostAsJsonAsync(path, body);
        // Expect: 100-continue: an oversized body is refused before it is sent (no broken pipe racing the 413).
        Task<HttpResponseMessage> PostRaw(HttpClient client, string path, string body, string type)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, type) };
            request.Headers.ExpectContinue = true;
            return client.SendAsync(request);
        }
        object Intent(string conversationId, string code = "Resolved", object? deadline = null, string? participantId = null) =>
            new { conversationId, wrapUpCode = code, deadline, participantId };

        yield return new("login body of 1 MB", () => PostRaw(anonymous, "/auth/login", $"{{\"username\":\"{new string('u', 1_000_000)}\"}}", "application/json"),
            HttpStatusCode.RequestEntityTooLarge);
        yield return new("intent of 100 KB", () => PostRaw(publisher, "/api/intents", $"{{\"conversationId\":\"c\",\"notes\":\"{new string('n', 100_000)}\"}}", "application/json"),
            HttpStatusCode.RequestEntityTooLarge);
        yield return new("intent as text/plain", () => PostRaw(publisher, "/api/intents", "wrap up c-1 as Resolved", "text/plain"),
            HttpStatusCode.UnsupportedMediaType);
        yield return new("unknown route", () => anonymous.GetAsync("/admin/../../etc/passwd"), HttpStatusCode.NotFound);
        yield return new("truncated JSON", () => PostRaw(publisher, "/api/intents", "{\"conversationId\": \"c1\", ", "application/json"),
            HttpStatusCode.BadRequest, "JSON");
        yield return new("wrong JSON types", () => PostRaw(publisher, "/api/intents", "{\"conversationId\": 12, \"wrapUpCode\": true}", "application/json"),
            HttpStatusCode.BadRequest, "$.conversationId");
        yield return new("forged login name", () => Post(anonymous, "/auth/login", new { username = $"eve\r\n{ForgedPrefix} login{Escape}", password = "x" }),
            HttpStatusCode.Unauthorized);
        yield return new("CR/LF and ESC in the code", () => Post(publisher, "/api/intents", Intent("c-forged-code", forged)), HttpStatusCode.BadRequest, "wrapUpCode");
        yield return new("ESC in the conversation id", () => Post(publisher, "/api/intents", Intent($"c-1{Escape}")), HttpStatusCode.BadRequest, "conversationId");
        yield return new("NUL in the participant id", () => Post(publisher, "/api/intents", Intent("c-2", participantId: "p\u0000")), HttpStatusCode.BadRequest, "participantId");
        yield return new("path segments in the conversation id", () => Post(publisher, "/api/intents", Intent("../../etc/passwd")), HttpStatusCode.BadRequest, "conversationId");
        yield return new("deadline without an offset", () => Post(publisher, "/api/intents", Intent("c-3", deadline: "2030-01-01T10:00:00")),
            HttpStatusCode.BadRequest, "offset");
        yield return new("deadline already past", () => Post(publisher, "/api/intents", Intent("c-4", deadline: DateTimeOffset.UtcNow.AddMinutes(-5))),
            HttpStatusCode.BadRequest, "has passed");
        yield return new("SQL in a filter", () => publisher.GetAsync("/api/intents?conversationId=%27%20OR%20%271%27%3D%271"), HttpStatusCode.OK);
        yield return new("unknown status filter", () => publisher.GetAsync("/api/intents?status=Sideways"), HttpStatusCode.BadRequest, "status");
        yield return new("limit out of range", () => publisher.GetAsync("/api/intents?limit=100000"), HttpStatusCode.BadRequest, "limit");
        yield return new("a time without its zone", () => publisher.GetAsync("/api/intents?from=2026-12-07T09:00:00"), HttpStatusCode.BadRequest, "zone");
        yield return new("NUL in a code filter", () => publisher.GetAsync("/api/intents?code=%00Sale"), HttpStatusCode.OK);
        yield return new("unreadable cursor", () => publisher.GetAsync("/api/intents?before=%27%3B--"), HttpStatusCode.BadRequest, "before");
        yield return new("ESC in a search term", () => viewer.GetAsync("/api/search?q=%1B%5B2Jconv"), HttpStatusCode.BadRequest, "control characters");
        yield return new("search term of 300 characters", () => viewer.GetAsync($"/api/search?q={new string('c', 300)}"), HttpStatusCode.BadRequest,
            "at most 256");
        yield return new("SQL in a search term", () => viewer.GetAsync("/api/search?q=%27%20OR%20%271%27%3D%271"), HttpStatusCode.OK);
        yield return new("publisher searches", () => publisher.GetAsync("/api/search?q=c-1"), HttpStatusCode.Forbidden);
        yield return new("unknown API key", () => _worker.WithApiKey(UnknownKey).GetAsync("/api/intents"), HttpStatusCode.Unauthorized);
        yield return new("viewer submits", () => Post(viewer, "/api/intents", Intent("c-5")), HttpStatusCode.Forbidden);
        yield return new("publisher discards a letter", () => Post(publisher, "/api/dead-letters/1/discard", new { }), HttpStatusCode.Forbidden);
        yield return new("cross-site discard with support's cookie", () =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/dead-letters/1/discard");
            request.Headers.Add("Sec-Fetch-Site", "cross-site");
            return support.SendAsync(request);
        }, HttpStatusCode.Forbidden, "another site");
        yield return new("cookie saved before logout", CookieAfterLogoutAsync, HttpStatusCode.Unauthorized);
        yield return new("anonymous readiness", () => anonymous.GetAsync("/health/ready"), HttpStatusCode.OK);
    }

    /// <summary>Logs in, keeps the cookie, logs out, then sends the saved cookie from a fresh client.</summary>
    private async Task<HttpResponseMessage> CookieAfterLogoutAsync()
    {
        var handler = new HttpClientHandler { UseCookies = true };
        using var person = new HttpClient(handler) { BaseAddress = _worker.BaseUrl };
        (await person.PostAsJsonAsync("/auth/login", new { username = "viewer", password = "viewer-demo" })).EnsureSuccessStatusCode().Dispose();
        var saved = handler.CookieContainer.GetCookieHeader(_worker.BaseUrl);
        (await person.PostAsync("/auth/logout", null)).Dispose();
        var replay = _worker.Anonymous();
        var request = new HttpRequestMessage(HttpMethod.Get, "/auth/me");
        request.Headers.Add("Cookie", saved);
        return await replay.SendAsync(request);
    }

    private static async Task<string> JudgeAsync(Probe probe, HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != probe.Expected) return $"{probe.Name}: {(int)response.StatusCode}, expected {(int)probe.Expected}: {Cut(body)}";
        if ((int)response.StatusCode < 400) return $"ok {probe.Name}";
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json") return $"{probe.Name}: not a problem body: {Cut(body)}";
        using var problem = JsonDocument.Parse(body);
        if (!problem.RootElement.TryGetProperty("status", out var status) || status.GetInt32() != (int)probe.Expected)
            return $"{probe.Name}: problem without its status: {Cut(body)}";
        foreach (var internals in new[] { "System.", "Microsoft.", "EventBridge.", "Exception", "   at ", "WrapUpIntent" })
            if (body.Contains(internals, StringComparison.Ordinal)) return $"{probe.Name}: the reply names '{internals}': {Cut(body)}";
        if (body.Contains('\u001b') || body.Contains(UnknownKey, StringComparison.Ordinal)) return $"{probe.Name}: the reply echoes an escape or the key";
        if (probe.DetailContains is { } expected && !body.Contains(expected, StringComparison.Ordinal))
            return $"{probe.Name}: the reply does not say '{expected}': {Cut(body)}";
        return $"ok {probe.Name}";
    }

    /// <summary>
    /// Raw JSON as Node's amqplib would publish it: the probes above that AMQP can carry, then the in-process fault
    /// corpus (<c>When_bad_input_arrives_among_intents</c>). Each must reach dead-letter review with its reason (none
    /// lost), a message of an unknown type too: MassTransit moves it to <c>_skipped</c>, which the review drains.
    /// </summary>
    private static List<(string Reason, string Body)> AmqpProbes((Guid IntentId, string ConversationId) taken) =>
    [
        ("rejected-as-malformed", JsonSerializer.Serialize(new { intentId = Guid.NewGuid(), conversationId = "c-amqp-1", wrapUpCode = $"Resolved\r\n{ForgedPrefix} amqp{Escape}" })),
        ("rejected-as-malformed", JsonSerializer.Serialize(new { intentId = Guid.NewGuid(), conversationId = $"c-amqp-2{Escape}", wrapUpCode = "Resolved" })),
        ("rejected-as-malformed", JsonSerializer.Serialize(new { intentId = taken.IntentId, conversationId = taken.ConversationId, wrapUpCode = "Other_Code" })),
        ("expired", JsonSerializer.Serialize(new { intentId = Guid.NewGuid(), conversationId = "c-amqp-3", wrapUpCode = "Resolved", deadline = DateTimeOffset.UtcNow.AddMinutes(-5) })),
        ("unreadable", $$"""{"intentId":"{{Guid.NewGuid()}}","conversationId":"c-amqp-4","wrapUpCode":"""),
        ("unreadable", $"please wrap up {Guid.NewGuid()} as Resolved"),
        ("unreadable", $$"""{"intentId":12345,"conversationId":{"id":"{{Guid.NewGuid()}}"},"wrapUpCode":7,"disconnect":"yes"}"""),
        ("rejected-as-malformed", $$"""{"intentId":"{{Guid.NewGuid()}}","wrapUpCode":"QA_Review"}"""),
        ("rejected-as-malformed", JsonSerializer.Serialize(new { intentId = Guid.NewGuid(), conversationId = "c-amqp-5", wrapUpCode = "QA_Review", padding = new string('x', 70 * 1024) })),
        ("unreadable", "null"),
        // MassTransit skips a type no consumer takes (eventbridge-wrapup-intents_skipped); the review drains that queue too.
        (NotAnIntent, $$$"""{"messageId":"{{{Guid.NewGuid()}}}","messageType":["urn:message:EventBridge.Contracts:WrapUpCancelled"],"message":{"intentId":"{{{Guid.NewGuid()}}}"}}"""),
    ];

    private const string NotAnIntent = "not-an-intent";

    private static async Task AssertEveryAmqpProbeInReviewAsync(HttpClient support, List<(string Reason, string Body)> probes)
    {
        var reviewed = await Eventually.GetAsync(async () =>
        {
            var page = await support.GetFromJsonAsync<JsonElement>("/api/dead-letters?limit=100");
            var letters = new Dictionary<string, string>();
            foreach (var id in page.GetProperty("items").EnumerateArray().Select(l => l.GetProperty("id").GetInt64()))
            {
                var letter = (await support.GetFromJsonAsync<JsonElement>($"/api/dead-letters/{id}")).GetProperty("deadLetter");
                letters[letter.GetProperty("body").GetString() ?? ""] = letter.GetProperty("reason").GetString() ?? "";
            }

            return probes.All(p => letters.ContainsKey(p.Body)) ? letters : null;
        }, TimeSpan.FromSeconds(60), "every AMQP probe in dead-letter review");

        Assert.Multiple(() =>
        {
            foreach (var (reason, body) in probes)
                Assert.That(reviewed[body], Is.EqualTo(reason), Cut(body));
        });
    }

    private async Task AssertEveryValidIntentAppliedOnceAsync(HttpClient publisher, List<(Guid IntentId, string ConversationId)> valid)
    {
        foreach (var (intentId, _) in valid)
            await Eventually.GetAsync(async () =>
            {
                using var reply = await publisher.GetAsync($"/api/intents/{intentId}");
                var applied = reply.IsSuccessStatusCode && (await reply.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString() == "Applied";
                return applied ? "applied" : null;
            }, TimeSpan.FromSeconds(90), $"valid intent {intentId} applied");

        using var simulator = new HttpClient { BaseAddress = _worker.SimulatorUrl };
        var oracle = await simulator.GetFromJsonAsync<JsonElement>("/sim/oracle");
        var wrapUps = oracle.GetProperty("wrapups").EnumerateArray().Select(w => w.GetProperty("conversationId").GetString()).ToList();
        Assert.Multiple(() =>
        {
            foreach (var (_, conversationId) in valid)
                Assert.That(wrapUps.Count(c => c == conversationId), Is.EqualTo(1), $"conversation {conversationId} wrapped up once");
            Assert.That(wrapUps, Has.None.StartsWith("c-"), "no probe reached Genesys");
        });
    }

    private async Task AssertNoChannelIdLeftTheProcessAsync(HttpClient viewer)
    {
        using var simulator = new HttpClient { BaseAddress = _worker.SimulatorUrl };
        var channels = await simulator.GetFromJsonAsync<JsonElement>("/sim/channels");
        var ids = channels.EnumerateArray().Select(c => c.GetProperty("id").GetString()!).ToList();
        var shown = string.Join("\n",
            await _worker.Anonymous().GetStringAsync("/health/ready"),
            await viewer.GetStringAsync("/api/subscriptions"),
            await _worker.Anonymous().GetStringAsync("/metrics"),
            _worker.Output());
        Assert.That(ids, Is.Not.Empty, "the worker holds a channel");
        Assert.That(ids.Where(id => shown.Contains(id, StringComparison.Ordinal)), Is.Empty, "a channel id is a credential");
    }

    private static void AssertTheLogIsClean(string log)
    {
        var lines = log.Split('\n');
        Assert.Multiple(() =>
        {
            Assert.That(lines.Where(l => l.StartsWith("12:00:00", StringComparison.Ordinal)), Is.Empty, "no forged line");
            // Not vacuous: the forged code did reach the log (the AMQP refusal names it), shown escaped on its line.
            Assert.That(log, Does.Contain(@"Resolved\u000D\u000A12:00:00 INF").And.Contain(@"c-amqp-2\u001B[2J"));
            Assert.That(log, Does.Not.Contain("\u001b"), "no terminal escape reaches the console");
            Assert.That(log, Does.Not.Contain("\u0000"));
            foreach (var secret in new[] { ApiWorker.PublisherKey, "support-demo", "viewer-demo", UnknownKey, "EventBridge.Session=" })
                Assert.That(log, Does.Not.Contain(secret), "a secret in the log");
            Assert.That(log, Does.Not.Contain("eve\r").And.Not.Contain("eve\\u000D"), "a failed login logs an unknown name only by its length");
        });
    }

    private static string Cut(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
