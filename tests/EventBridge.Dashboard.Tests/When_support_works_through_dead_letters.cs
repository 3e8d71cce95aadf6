using System.Net.Http.Json;
using System.Text.Json;

namespace EventBridge.Dashboard.Tests;

/// <summary>
/// Support acts only where it helps: a group whose cause went away is retried as a whole, paced, with its progress on
/// the page; a letter a retry cannot help offers discard only, in plain words, with the code's name; a discarded
/// letter comes back from the archive.
/// </summary>
public sealed class When_support_works_through_dead_letters : DashboardTest
{
    [Test]
    public async Task Should_retry_a_group_paced_with_progress_once_its_cause_is_fixed()
    {
        // The org refuses both wrap-up calls to the client: each intent fails not-permitted, its agent left in ACW.
        var conversations = new List<string>();
        await SetWrapUpPermissionAsync("Reject403");
        try
        {
            for (var i = 0; i < 3; i++)
            {
                var conversationId = await Stack.StartConversationAsync();
                conversations.Add(conversationId);
                var intentId = await Stack.SubmitIntentAsync(conversationId, "Resolved", disconnect: true);
                Assert.That(await Stack.WaitForFinalStatusAsync(intentId, Patience), Is.EqualTo("Failed"));
            }
        }
        finally
        {
            await SetWrapUpPermissionAsync("Allow"); // the role was fixed: a retry can land now
        }

        await LoginAsync(DashboardStack.SupportUser, DashboardStack.SupportPassword);
        var group = ById("dead-letter-group").And(Page.Locator("[data-reason='not-permitted']"));
        await Expect(group.GetByTestId("dead-letter-group-count")).ToHaveTextAsync("3");
        await Expect(group.GetByTestId("dead-letter-group-title")).ToHaveTextAsync("Not permitted");
        await group.GetByTestId("dead-letter-group-open").ClickAsync();
        await Expect(ById("dead-letters-count")).ToHaveTextAsync("Showing 3 of 3 open letters.");

        await group.GetByTestId("group-retry-all").ClickAsync();
        await Expect(ById("retry-all-panel")).ToHaveAttributeAsync("data-matching", "3");
        await Expect(ById("retry-all-preview")).ToHaveTextAsync("Retry 3 open dead letters with reason not-permitted?");
        await ScreenshotAsync("group-retry-preview");
        await ById("retry-all-confirm").ClickAsync();

        var progress = ById("group-retry-progress");
        await Expect(progress).ToHaveAttributeAsync("data-state", "running");
        await KeepInDocsAsync(await ScreenshotAsync("group-retry-running", ById("dead-letters")), "dead-letters-group-retry.png");
        await Expect(progress).ToHaveAttributeAsync("data-state", "done");
        await Expect(progress).ToHaveAttributeAsync("data-retried", "3");
        await Expect(ById("group-retry-counts")).ToHaveTextAsync("3 of 3 sent");
        await Expect(ById("dead-letter-group").And(Page.Locator("[data-reason='not-permitted']"))).ToHaveCountAsync(0);

        var jobs = await (await Page.Context.APIRequest.GetAsync("/api/dead-letters/group-retries")).JsonAsync();
        var job = jobs!.Value.EnumerateArray().First(j => j.GetProperty("reason").GetString() == "not-permitted");
        var sent = job.GetProperty("sentAt").EnumerateArray().Select(t => t.GetDateTimeOffset()).ToList();
        Assert.That(sent.Zip(sent.Skip(1), (a, b) => b - a), Has.All.GreaterThanOrEqualTo(TimeSpan.FromSeconds(0.9)),
            "one letter per DeadLetters:GroupRetryInterval (1 s by default), never all at once");
        foreach (var intentId in job.GetProperty("intentIds").EnumerateArray().Select(i => i.GetGuid()))
            Assert.That(await Stack.WaitForFinalStatusAsync(intentId, Patience), Is.EqualTo("Applied"));
        var oracle = await Stack.Simulator.GetFromJsonAsync<JsonElement>("sim/oracle");
        foreach (var conversationId in conversations)
            Assert.That(oracle.GetProperty("wrapups").EnumerateArray().Where(w => w.GetProperty("conversationId").GetString() == conversationId)
                .Select(w => w.GetProperty("codeName").GetString()), Is.EqualTo(new[] { "Resolved" }), $"one wrap-up for {conversationId}");
    }

