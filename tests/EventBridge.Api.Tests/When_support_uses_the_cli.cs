using System.Net.Http.Json;
using System.Text.Json;
using EventBridge.Api.Tests.Support;
using EventBridge.Cli;

namespace EventBridge.Api.Tests;

/// <summary>
/// The <c>eventbridge</c> CLI against a real worker: search and story, a letter's advice, a retry with another code
/// that lands, a paced group retry after a preview, discard and restore, and the exit codes a script branches on.
/// </summary>
[TestFixture]
public sealed class When_support_uses_the_cli
{
    private const string SupportKey = "support-cli-key-0123456789";
    private const string ViewerKey = "viewer-cli-key-0123456789";

    private ApiWorker _worker = null!;
    private HttpClient _publisher = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _worker = await ApiWorker.StartAsync(new Dictionary<string, string?>
        {
            ["Auth:DemoLogins"] = "true",
            ["Auth:ApiKeys:0:Name"] = "support-script",
            ["Auth:ApiKeys:0:Key"] = SupportKey,
            ["Auth:ApiKeys:0:Role"] = "support",
            ["Auth:ApiKeys:1:Name"] = "viewer-script",
            ["Auth:ApiKeys:1:Key"] = ViewerKey,
            ["Auth:ApiKeys:1:Role"] = "viewer",
            ["DeadLetters:GroupRetryInterval"] = "00:00:00.200",
        });
        _publisher = _worker.WithApiKey(ApiWorker.PublisherKey);
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        _publisher.Dispose();
        await _worker.DisposeAsync();
    }

    [Test]
    public async Task Should_find_a_failed_intent_read_its_advice_and_land_it_with_another_code()
    {
        var conversationId = await _worker.StartConversationAsync();
        var failed = await SubmitAsync(conversationId, "Resolvd");
        var letterId = await LetterOfAsync(conversationId, "invalid-code");

        var search = await RunAsync(ViewerKey, "search", conversationId);
        var searchJson = await RunAsync(ViewerKey, "search", conversationId, "-o", "json");
        var story = await RunAsync(ViewerKey, "show", failed.ToString());
        var failures = await RunAsync(ViewerKey, "intents", "--status", "Failed", "--code", "Resolvd", "--conversation-id", conversationId, "-o", "json");
        var badFilter = await RunAsync(ViewerKey, "intents", "--from", "yesterday");
        var letter = await RunAsync(ViewerKey, "letter", letterId.ToString());
        var codes = await RunAsync(ViewerKey, "codes", letterId.ToString());
        var asViewer = await RunAsync(ViewerKey, "retry", letterId.ToString(), "--code", "Resolved");
        var asIs = await RunAsync(SupportKey, "retry", letterId.ToString());
        var retried = await RunAsync(SupportKey, "retry", letterId.ToString(), "--code", "Resolved", "--comment", "typo", "-o", "json");
        var retriedAs = JsonDocument.Parse(retried.Output).RootElement.GetProperty("retriedAsIntentId").GetGuid();
        var again = await RunAsync(SupportKey, "retry", letterId.ToString(), "--code", "Resolved");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(search.ExitCode, Is.EqualTo(ExitCodes.Ok), search.Error);
            Assert.That(search.Output, Does.Contain(failed.ToString()).And.Contain("invalid-code").And.Contain(conversationId), "full ids in the table");
            Assert.That(JsonDocument.Parse(searchJson.Output).RootElement.GetProperty("intents")[0].GetProperty("intent").GetProperty("intentId").GetGuid(),
                Is.EqualTo(failed), "-o json prints the API's answer");
            Assert.That(JsonDocument.Parse(failures.Output).RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("intentId").GetGuid()),
                Is.EqualTo(new[] { failed }), "intents filtered by status, code and conversation");
            Assert.That(badFilter.ExitCode, Is.EqualTo(ExitCodes.Refused));
            Assert.That(badFilter.Error, Does.Contain("zone"), "what to write instead");
            Assert.That(story.Output, Does.Contain("EventBridge").And.Contain("Resolvd"), "the story says who decided, and about what");
            Assert.That(letter.Output, Does.Contain("What to do:").And.Contain("only with another code"));
            Assert.That(codes.Output, Does.Contain("Resolved").And.Contain("queue"), "the codes the agent's queue offers, to pick one for --code");
            Assert.That(asViewer.ExitCode, Is.EqualTo(ExitCodes.NotAllowed), "a viewer's key may read, not act");
            Assert.That(asIs.ExitCode, Is.EqualTo(ExitCodes.Refused), "the same unknown code cannot land: refused, not sent");
            Assert.That(asIs.Error, Does.Contain("400"));
            Assert.That(retried.ExitCode, Is.EqualTo(ExitCodes.Ok), retried.Error);
            Assert.That(again.ExitCode, Is.EqualTo(ExitCodes.Refused), "a letter is retried once");
        }

        var applied = await Eventually.GetAsync(async () =>
        {
            var intent = await _publisher.GetFromJsonAsync<JsonElement>($"/api/intents/{retriedAs}");
            return intent.GetProperty("status").GetString() == "Applied" ? intent.GetProperty("codeName").GetString() : null;
        }, TimeSpan.FromSeconds(30), "the retried intent is applied");
        Assert.That(applied, Is.EqualTo("Resolved"));
        // Genesys's answers name the code by id: the table names it, as the dashboard does.
        var appliedStory = await RunAsync(ViewerKey, "show", retriedAs.ToString());
        Assert.That(appliedStory.Output, Does.Contain($"Resolved ({Genesys.Simulator.Organization.SeedData.ResolvedCodeId})"), appliedStory.Output);
    }

    [Test]
    public async Task Should_retry_a_group_only_at_the_previewed_count_and_follow_it_to_the_end()
    {
        var conversations = new List<string>();
        await SetWrapUpPermissionAsync("Reject403");
        try
        {
            for (var i = 0; i < 2; i++)
            {
                conversations.Add(await _worker.StartConversationAsync());
                await SubmitAsync(conversations[^1], "Resolved");
            }
        }
        finally
        {
            await SetWrapUpPermissionAsync("Allow");
        }

        foreach (var conversationId in conversations) await LetterOfAsync(conversationId, "not-permitted");
        var preview = await RunAsync(ViewerKey, "preview", "not-permitted", "-o", "json");
        var matching = JsonDocument.Parse(preview.Output).RootElement.GetProperty("matching").GetInt32();
        var stale = await RunAsync(SupportKey, "retry-group", "not-permitted", "--expect", (matching + 1).ToString());
        var missing = await RunAsync(SupportKey, "retry-group", "not-permitted");
        var done = await RunAsync(SupportKey, "retry-group", "not-permitted", "--expect", matching.ToString(), "--wait", "--comment", "role fixed");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(matching, Is.EqualTo(2));
            Assert.That(stale.ExitCode, Is.EqualTo(ExitCodes.Refused), "the group changed since the preview: nothing is sent");
            Assert.That(missing.ExitCode, Is.EqualTo(ExitCodes.Usage), "--expect is required");
            Assert.That(done.ExitCode, Is.EqualTo(ExitCodes.Ok), done.Error);
            Assert.That(done.Output, Does.Contain("Done, retried 2 of 2"));
        }

        foreach (var conversationId in conversations)
        {
            var status = await Eventually.GetAsync(async () =>
            {
                var page = await _publisher.GetFromJsonAsync<JsonElement>($"/api/intents?conversationId={conversationId}&status=Applied");
                return page.GetProperty("items").GetArrayLength() == 1 ? "Applied" : null;
            }, TimeSpan.FromSeconds(30), $"the retried intent of {conversationId} is applied");
            Assert.That(status, Is.EqualTo("Applied"));
        }
    }

    [Test]
    public async Task Should_discard_and_restore_a_letter_and_answer_exit_codes_a_script_can_use()
    {
        var conversationId = await _worker.StartConversationAsync();
        await SubmitAsync(conversationId, "No_Such_Code");
        var letterId = await LetterOfAsync(conversationId, "invalid-code");

        var olderThan2020 = await RunAsync(ViewerKey, "preview", "invalid-code", "--failed-before", "2020-01-01T00:00:00Z", "-o", "json");
        var noneDiscarded = await RunAsync(SupportKey, "discard-group", "invalid-code", "--expect", "0", "--failed-before", "2020-01-01T00:00:00Z");
        var badTime = await RunAsync(SupportKey, "discard-group", "invalid-code", "--expect", "0", "--failed-before", "last week");
        var discarded = await RunAsync(SupportKey, "discard", letterId.ToString(), "--comment", "duplicate ticket");
        var archived = await RunAsync(ViewerKey, "letters", "--status", "Archived", "-o", "json");
        var restored = await RunAsync(SupportKey, "restore", letterId.ToString());
        var unknownIntent = await RunAsync(ViewerKey, "show", Guid.NewGuid().ToString());
        var nothingFound = await RunAsync(ViewerKey, "search", "conversation-nobody-has");
        var nothingFoundJson = await RunAsync(ViewerKey, "search", "conversation-nobody-has", "-o", "json");
        var noKey = await RunAsync(null, "letters");
        var unreachable = await RunAsync(ViewerKey, "letters", "--url", "http://127.0.0.1:9");
        var notAnId = await RunAsync(ViewerKey, "show", "not-a-guid");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(JsonDocument.Parse(olderThan2020.Output).RootElement.GetProperty("matching").GetInt32(), Is.Zero, "no letter failed before 2020");
            Assert.That(noneDiscarded.Output, Does.Contain("Discarded 0 of 0"), noneDiscarded.Error);
            Assert.That(badTime.ExitCode, Is.EqualTo(ExitCodes.Usage));
            Assert.That(discarded.ExitCode, Is.EqualTo(ExitCodes.Ok), discarded.Error);
            Assert.That(discarded.Output, Does.Contain("Archived"));
            Assert.That(JsonDocument.Parse(archived.Output).RootElement.GetProperty("items").EnumerateArray().Select(l => l.GetProperty("id").GetInt64()),
                Does.Contain(letterId));
            Assert.That(restored.ExitCode, Is.EqualTo(ExitCodes.Ok), restored.Error);
            Assert.That(restored.Output, Does.Contain("Open"));
            Assert.That(unknownIntent.ExitCode, Is.EqualTo(ExitCodes.NotFound));
            Assert.That(nothingFound.ExitCode, Is.EqualTo(ExitCodes.NotFound));
            Assert.That(nothingFoundJson.ExitCode, Is.EqualTo(ExitCodes.NotFound), "the same exit code whatever the format");
            Assert.That(noKey.ExitCode, Is.EqualTo(ExitCodes.NotAllowed));
            Assert.That(unreachable.ExitCode, Is.EqualTo(ExitCodes.Unavailable));
            Assert.That(unreachable.Error, Does.Contain("not reachable"));
            Assert.That(notAnId.ExitCode, Is.EqualTo(ExitCodes.Usage));
        }
    }

    private sealed record CliRun(int ExitCode, string Output, string Error);

    private async Task<CliRun> RunAsync(string? key, params string[] args)
    {
        var all = new List<string>(args);
        if (!all.Contains("--url")) all.AddRange(["--url", _worker.BaseUrl.ToString()]);
        if (key is not null) all.AddRange(["--api-key", key]);
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await SupportCli.RunAsync([.. all], output, error, CancellationToken.None);
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }

    private async Task<Guid> SubmitAsync(string conversationId, string code)
    {
        using var response = await _publisher.PostAsJsonAsync("/api/intents?waitSeconds=30", new { conversationId, wrapUpCode = code, disconnect = true });
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(answer.GetProperty("intent").GetProperty("status").GetString(), Is.EqualTo("Failed"), answer.GetRawText());
        return answer.GetProperty("intentId").GetGuid();
    }

    private async Task<long> LetterOfAsync(string conversationId, string reason) =>
        long.Parse(await Eventually.GetAsync(async () =>
        {
            using var viewer = new HttpClient { BaseAddress = _worker.BaseUrl };
            viewer.DefaultRequestHeaders.Add(SupportApi.ApiKeyHeader, ViewerKey);
            var page = await viewer.GetFromJsonAsync<JsonElement>($"/api/dead-letters?reason={reason}&status=Open");
            var letter = page.GetProperty("items").EnumerateArray().FirstOrDefault(l => l.GetProperty("conversationId").GetString() == conversationId);
            return letter.ValueKind == JsonValueKind.Object ? letter.GetProperty("id").GetRawText() : null;
        }, TimeSpan.FromSeconds(30), $"the letter of {conversationId} reaches review"), System.Globalization.CultureInfo.InvariantCulture);

    private async Task SetWrapUpPermissionAsync(string behaviour)
    {
        using var simulator = new HttpClient { BaseAddress = _worker.SimulatorUrl };
        using var response = await simulator.PutAsJsonAsync("sim/options", new
        {
            communicationWrapupWithClientCredentials = behaviour,
            participantPatchWrapupWithClientCredentials = behaviour,
        });
        Assert.That(response.IsSuccessStatusCode, Is.True, await response.Content.ReadAsStringAsync());
    }
}
