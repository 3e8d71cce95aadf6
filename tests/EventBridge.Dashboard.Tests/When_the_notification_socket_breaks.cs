using System.Globalization;
using EventBridge.Genesys.Notifications;

namespace EventBridge.Dashboard.Tests;

/// <summary>
/// The simulator breaks the worker's notification socket; the page must show the problem while the worker recovers
/// (the stack delays reconnects by 3–6 s so a 2 s poll sees it) and then show it connected again.
/// </summary>
public sealed class When_the_notification_socket_breaks : DashboardTest
{
    [Test]
    public async Task Should_show_the_drop_and_then_the_reconnected_channel()
    {
        await LoginAsync(DashboardStack.SupportUser, DashboardStack.SupportPassword);
        await Expect(ById("health-status")).ToHaveTextAsync("healthy");
        var row = ById("channel-row").First;
        var reconnectsBefore = await ReadNumberAsync(row.GetByTestId("channel-reconnects"));

        var closed = await DashboardStack.PostAsync(Stack.Simulator, "sim/faults/close-sockets", new { });
        Assert.That(closed.GetProperty("closed").GetInt32(), Is.GreaterThan(0), "the worker had an open notification socket");

        await Expect(ById("health-status")).ToHaveTextAsync("degraded");
        await Expect(row.GetByTestId("channel-connected")).ToHaveAttributeAsync("data-connected", "false");
        await Expect(row.GetByTestId("channel-state")).ToHaveTextAsync("Reconnecting");
        await ScreenshotAsync("socket-dropped", fullPage: true);

        await Expect(row.GetByTestId("channel-connected")).ToHaveAttributeAsync("data-connected", "true");
        await Expect(row.GetByTestId("channel-state")).ToHaveTextAsync("Connected");
        await Expect(row.GetByTestId("channel-reconnects")).ToHaveTextAsync((reconnectsBefore + 1).ToString(CultureInfo.InvariantCulture));
        await Expect(ById("health-status")).ToHaveTextAsync("healthy");
        await ScreenshotAsync("socket-recovered");
    }

    [Test]
    public async Task Should_show_a_new_channel_after_the_old_one_is_evicted()
    {
        await LoginAsync(DashboardStack.SupportUser, DashboardStack.SupportPassword);
        await Expect(ById("health-status")).ToHaveTextAsync("healthy");
        var row = ById("channel-row").First;
        var replacementsBefore = await ReadNumberAsync(row.GetByTestId("channel-replacements"));
        var tagBefore = (await row.GetByTestId("channel-tag").TextContentAsync())!.Trim();
        var channels = await Stack.SimulatorChannelsAsync();
        var connected = channels.EnumerateArray().First(c => c.GetProperty("connected").GetBoolean() && ChannelTag.Of(c.GetProperty("id").GetString()) == tagBefore);
        Assert.That(await Page.ContentAsync(), Does.Not.Contain(connected.GetProperty("id").GetString()), "a channel id is a credential: the page shows its tag");

        await DashboardStack.PostAsync(Stack.Simulator, $"sim/channels/{connected.GetProperty("id").GetString()}/evict", new { });

        await Expect(ById("health-status")).ToHaveTextAsync("degraded");
        await Expect(row.GetByTestId("channel-connected")).ToHaveAttributeAsync("data-connected", "false");
        await Expect(row.GetByTestId("channel-replacements")).ToHaveTextAsync((replacementsBefore + 1).ToString(CultureInfo.InvariantCulture));
        await Expect(row.GetByTestId("channel-connected")).ToHaveAttributeAsync("data-connected", "true");
        await Expect(row.GetByTestId("channel-tag")).Not.ToHaveTextAsync(tagBefore);
        await Expect(ById("health-status")).ToHaveTextAsync("healthy");
        await ScreenshotAsync("channel-replaced");
    }

    private static async Task<int> ReadNumberAsync(Microsoft.Playwright.ILocator cell) =>
        int.Parse((await cell.TextContentAsync())!.Trim(), CultureInfo.InvariantCulture);
}