    [Test]
    public async Task Should_offer_only_discard_where_a_retry_cannot_help_and_name_the_code()
    {
        var conversationId = await AlreadyWrappedUpAsync();
        await LoginAsync(DashboardStack.SupportUser, DashboardStack.SupportPassword);

        await OpenLetterAsync("already-wrapped-up", conversationId);

        await Expect(ById("inspect-advice-title")).ToHaveTextAsync("The agent already has a code");
        await Expect(ById("inspect-advice-what")).ToContainTextAsync("never overwrites");
        // Genesys reports the agent's code by id: the name stands beside it.
        await Expect(ById("inspect-failure-detail")).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"code Resolved \([0-9a-f-]{36}\)"));
        await Expect(ById("action-discard")).ToBeVisibleAsync();
        await Expect(ById("action-retry")).ToBeHiddenAsync();
        await Expect(ById("action-edit-retry")).ToBeHiddenAsync();
        var group = ById("dead-letter-group").And(Page.Locator("[data-reason='already-wrapped-up']"));
        await Expect(group.GetByTestId("group-retry-all")).ToHaveCountAsync(0);
        await KeepInDocsAsync(await ScreenshotAsync("no-retry-offered", ById("dead-letters")), "dead-letters-discard-only.png");

        var id = await ById("inspect-id").TextContentAsync();
        var forced = await Page.Context.APIRequest.PostAsync($"/api/dead-letters/{id}/retry", new() { DataObject = new { wrapUpCode = "QA_Review" } });
        Assert.That(forced.Status, Is.EqualTo(400), "the API refuses what the page does not offer");
    }

    [Test]
    public async Task Should_restore_a_discarded_letter_from_the_archive()
    {
        var conversationId = await AlreadyWrappedUpAsync();
        await LoginAsync(DashboardStack.SupportUser, DashboardStack.SupportPassword);
        await OpenLetterAsync("already-wrapped-up", conversationId);
        var id = await ById("inspect-id").TextContentAsync();

        await ById("action-discard").ClickAsync();
        await ById("discard-comment").FillAsync("looked handled");
        await ById("discard-confirm").ClickAsync();
        await Expect(ById("inspect-status")).ToHaveTextAsync("Archived");
        await Expect(ById("action-restore")).ToBeVisibleAsync();
        await Expect(ById("action-discard")).ToBeHiddenAsync();

        await ById("show-archive").ClickAsync();
        var row = ById("dead-letter-row").And(Page.Locator($"[data-id='{id}']"));
        await Expect(row).ToHaveAttributeAsync("data-status", "archived");
        await row.ClickAsync();
        await ById("action-restore").ClickAsync();

        await Expect(ById("inspect-status")).ToHaveTextAsync("Open");
        await Expect(ById("action-discard")).ToBeVisibleAsync();
        await Expect(ById("inspect-audit-entry").First).ToContainTextAsync("restore");
        await ScreenshotAsync("restored", fullPage: true);
        var letter = await (await Page.Context.APIRequest.GetAsync($"/api/dead-letters/{id}")).JsonAsync();
        Assert.That(letter!.Value.GetProperty("deadLetter").GetProperty("status").GetString(), Is.EqualTo("Open"));
    }

    [Test]
    public async Task Should_discard_a_group_only_as_far_as_its_time_filter_reaches()
    {
        var conversationId = await AlreadyWrappedUpAsync();
        await LoginAsync(DashboardStack.SupportUser, DashboardStack.SupportPassword);
        var group = ById("dead-letter-group").And(Page.Locator("[data-reason='already-wrapped-up']"));
        await group.GetByTestId("group-discard-all").ClickAsync();
        await Expect(ById("discard-all-panel")).Not.ToHaveAttributeAsync("data-matching", "0");

        // Letters that failed before 2020: none. The count is previewed again for the narrower group.
        await ById("discard-all-before").FillAsync("2020-01-01T00:00");
        await Expect(ById("discard-all-preview")).ToHaveTextAsync(
            "Discard 0 open dead letters with reason already-wrapped-up that failed before 2020-01-01 00:00:00Z?");
        await ById("discard-all-confirm").ClickAsync();

        await Expect(ById("message")).ToContainTextAsync("Discarded 0 dead letters of already-wrapped-up");
        var page = await (await Page.Context.APIRequest.GetAsync("/api/dead-letters?reason=already-wrapped-up&status=Open")).JsonAsync();
        Assert.That(page!.Value.GetProperty("items").EnumerateArray().Select(l => l.GetProperty("conversationId").GetString()), Does.Contain(conversationId),
            "a letter that failed after the filter's time stays Open");
    }

    /// <summary>The agent picks Resolved in ACW; then the gateway's intent for another code arrives and fails.</summary>
    private static async Task<string> AlreadyWrappedUpAsync()
    {
        var conversationId = await Stack.StartConversationAsync();
        await Stack.CustomerEndsAsync(conversationId);
        await Eventually.GetAsync(() => AgentInAcwAsync(conversationId), Patience, $"the agent of {conversationId} in ACW");
        await DashboardStack.PostAsync(Stack.Simulator, $"sim/conversations/{conversationId}/wrapup", new { code = "Resolved" });
        var intentId = await Stack.SubmitIntentAsync(conversationId, "QA_Review", disconnect: false);
        Assert.That(await Stack.WaitForFinalStatusAsync(intentId, Patience), Is.EqualTo("Failed"));
        return conversationId;
    }

    private static async Task<string?> AgentInAcwAsync(string conversationId)
    {
        var conversation = await Stack.Simulator.GetFromJsonAsync<JsonElement>($"sim/conversations/{conversationId}");
        return conversation.GetProperty("participants").EnumerateArray()
            .Any(p => p.GetProperty("purpose").GetString() == "agent" && p.GetProperty("acwState").GetString() == "pending") ? conversationId : null;
    }

    private async Task OpenLetterAsync(string reason, string conversationId)
    {
        await ById("dead-letter-group").And(Page.Locator($"[data-reason='{reason}']")).GetByTestId("dead-letter-group-open").ClickAsync();
        await ById("dead-letter-row").And(Page.Locator($"[data-conversation-id='{conversationId}']")).ClickAsync();
        await Expect(ById("dead-letter-inspect")).ToBeVisibleAsync();
    }

    private static async Task SetWrapUpPermissionAsync(string behaviour)
    {
        using var response = await Stack.Simulator.PutAsJsonAsync("sim/options", new
        {
            communicationWrapupWithClientCredentials = behaviour,
            participantPatchWrapupWithClientCredentials = behaviour,
        });
        Assert.That(response.IsSuccessStatusCode, Is.True, await response.Content.ReadAsStringAsync());
    }
}
