using Microsoft.Playwright;

namespace EventBridge.Dashboard.Tests;

/// <summary>
/// Playwright driving Debian's Chromium (deploy/prerequisites.sh installs it): Playwright never downloads a browser
/// here, and the machines reach no browser download host anyway.
/// </summary>
public sealed class BrowserHost : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly IPlaywright _playwright;

    private BrowserHost(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        Browser = browser;
    }

    public IBrowser Browser { get; }

    public static async Task<BrowserHost> LaunchAsync()
    {
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        if (!File.Exists(ChromiumPath))
            Assert.Fail($"{ChromiumPath} is missing: install Debian's 'chromium' package ('bash deploy/test.sh' does).");
        var playwright = await Playwright.CreateAsync();
        var arguments = new List<string> { "--disable-dev-shm-usage", "--disable-gpu" };
        // Chromium refuses to run its sandbox as root (CI and these machines run as root).
        if (Environment.UserName == "root") arguments.Add("--no-sandbox");
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = arguments,
        });
        return new BrowserHost(playwright, browser);
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.CloseAsync();
        _playwright.Dispose();
    }
}
