namespace EventBridge.Dashboard.Tests;

/// <summary>
/// "Which intents failed with this code this morning?": the intents list filters by status, code and time received,
/// pages through more than one page, and shows full ids with a copy button that does not open the story.
/// </summary>
public sealed class When_support_filters_the_intents : DashboardTest
{
    [Test]
    public async Task Should_filter_by_status_code_and_time_and_page_through_every_match_once()
    {
        // A code no catalogue has fails at intake without a Genesys call: 21 of them cost the budget nothing.
        var code = $"Filter_Probe_{Guid.NewGuid():N}"[..26];
        var submitted = new List<Guid>();
        for (var i = 0; i < 21; i++) submitted.Add(await Stack.SubmitIntentAsync(await Stack.StartConversationAsync(), code, disconnect: false));
        foreach (var intent in submitted) Assert.That(await Stack.WaitForFinalStatusAsync(intent, Patience), Is.EqualTo("Failed"));
        await LoginAsync(DashboardStack.ViewerUser, DashboardStack.ViewerPassword);

        // The first poll's panels above the list must have drawn: a click computed before they grow lands elsewhere.
        await Expect(ById("intents-page")).ToContainTextAsync("Page 1");
        await Expect(ById("health-updated")).Not.ToHaveTextAsync("–");
        await ById("filter-status").SelectOptionAsync("Failed");
        await ById("filter-code").FillAsync(code);
        await ById("filter-code").PressAsync("Enter");
        var rows = ById("intents-body").GetByTestId("intent-row");
        await Expect(ById("intents-page")).ToContainTextAsync("Page 1, filtered: 20 intents");
        var firstPage = await IntentIdsAsync(rows);
        await Expect(rows.First.GetByTestId("intent-intent-id")).ToHaveTextAsync(firstPage[0].ToString(), new() { Timeout = 5000 });
        await Expect(ById("intents-newer")).ToBeDisabledAsync();

        await ById("intents-older").ClickAsync();
        await Expect(ById("intents-page")).ToContainTextAsync("Page 2, filtered: 1 intent");
        var secondPage = await IntentIdsAsync(rows);
        await Expect(ById("intents-older")).ToBeDisabledAsync();
        Assert.That(firstPage.Concat(secondPage), Is.EquivalentTo(submitted), "every match once, over two pages");

        // Copying an id must not open the story the row opens.
        await rows.First.GetByTestId("copy-id").First.ClickAsync();
        await Expect(ById("search-results")).ToBeHiddenAsync();

        await ById("intents-newer").ClickAsync();
        await Expect(ById("intents-page")).ToContainTextAsync("Page 1, filtered: 20 intents");
        await ById("filter-to").FillAsync("2020-01-01T00:00");
        await ById("filter-apply").ClickAsync();
        await Expect(ById("intents-body")).ToContainTextAsync("No intent matches these filters.");

        await ById("filter-clear").ClickAsync();
        await Expect(ById("intents-page")).Not.ToContainTextAsync("filtered");
        Assert.That(ConsoleErrors, Is.Empty);
    }

    private static async Task<List<Guid>> IntentIdsAsync(Microsoft.Playwright.ILocator rows)
    {
        var ids = new List<Guid>();
        foreach (var row in await rows.AllAsync()) ids.Add(Guid.Parse((await row.GetAttributeAsync("data-intent-id"))!));
        return ids;
    }
}
