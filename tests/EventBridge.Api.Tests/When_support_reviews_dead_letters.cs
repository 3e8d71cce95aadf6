using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EventBridge.Api.Tests.Support;

namespace EventBridge.Api.Tests;

/// <summary>The whole support loop on the real worker: a failed intent reaches review, is fixed, retried and applied.</summary>
[TestFixture]
public sealed class When_support_reviews_dead_letters
{
    private ApiWorker _worker = null!;

    [OneTimeSetUp]
    public async Task Start() => _worker = await ApiWorker.StartAsync();

    [OneTimeTearDown]
    public async Task Stop() => await _worker.DisposeAsync();

    [Test]
    public async Task Should_apply_the_edited_code_of_a_retried_letter_and_audit_who_did_it()
    {
        var publisher = _worker.WithApiKey(ApiWorker.PublisherKey);
        var support = await _worker.LoggedInAsync("support", "support-demo");
        var viewer = await _worker.LoggedInAsync("viewer", "viewer-demo");
        var conversationId = await _worker.StartConversationAsync();
        using var submitted = await publisher.PostAsJsonAsync("/api/intents?waitSeconds=30",
            new { conversationId, wrapUpCode = "Resolvd", notes = "typo in the code", disconnect = true });
        var failedIntentId = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("intentId").GetGuid();

        var letterJson = await Eventually.GetAsync(async () =>
        {
            var page = await support.GetFromJsonAsync<JsonElement>($"/api/dead-letters?reason=invalid-code&status=Open");
            var letter = page.GetProperty("items").EnumerateArray()
                .FirstOrDefault(l => l.GetProperty("conversationId").GetString() == conversationId);
            return letter.ValueKind == JsonValueKind.Object ? letter.GetRawText() : null;
        }, TimeSpan.FromSeconds(30), "the failed intent reaches dead-letter review");
        var letterId = JsonDocument.Parse(letterJson).RootElement.GetProperty("id").GetRawText();
        var groups = await viewer.GetFromJsonAsync<JsonElement>("/api/dead-letters/groups");
        var details = await viewer.GetFromJsonAsync<JsonElement>($"/api/dead-letters/{letterId}");

        using var viewerRetry = await viewer.PostAsJsonAsync($"/api/dead-letters/{letterId}/retry", new { wrapUpCode = "Resolved" });
        using var retry = await support.PostAsJsonAsync($"/api/dead-letters/{letterId}/retry",
            new { wrapUpCode = "Resolved", comment = "code name was misspelt" });
        var retriedAs = (await retry.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("retriedAsIntentId").GetGuid();
        using var again = await support.PostAsJsonAsync($"/api/dead-letters/{letterId}/retry", new { });

        var appliedJson = await Eventually.GetAsync(async () =>
        {
            using var reply = await publisher.GetAsync($"/api/intents/{retriedAs}");
            var text = await reply.Content.ReadAsStringAsync();
            return reply.IsSuccessStatusCode && text.Contains("\"status\":\"Applied\"", StringComparison.Ordinal) ? text : null;
        }, TimeSpan.FromSeconds(30), "the retried intent is applied");
        var applied = JsonDocument.Parse(appliedJson).RootElement;
        var audit = await viewer.GetFromJsonAsync<JsonElement>($"/api/audit?deadLetterId={letterId}");
        var retryAudit = audit.EnumerateArray().Single(a => a.GetProperty("action").GetString() == "retry");

        Assert.Multiple(() =>
        {
            Assert.That(groups.EnumerateArray().Select(g => g.GetProperty("reason").GetString()), Does.Contain("invalid-code"));
            Assert.That(details.GetProperty("intent").GetProperty("intentId").GetGuid(), Is.EqualTo(failedIntentId));
            Assert.That(details.GetProperty("intent").GetProperty("failureDetail").GetString(), Does.Contain("Resolvd"));
            Assert.That(viewerRetry.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(retry.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
            Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.Conflict), "a letter is retried once");
            Assert.That(applied.GetProperty("codeName").GetString(), Is.EqualTo("Resolved"));
            Assert.That(applied.GetProperty("notes").GetString(), Is.EqualTo("typo in the code"));
            Assert.That(applied.GetProperty("requestedBy").GetString(), Is.EqualTo("support:support"));
            Assert.That(retryAudit.GetProperty("actor").GetString(), Is.EqualTo("support"));
            Assert.That(retryAudit.GetProperty("comment").GetString(), Is.EqualTo("code name was misspelt"));
            Assert.That(retryAudit.GetProperty("before").ToString(), Does.Contain("Open"));
            Assert.That(retryAudit.GetProperty("after").ToString(), Does.Contain(retriedAs.ToString()));
        });
    }

    [Test]
    public async Task Should_refuse_a_failed_before_time_without_its_zone_saying_what_to_write()
    {
        var support = await _worker.LoggedInAsync("support", "support-demo");
        const string group = "/api/dead-letters/groups/invalid-code";

        using var previewWithoutZone = await support.GetAsync($"{group}/preview?failedBefore=2026-12-07T09:00:00");
        using var discardWithoutZone = await support.PostAsJsonAsync($"{group}/discard", new { expectedCount = 0, failedBefore = "2026-12-07T09:00:00" });
        using var retryUnreadable = await support.PostAsJsonAsync($"{group}/retry", new { expectedCount = 0, failedBefore = "yesterday" });
        using var previewWithZone = await support.GetAsync($"{group}/preview?failedBefore=2026-12-07T09:00:00%2B01:00");

        Assert.Multiple(async () =>
        {
            foreach (var refused in new[] { previewWithoutZone, discardWithoutZone, retryUnreadable })
            {
                Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), refused.RequestMessage!.RequestUri!.ToString());
                Assert.That(await refused.Content.ReadAsStringAsync(), Does.Contain("with its zone, such as 2026-12-07T09:00:00Z"));
            }

            Assert.That(previewWithZone.StatusCode, Is.EqualTo(HttpStatusCode.OK), "a time with its offset is read as given");
        });
    }
}
