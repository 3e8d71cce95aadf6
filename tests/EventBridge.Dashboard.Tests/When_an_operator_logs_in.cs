using System.Text.RegularExpressions;

namespace EventBridge.Dashboard.Tests;

public sealed class When_an_operator_logs_in : DashboardTest
{
    [Test]
    public async Task Should_say_so_when_the_password_is_wrong()
    {
        await Page.GotoAsync("/");
        await Expect(ById("login-view")).ToBeVisibleAsync();
        await ById("login-username").FillAsync(DashboardStack.SupportUser);
        await ById("login-password").FillAsync("not-the-password");
        await ById("login-submit").ClickAsync();

        await Expect(ById("login-error")).ToHaveTextAsync("Wrong user name or password.");
        await Expect(ById("dashboard-view")).ToBeHiddenAsync();
        await ScreenshotAsync("wrong-password");
    }

    [Test]
    public async Task Should_show_the_dashboard_with_the_user_name_and_role()
    {
        await LoginAsync(DashboardStack.SupportUser, DashboardStack.SupportPassword);

        await Expect(ById("user-name")).ToHaveTextAsync("support");
        await Expect(ById("user-role")).ToHaveTextAsync("support");
        await Expect(ById("login-view")).ToBeHiddenAsync();
        await Expect(ById("health-status")).ToHaveTextAsync(new Regex("^(healthy|degraded)$"));
        Assert.That(ConsoleErrors, Is.Empty, "the page logged errors (a CSP violation or a script error)");
    }

    [Test]
    public async Task Should_keep_the_session_across_a_reload_and_end_it_on_logout()
    {
        await LoginAsync(DashboardStack.ViewerUser, DashboardStack.ViewerPassword);
        await Page.ReloadAsync();
        await Expect(ById("dashboard-view")).ToBeVisibleAsync();
        await Expect(ById("user-role")).ToHaveTextAsync("viewer");

        await ById("logout").ClickAsync();

        await Expect(ById("login-view")).ToBeVisibleAsync();
        var me = await Page.Context.APIRequest.GetAsync("/auth/me");
        Assert.That(me.Status, Is.EqualTo(401), "after logout the session cookie must no longer be accepted");
    }
}
