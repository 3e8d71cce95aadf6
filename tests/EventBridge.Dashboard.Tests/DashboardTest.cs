using System.Collections.Concurrent;
using Microsoft.Playwright;
using NUnit.Framework.Interfaces;

namespace EventBridge.Dashboard.Tests;

/// <summary>
/// A fresh browser context (no cookie) and page per test; screenshots kept under the test output's screenshots/ and
/// attached to the result; the page's console errors printed when a test fails.
/// </summary>
public abstract class DashboardTest
{
    protected static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly ConcurrentQueue<string> _console = new();
    private IBrowserContext? _context;

    protected IPage Page { get; private set; } = null!;

    protected static DashboardStack Stack => DashboardSuite.Stack;

    protected static string ScreenshotDirectory => Path.Combine(TestContext.CurrentContext.TestDirectory, "screenshots");

    /// <summary>
    /// Script errors and CSP violations the page logged. Chromium also logs every 4xx answer ("Failed to load
    /// resource"), which the page expects (401 before login, 404 for an intent not stored yet): those are left out.
    /// </summary>
    protected IReadOnlyList<string> ConsoleErrors => _console.Where(line => !line.Contains("Failed to load resource", StringComparison.Ordinal)).ToList();

    [SetUp]
    public async Task OpenPageAsync()
    {
        _context = await DashboardSuite.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Stack.WorkerUrl.ToString(),
            ViewportSize = new ViewportSize { Width = 1440, Height = 1000 },
        });
        _context.SetDefaultTimeout((float)Patience.TotalMilliseconds);
        // Expectations too (Playwright's own default is 5 s): what the page shows follows the worker, whose reconnect
        // after an evicted channel alone waits 3-6 s here, and then the page's next 2 s poll.
        Assertions.SetDefaultExpectTimeout((float)Patience.TotalMilliseconds);
        Page = await _context.NewPageAsync();
        Page.Console += (_, message) =>
        {
            if (message.Type == "error") _console.Enqueue($"console.error: {message.Text}");
        };
        Page.PageError += (_, error) => _console.Enqueue($"page error: {error}");
    }

    [TearDown]
    public async Task ClosePageAsync()
    {
        if (TestContext.CurrentContext.Result.Outcome.Status == TestStatus.Failed)
        {
            await ScreenshotAsync("failure", fullPage: true);
            foreach (var line in _console) await TestContext.Out.WriteLineAsync(line);
            await TestContext.Out.WriteLineAsync(Stack.Output());
        }

        if (_context is not null) await _context.CloseAsync();
    }

    protected static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    protected ILocator ById(string testId) => Page.GetByTestId(testId);

    /// <summary>
    /// Opens the dashboard as <paramref name="user"/>: with the session an earlier test's login left, while the worker
    /// still takes it, else through the login form. The worker allows 10 logins per user name a minute (LoginThrottle),
    /// fewer than this suite's tests per user; a test that logs out ends the shared session and the next one logs in.
    /// </summary>
    protected async Task LoginAsync(string user, string password)
    {
        if (Sessions.TryGetValue(user, out var cookies))
        {
            await Page.Context.AddCookiesAsync(cookies);
            await Page.GotoAsync("/");
            // The page shows one of the two once /auth/me has answered.
            await Expect(Page.Locator("[data-testid='login-view']:not([hidden]), [data-testid='dashboard-view']:not([hidden])")).ToHaveCountAsync(1);
            if (await ById("dashboard-view").IsVisibleAsync()) return;
            await Page.Context.ClearCookiesAsync();
        }

        await Page.GotoAsync("/");
        await Expect(ById("login-view")).ToBeVisibleAsync();
        await ById("login-username").FillAsync(user);
        await ById("login-password").FillAsync(password);
        await ById("login-submit").ClickAsync();
        await Expect(ById("dashboard-view")).ToBeVisibleAsync();
        Sessions[user] = [.. (await Page.Context.CookiesAsync()).Select(c => new Cookie
        {
            Name = c.Name, Value = c.Value, Domain = c.Domain, Path = c.Path, Expires = c.Expires, HttpOnly = c.HttpOnly, Secure = c.Secure, SameSite = c.SameSite,
        })];
    }

    private static readonly ConcurrentDictionary<string, Cookie[]> Sessions = new();

    /// <summary>Set to 1 to copy the README's screenshots into docs/ as the tests take them.</summary>
    protected const string UpdateScreenshotVariable = "EVENTBRIDGE_UPDATE_SCREENSHOT";

    /// <summary>Copies a screenshot to docs/<paramref name="docsName"/> when <see cref="UpdateScreenshotVariable"/> is 1.</summary>
    protected static async Task KeepInDocsAsync(string file, string docsName)
    {
        if (Environment.GetEnvironmentVariable(UpdateScreenshotVariable) != "1") return;
        var docs = Path.Combine(WorkerProcess.RepositoryRoot(), "docs", docsName);
        File.Copy(file, docs, overwrite: true);
        await TestContext.Progress.WriteLineAsync($"Copied the screenshot to {docs}.");
    }

    /// <summary>Saves a PNG of one part of the page under screenshots/ and attaches it to the test result.</summary>
    protected static async Task<string> ScreenshotAsync(string name, ILocator part)
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        var file = Path.Combine(ScreenshotDirectory, $"{TestContext.CurrentContext.Test.MethodName}-{name}.png");
        await part.ScreenshotAsync(new LocatorScreenshotOptions { Path = file });
        TestContext.AddTestAttachment(file, $"{TestContext.CurrentContext.Test.Name}: {name}");
        return file;
    }

    /// <summary>Saves a PNG under screenshots/ (named after the test) and attaches it to the test result.</summary>
    protected async Task<string> ScreenshotAsync(string name, bool fullPage = false)
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        var file = Path.Combine(ScreenshotDirectory, $"{TestContext.CurrentContext.Test.MethodName}-{name}.png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = fullPage });
        TestContext.AddTestAttachment(file, $"{TestContext.CurrentContext.Test.Name}: {name}");
        return file;
    }
}
