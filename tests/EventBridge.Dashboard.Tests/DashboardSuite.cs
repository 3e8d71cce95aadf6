using Microsoft.Playwright;

namespace EventBridge.Dashboard.Tests;

/// <summary>One worker and one browser for every test in this project: starting them is the slow part.</summary>
[SetUpFixture]
public sealed class DashboardSuite
{
    private static DashboardStack? _stack;
    private static BrowserHost? _browser;

    public static DashboardStack Stack => _stack ?? throw new InvalidOperationException("The dashboard stack did not start.");

    public static IBrowser Browser => _browser?.Browser ?? throw new InvalidOperationException("The browser did not start.");

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _stack = await DashboardStack.StartAsync();
        _browser = await BrowserHost.LaunchAsync();
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        if (_stack is not null) await _stack.DisposeAsync();
    }
}
