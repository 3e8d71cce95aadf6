using System.Text.RegularExpressions;

namespace EventBridge.Dashboard.Tests;

public sealed partial class When_the_channels_are_healthy : DashboardTest
{

    /// <summary>Some traffic first, so the counts, the table, the plots and the dead letters have something to show.</summary>
    [OneTimeSetUp]
    public async Task SubmitSomeIntentsAsync()
    {
        var intents = new List<Guid>();
        foreach (var code in new[] { "Resolved", "QA_Review", "Escalated", "Resolved", "Resolved", "QA_Review" })
            intents.Add(await Stack.SubmitIntentAsync(await Stack.StartConversationAsync(), code, disconnect: true));
        intents.Add(await Stack.SubmitIntentAsync(await Stack.StartConversationAsync(), "Refund_Given", disconnect: true));
        foreach (var intent in intents) await Stack.WaitForFinalStatusAsync(intent, Patience);
    }

    [Test]
    public async Task Should_show_every_channel_connected_with_a_live_heartbeat_age()
    {
        await LoginAsync(DashboardStack.SupportUser, DashboardStack.SupportPassword);

        await Expect(ById("health-status")).ToHaveTextAsync("healthy");
        var rows = ById("channel-row");
        await Expect(rows.First).ToBeVisibleAsync();
        var badges = ById("channel-connected");
        for (var i = 0; i < await badges.CountAsync(); i++)
        {
            await Expect(badges.Nth(i)).ToHaveTextAsync("connected");
            await Expect(badges.Nth(i)).ToHaveAttributeAsync("data-connected", "true");
        }

        await Expect(rows.First.GetByTestId("channel-state")).ToHaveTextAsync("Connected");
        Assert.That(int.Parse(await rows.First.GetByTestId("channel-topics").TextContentAsync() ?? "0", System.Globalization.CultureInfo.InvariantCulture),
            Is.GreaterThan(0), "the demo queue's topics are subscribed");
        var age = rows.First.GetByTestId("channel-heartbeat-age");
        await Expect(age).ToHaveTextAsync(SecondsPattern());
        var before = await age.TextContentAsync();
        // The age moves on every second between polls, and drops back when the next heartbeat (every 5 s) arrives.
        await Expect(age).Not.ToHaveTextAsync(before!, new() { Timeout = 5000 });
    }

    [Test]
    public async Task Should_show_the_intents_the_plots_and_the_dead_letters()
    {
        await LoginAsync(DashboardStack.SupportUser, DashboardStack.SupportPassword);

        await Expect(ById("count-applied")).Not.ToHaveTextAsync(new Regex("^[–0]$"));
        await Expect(ById("intent-row").First).ToBeVisibleAsync();
        await Expect(ById("intents-body").Locator("[data-status=applied]").First).ToBeVisibleAsync();
        await Expect(ById("plot-outcomes").Locator("rect.applied").First).ToBeAttachedAsync();
        await Expect(ById("plot-latency").Locator("circle.p50").First).ToBeAttachedAsync();
        await Expect(ById("dead-letter-group").First).ToBeVisibleAsync();
        await Expect(ById("health-status")).ToHaveTextAsync("healthy");
        await Expect(ById("store-row").Locator("[data-testid=store-bytes]").First).ToHaveTextAsync(new Regex(@"^\d+(\.\d)? (B|KiB|MiB|GiB)$"));
        await Expect(ById("store-sizes").Locator("[data-store='dead letters']")).ToContainTextAsync("audit_entries");
        await Expect(ById("retention-age").First).ToContainTextAsync("finished intents: kept 30 days");
        // A letter open in the review panel, as support would have it.
        await ById("dead-letter-group").First.GetByTestId("dead-letter-group-open").ClickAsync();
        await ById("dead-letter-row").First.ClickAsync();
        await Expect(ById("dead-letter-inspect")).ToBeVisibleAsync();
        // One more poll after the last change, so the picture is settled.
        var updated = await ById("health-updated").TextContentAsync();
        await Expect(ById("health-updated")).Not.ToHaveTextAsync(updated!);

        await KeepInDocsAsync(await ScreenshotAsync("healthy-dashboard", fullPage: true), "dashboard.png");

        Assert.That(ConsoleErrors, Is.Empty, "the page logged errors (a CSP violation or a script error)");
    }

    [GeneratedRegex(@"^\d+ s$")]
    private static partial Regex SecondsPattern();
}
