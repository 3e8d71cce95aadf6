using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EventBridge.Contracts;
using EventBridge.DeadLetters.Tests.Support;
using EventBridge.Pipeline;

namespace EventBridge.DeadLetters.Tests;

/// <summary>The API as support's browser sees it: real Kestrel, policies, camelCase JSON, problem details.</summary>
[TestFixture(StoreEngine.Sqlite)]
[TestFixture(StoreEngine.Postgres)]
public sealed class When_the_review_is_served_over_http(StoreEngine engine)
{
    private IsolatedVhost _vhost = null!;
    private DeadLetterHost _host = null!;
    private HttpClient _support = null!;
    private HttpClient _viewer = null!;
    private HttpClient _anonymous = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _vhost = await IsolatedVhost.CreateAsync("deadletters-http");
        _host = await DeadLetterHost.StartAsync(_vhost, engine);
        _support = _host.Client("alice", "support");
        _viewer = _host.Client("victor");
        _anonymous = _host.Client(null);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _support.Dispose();
        _viewer.Dispose();
        _anonymous.Dispose();
        await _host.DisposeAsync();
        await _vhost.DeleteAsync();
    }

    [Test]
    public async Task Should_require_a_viewer_to_read_and_support_to_act()
    {
        var letter = await FailedLetterAsync();
        using var anonymous = await _anonymous.GetAsync(new Uri("/api/dead-letters/groups", UriKind.Relative));
        using var viewerReads = await _viewer.GetAsync(new Uri($"/api/dead-letters/{letter}", UriKind.Relative));
        using var viewerActs = await _viewer.PostAsJsonAsync($"/api/dead-letters/{letter}/discard", new { comment = "no" });
        Assert.Multiple(() =>
        {
            Assert.That(anonymous.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(viewerReads.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(viewerActs.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        });
    }

    [Test]
    public async Task Should_list_group_show_retry_and_audit_in_camel_case_json()
    {
        var id = await FailedLetterAsync();

        var groups = await GetJsonAsync("/api/dead-letters/groups");
        var list = await GetJsonAsync($"/api/dead-letters?reason={WrapUpFailureReasons.InvalidCode}&status=open&limit=100");
        var details = await GetJsonAsync($"/api/dead-letters/{id}");
        using var retry = await _support.PostAsJsonAsync($"/api/dead-letters/{id}/retry", new { wrapUpCode = "QA_Review", notes = "fixed", comment = "typo" });
        var retried = await retry.Content.ReadFromJsonAsync<JsonElement>();
        using var again = await _support.PostAsJsonAsync($"/api/dead-letters/{id}/retry", new { });
        var audit = await GetJsonAsync($"/api/audit?deadLetterId={id}");

        Assert.Multiple(async () =>
        {
            var group = groups.EnumerateArray().Single(g => g.GetProperty("reason").GetString() == WrapUpFailureReasons.InvalidCode);
            Assert.That(group.GetProperty("count").GetInt32(), Is.GreaterThanOrEqualTo(1));
            Assert.That(DateTimeOffset.TryParse(group.GetProperty("oldest").GetString(), out _), Is.True, "ISO-8601 times");
            Assert.That(list.GetProperty("items").EnumerateArray().Select(l => l.GetProperty("id").GetInt64()), Does.Contain(id));
            Assert.That(details.GetProperty("deadLetter").GetProperty("status").GetString(), Is.EqualTo("Open"));
            Assert.That(details.GetProperty("deadLetter").GetProperty("headers").GetProperty(PipelineHeaders.FailureReason).GetString(), Is.EqualTo("invalid-code"));
            Assert.That(details.GetProperty("intent").GetProperty("failureReason").GetString(), Is.EqualTo(WrapUpFailureReasons.InvalidCode));
            Assert.That(details.GetProperty("attempts").GetArrayLength(), Is.EqualTo(1));
            Assert.That(details.GetProperty("retryChain")[0].GetProperty("letterStatus").GetString(), Is.EqualTo("Open"));
            Assert.That(retry.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
            Assert.That(retried.GetProperty("deadLetterId").GetInt64(), Is.EqualTo(id));
            var intentId = retried.GetProperty("retriedAsIntentId").GetGuid();
            Assert.That((await _host.ReceivedAsync(i => i.IntentId == intentId, "the retried intent")).WrapUpCode, Is.EqualTo("QA_Review"));
            Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
            Assert.That(again.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
            var problem = await again.Content.ReadFromJsonAsync<JsonElement>();
            Assert.That(problem.GetProperty("title").GetString(), Is.EqualTo("The dead letter is not open"));
            Assert.That(problem.GetProperty("detail").GetString(), Does.Contain(intentId.ToString()));
            var entry = audit.EnumerateArray().Single();
            Assert.That(entry.GetProperty("actor").GetString(), Is.EqualTo("alice"));
            Assert.That(entry.GetProperty("action").GetString(), Is.EqualTo("retry"));
            Assert.That(entry.GetProperty("before").GetProperty("status").GetString(), Is.EqualTo("Open"));
            Assert.That(entry.GetProperty("after").GetProperty("letter").GetProperty("status").GetString(), Is.EqualTo("Retried"));
        });
    }

    [Test]
    public async Task Should_answer_problem_details_for_unknown_ids_bad_edits_and_bad_filters()
    {
        var id = await FailedLetterAsync();
        using var unknown = await _viewer.GetAsync(new Uri("/api/dead-letters/987654321", UriKind.Relative));
        using var emptyCode = await _support.PostAsJsonAsync($"/api/dead-letters/{id}/retry", new { wrapUpCode = "" });
        using var badStatus = await _viewer.GetAsync(new Uri("/api/dead-letters?status=Lost", UriKind.Relative));
        using var noCount = await _support.PostAsJsonAsync($"/api/dead-letters/groups/{WrapUpFailureReasons.InvalidCode}/retry", new { });
        Assert.Multiple(async () =>
        {
            Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That((await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), Does.Contain("987654321"));
            Assert.That(emptyCode.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That((await emptyCode.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), Does.Contain("wrapUpCode"));
            Assert.That(badStatus.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(noCount.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        });
    }

    [Test]
    public async Task Should_retry_a_group_only_with_the_previewed_count()
    {
        const string reason = "error:InvalidOperationException";
        var intent = DeadLetterHost.Intent(FakePipeline.Flaky);
        await _host.SendIntentAsync(intent);
        await _host.LetterOfIntentAsync(intent.IntentId);

        var preview = await GetJsonAsync($"/api/dead-letters/groups/{Uri.EscapeDataString(reason)}/preview");
        var matching = preview.GetProperty("matching").GetInt32();
        using var stale = await _support.PostAsJsonAsync($"/api/dead-letters/groups/{Uri.EscapeDataString(reason)}/retry", new { expectedCount = matching + 1 });
        using var done = await _support.PostAsJsonAsync($"/api/dead-letters/groups/{Uri.EscapeDataString(reason)}/retry", new { expectedCount = matching });
        Assert.Multiple(async () =>
        {
            Assert.That(preview.GetProperty("reason").GetString(), Is.EqualTo(reason));
            Assert.That(matching, Is.EqualTo(1));
            Assert.That(stale.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
            Assert.That((await stale.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("matching").GetInt32(), Is.EqualTo(matching));
            Assert.That(done.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        });
        var started = await done.Content.ReadFromJsonAsync<JsonElement>();
        var progressPath = done.Headers.Location!.OriginalString;
        var finished = await Eventually.GetAsync(async () => await GetJsonAsync(progressPath) is var progress
            && progress.GetProperty("state").GetString() == "Done" ? (object)progress : null, TimeSpan.FromSeconds(30), "the group retry to finish");
        var body = (JsonElement)finished;
        Assert.Multiple(() =>
        {
            Assert.That(progressPath, Is.EqualTo($"/api/dead-letters/group-retries/{started.GetProperty("jobId").GetGuid()}"));
            Assert.That(started.GetProperty("total").GetInt32(), Is.EqualTo(1));
            Assert.That(body.GetProperty("retried").GetInt32(), Is.EqualTo(1));
            Assert.That(body.GetProperty("intentIds").GetArrayLength(), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Should_explain_every_reason_and_refuse_a_group_retry_where_it_cannot_help()
    {
        var reasons = await GetJsonAsync("/api/dead-letters/reasons");
        using var refused = await _support.PostAsJsonAsync($"/api/dead-letters/groups/{WrapUpFailureReasons.AlreadyWrappedUp}/retry", new { expectedCount = 0 });
        var byReason = reasons.EnumerateArray().ToDictionary(r => r.GetProperty("reason").GetString()!);
        Assert.Multiple(async () =>
        {
            Assert.That(byReason.Keys, Is.SupersetOf(WrapUpFailureReasons.All));
            Assert.That(byReason[WrapUpFailureReasons.AlreadyWrappedUp].GetProperty("retry").GetString(), Is.EqualTo("None"));
            Assert.That(byReason[WrapUpFailureReasons.InvalidCode].GetProperty("retry").GetString(), Is.EqualTo("WithEdit"));
            Assert.That(byReason[WrapUpFailureReasons.NotPermitted].GetProperty("canRetryGroup").GetBoolean(), Is.True);
            Assert.That(byReason.Values.All(r => r.GetProperty("whatToDo").GetString()!.Length > 0), Is.True);
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That((await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), Does.Contain("would fail the same way"));
        });
    }

    [Test]
    public async Task Should_restore_over_http_only_for_support()
    {
        var id = await FailedLetterAsync();
        using var discarded = await _support.PostAsJsonAsync($"/api/dead-letters/{id}/discard", new { comment = "by mistake" });
        using var viewerRestore = await _viewer.PostAsJsonAsync($"/api/dead-letters/{id}/restore", new { });
        using var restored = await _support.PostAsJsonAsync($"/api/dead-letters/{id}/restore", new { comment = "undo" });
        Assert.Multiple(async () =>
        {
            Assert.That(discarded.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(viewerRestore.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(restored.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That((await restored.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString(), Is.EqualTo("Open"));
        });
    }

    private async Task<long> FailedLetterAsync()
    {
        var intent = DeadLetterHost.Intent(FakePipeline.InvalidCode);
        await _host.SendIntentAsync(intent);
        return (await _host.LetterOfIntentAsync(intent.IntentId)).Id;
    }

    private async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await _viewer.GetAsync(new Uri(path, UriKind.Relative));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"GET {path}: {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
