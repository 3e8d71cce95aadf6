using System.Net.Http.Json;
using System.Text.Json;

namespace EventBridge.Dashboard.Tests;

/// <summary>
/// A gateway sent a code the org does not have: the intent fails (invalid-code) and its message is dead-lettered.
/// Support finds it on the page, reads what it means, picks a code the queue offers, retries, and watches the new
/// intent get applied. An invalid code needs another code, so a plain retry and a group retry are not offered.
/// </summary>
public sealed class When_an_intent_is_dead_lettered : DashboardTest
{
    private string _conversationId = "";

    [OneTimeSetUp]
    public async Task SubmitAnIntentWithAnUnknownCodeAsync()
    {
        _conversationId = await Stack.StartConversationAsync();
        var intentId = await Stack.SubmitIntentAsync(_conversationId, "Refund_Given", disconnect: false, notes: "customer asked for a refund");
        Assert.That(await Stack.WaitForFinalStatusAsync(intentId, Patience), Is.EqualTo("Failed"));
    }

    [Test]
    public async Task Should_let_support_edit_the_code_retry_it_and_see_it_applied()
    {
        await LoginAsync(DashboardStack.SupportUser, DashboardStack.SupportPassword);

        var group = ById("dead-letter-group").And(Page.Locator("[data-reason='invalid-code']"));
        await Expect(group).ToBeVisibleAsync();
        await group.GetByTestId("dead-letter-group-open").ClickAsync();
        var letter = ById("dead-letter-row").And(Page.Locator($"[data-conversation-id='{_conversationId}']"));
        await letter.ClickAsync();

        var inspect = ById("dead-letter-inspect");
        await Expect(inspect).ToBeVisibleAsync();
        await Expect(ById("inspect-conversation")).ToHaveTextAsync(_conversationId);
        await Expect(ById("inspect-code")).ToHaveTextAsync("Refund_Given");
        await Expect(ById("inspect-failure-reason")).ToHaveTextAsync("invalid-code");
        await Expect(ById("inspect-failure-detail")).ToContainTextAsync("Refund_Given");
        // An unknown code is EventBridge's finding from the catalogue: not labelled as Genesys's answer.
        await Expect(ById("inspect-failure-source")).ToHaveTextAsync("Why it failed · EventBridge's reasoning (no Genesys call was made)");
        await Expect(ById("inspect-advice-title")).ToHaveTextAsync("Code not valid for the agent's queue");
        await Expect(ById("inspect-advice-todo")).ToContainTextAsync("pick it from the queue's codes");
        await Expect(ById("action-retry")).ToBeHiddenAsync();
        await Expect(ById("action-edit-retry")).ToBeVisibleAsync();
        await Expect(ById("action-discard")).ToBeVisibleAsync();
        await Expect(group.GetByTestId("group-retry-all")).ToHaveCountAsync(0);
        await Expect(group.GetByTestId("group-discard-all")).ToBeVisibleAsync();

        await ById("action-edit-retry").ClickAsync();
        // The picker holds the demo queue's codes by name, read from the catalogue: not a free-text field.
        await Expect(ById("edit-code-scope")).ToContainTextAsync("The codes of the agent's queue");
        await Expect(ById("edit-code").Locator("option", new() { HasText = "Resolved" })).ToHaveCountAsync(1);
        await Expect(ById("edit-code-typed-label")).ToBeHiddenAsync();
        await ById("edit-code").SelectOptionAsync(new Microsoft.Playwright.SelectOptionValue { Label = "Resolved" });
        await ScreenshotAsync("dead-letter-inspected", fullPage: true);
        await KeepInDocsAsync(await ScreenshotAsync("dead-letter-view", ById("dead-letters")), "dead-letters.png");
        await ById("edit-confirm").ClickAsync();

        await Expect(ById("retry-result")).ToBeVisibleAsync();
        await Expect(ById("retry-intent-id")).ToHaveTextAsync(GuidPattern);
        var retriedAs = Guid.Parse((await ById("retry-intent-id").TextContentAsync())!);
        await Expect(ById("retry-intent-status")).ToHaveTextAsync("Pending");
        await ScreenshotAsync("dead-letter-retried");

        // The agent was never disconnected (an unknown code fails before that): the customer ends, ACW starts.
        await Stack.CustomerEndsAsync(_conversationId);

        await Expect(ById("retry-intent-status")).ToHaveTextAsync("Applied");
        await ScreenshotAsync("retried-intent-applied", fullPage: true);
        var intent = await Stack.GetIntentAsync(retriedAs);
        Assert.That(intent.GetProperty("codeName").GetString(), Is.EqualTo("Resolved"));
        Assert.That(intent.GetProperty("conversationId").GetString(), Is.EqualTo(_conversationId));
        var oracle = await Stack.Simulator.GetFromJsonAsync<JsonElement>("sim/oracle");
        var wrapups = oracle.GetProperty("wrapups").EnumerateArray()
            .Where(w => w.GetProperty("conversationId").GetString() == _conversationId).ToList();
        Assert.That(wrapups.Select(w => w.GetProperty("codeName").GetString()), Is.EqualTo(new[] { "Resolved" }),
            "Genesys recorded exactly one wrap-up, the corrected code");
    }

    private static readonly System.Text.RegularExpressions.Regex GuidPattern =
        new("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$");
}
