namespace EventBridge.Dashboard.Tests;

/// <summary>
/// "Customer says conversation 9f3c… has no disposition, what happened?": the search box takes the conversation id and
/// shows the failed intent with its whole story, each step saying who spoke.
/// </summary>
public sealed class When_support_searches_for_a_conversation : DashboardTest
{
    [Test]
    public async Task Should_find_the_failed_intent_and_its_story_by_the_conversation_id()
    {
        var conversation = await Stack.StartConversationAsync();
        var intent = await Stack.SubmitIntentAsync(conversation, "No_Such_Disposition", disconnect: true);
        Assert.That(await Stack.WaitForFinalStatusAsync(intent, Patience), Is.EqualTo("Failed"));
        await LoginAsync(DashboardStack.ViewerUser, DashboardStack.ViewerPassword);

        await ById("search-input").FillAsync(conversation);
        await ById("search-submit").ClickAsync();

        var story = ById("story");
        await Expect(story).ToHaveCountAsync(1);
        await Expect(story).ToHaveAttributeAsync("data-status", "failed");
        await Expect(story.GetByTestId("story-intent-id")).ToHaveTextAsync(intent.ToString(), new() { Timeout = 5000 });
        await Expect(story.GetByTestId("story-conversation-id")).ToHaveTextAsync(conversation);
        await Expect(story.GetByTestId("story-reason")).ToContainTextAsync("invalid-code");
        await Expect(story.Locator("[data-kind=received]")).ToBeVisibleAsync();
        await Expect(story.Locator("[data-kind=failed]")).ToContainTextAsync("EventBridge");
        await Expect(story.Locator("[data-kind=failed] [data-testid=story-detail]")).ToContainTextAsync("No_Such_Disposition");
        // The letter reaches the review from the error queue moments after the outcome; open results follow the polls.
        await Expect(story.Locator("[data-kind=dead-lettered]")).ToContainTextAsync("invalid-code");
        // An unknown code is refused before any Genesys call: nothing in the story may claim Genesys said so.
        await Expect(story.Locator("[data-kind=genesys-call]")).ToHaveCountAsync(0);

        await KeepInDocsAsync(await ScreenshotAsync("search-story"), "search.png");
        Assert.That(ConsoleErrors, Is.Empty);
    }

    [Test]
    public async Task Should_open_an_intents_story_from_its_row()
    {
        var conversation = await Stack.StartConversationAsync();
        var intent = await Stack.SubmitIntentAsync(conversation, "Resolved", disconnect: true);
        await Stack.WaitForFinalStatusAsync(intent, Patience);
        await LoginAsync(DashboardStack.ViewerUser, DashboardStack.ViewerPassword);

        await ById("intents-body").Locator($"[data-intent-id='{intent}']").ClickAsync();

        await Expect(ById("search-input")).ToHaveValueAsync(intent.ToString());
        await Expect(ById("story")).ToHaveAttributeAsync("data-intent-id", intent.ToString());
        await Expect(ById("story").Locator("[data-kind=applied]")).ToContainTextAsync("Resolved");
        await Expect(ById("story").Locator("[data-kind=accepted]")).ToContainTextAsync("the caller was told");
        // The wrap-up call and the disconnect got Genesys's answers: labelled as Genesys's.
        await Expect(ById("story").Locator("[data-kind=genesys-call][data-source=genesys]").First).ToContainTextAsync("Genesys answered");
    }

    [Test]
    public async Task Should_say_plainly_when_nothing_matches()
    {
        await LoginAsync(DashboardStack.ViewerUser, DashboardStack.ViewerPassword);

        await ById("search-input").FillAsync("conversation-nobody-has");
        await ById("search-submit").ClickAsync();

        await Expect(ById("search-summary")).ToContainTextAsync("Nothing found for conversation-nobody-has");
        await Expect(ById("story")).ToHaveCountAsync(0);
    }
}
