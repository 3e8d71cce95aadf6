namespace EventBridge.Dashboard.Tests;

/// <summary>Viewers see dead letters but cannot act on them: no buttons on the page, and 403 from the API.</summary>
public sealed class When_a_viewer_reviews_dead_letters : DashboardTest
{
    private string _conversationId = "";

    [OneTimeSetUp]
    public async Task SubmitAnIntentWithAnUnknownCodeAsync()
    {
        _conversationId = await Stack.StartConversationAsync();
        var intentId = await Stack.SubmitIntentAsync(_conversationId, "No_Such_Code", disconnect: false);
        Assert.That(await Stack.WaitForFinalStatusAsync(intentId, Patience), Is.EqualTo("Failed"));
    }

    [Test]
    public async Task Should_show_the_letter_without_any_action()
    {
        await LoginAsync(DashboardStack.ViewerUser, DashboardStack.ViewerPassword);

        var group = await OpenTheLetterAsync();

        await Expect(ById("dead-letter-inspect")).ToBeVisibleAsync();
        await Expect(ById("inspect-code")).ToHaveTextAsync("No_Such_Code");
        await Expect(ById("inspect-actions")).ToBeHiddenAsync();
        await Expect(ById("action-retry")).ToBeHiddenAsync();
        await Expect(ById("action-edit-retry")).ToBeHiddenAsync();
        await Expect(ById("action-discard")).ToBeHiddenAsync();
        await Expect(ById("action-restore")).ToBeHiddenAsync();
        // Support sees "Discard all" on every group, whatever its reason: none anywhere on the page proves the role hides it.
        await Expect(group).ToBeVisibleAsync();
        await Expect(ById("group-discard-all")).ToHaveCountAsync(0);
        await Expect(ById("group-retry-all")).ToHaveCountAsync(0);
        await ScreenshotAsync("viewer-dead-letter", fullPage: true);
    }

    [Test]
    public async Task Should_be_refused_by_the_api_when_retrying_anyway()
    {
        await LoginAsync(DashboardStack.ViewerUser, DashboardStack.ViewerPassword);
        await OpenTheLetterAsync();
        var id = await ById("inspect-id").TextContentAsync();

        // The same session cookie the page holds, calling the API directly.
        var retry = await Page.Context.APIRequest.PostAsync($"/api/dead-letters/{id}/retry", new() { DataObject = new { } });
        var retryAll = await Page.Context.APIRequest.PostAsync("/api/dead-letters/groups/invalid-code/retry", new() { DataObject = new { expectedCount = 1 } });
        var discard = await Page.Context.APIRequest.PostAsync($"/api/dead-letters/{id}/discard", new() { DataObject = new { comment = "viewer" } });

        Assert.Multiple(() =>
        {
            Assert.That(retry.Status, Is.EqualTo(403), "retry");
            Assert.That(retryAll.Status, Is.EqualTo(403), "group retry");
            Assert.That(discard.Status, Is.EqualTo(403), "discard");
        });
        await Expect(ById("dead-letter-row").And(Page.Locator($"[data-conversation-id='{_conversationId}']")))
            .ToHaveAttributeAsync("data-status", "open");
    }

    private async Task<Microsoft.Playwright.ILocator> OpenTheLetterAsync()
    {
        var group = ById("dead-letter-group").And(Page.Locator("[data-reason='invalid-code']"));
        await group.GetByTestId("dead-letter-group-open").ClickAsync();
        await ById("dead-letter-row").And(Page.Locator($"[data-conversation-id='{_conversationId}']")).ClickAsync();
        await Expect(ById("dead-letter-inspect")).ToBeVisibleAsync();
        return group;
    }
}
