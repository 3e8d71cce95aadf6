using EventBridge.Genesys.Simulator.Organization;

namespace EventBridge.Dashboard.Tests;

/// <summary>
/// Genesys answered the call that decided the failure (a read answered 404): the letter and the story say so in
/// Genesys's own words — status, code, message and the contextId Genesys support asks for — labelled as Genesys's.
/// The gateway asked for the code by its id: the list names it.
/// </summary>
public sealed class When_genesys_refused_the_intent : DashboardTest
{
    [Test]
    public async Task Should_show_genesys_answer_as_genesys_said_it_and_name_the_code()
    {
        var conversation = Guid.NewGuid().ToString();
        var intent = await Stack.SubmitIntentAsync(conversation, SeedData.ResolvedCodeId, disconnect: false);
        Assert.That(await Stack.WaitForFinalStatusAsync(intent, Patience), Is.EqualTo("Failed"));
        await LoginAsync(DashboardStack.ViewerUser, DashboardStack.ViewerPassword);

        var group = ById("dead-letter-group").And(Page.Locator("[data-reason='conversation-not-found']"));
        await group.GetByTestId("dead-letter-group-open").ClickAsync();
        var letter = ById("dead-letter-row").And(Page.Locator($"[data-conversation-id='{conversation}']"));
        await Expect(letter.GetByTestId("dead-letter-code")).ToHaveTextAsync($"Resolved ({SeedData.ResolvedCodeId})");
        await letter.ClickAsync();

        await Expect(ById("inspect-failure-source")).ToContainTextAsync(
            $"Why it failed · Genesys answered 404 conversation.error.conversation.not.found to read: “Conversation {conversation} was not found.” (contextId ");
        await ById("search-input").FillAsync(conversation);
        await ById("search-submit").ClickAsync();
        var read = ById("story").Locator("[data-kind=genesys-call][data-source=genesys]");
        await Expect(read).ToContainTextAsync("read: refused 404 conversation.error.conversation.not.found");
        await Expect(read.GetByTestId("story-detail")).ToContainTextAsync($"Genesys said: Conversation {conversation} was not found.");
        await Expect(read.GetByTestId("story-detail")).ToContainTextAsync("contextId (quote it to Genesys support): ");
        Assert.That(ConsoleErrors, Is.Empty);
    }
}
