using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace EventBridge.Worker.Security;

public static class AuthSetup
{
    private const string SelectorScheme = "EventBridge";

    /// <summary>
    /// API keys for programs, a cookie for the dashboard, chosen per request; role policies for the endpoints.
    /// Demo logins only when asked, or when the embedded simulator runs and nothing else is configured.
    /// </summary>
    public static WebApplicationBuilder AddEventBridgeAuth(this WebApplicationBuilder builder, bool embeddedSimulator)
    {
        builder.Services.AddOptions<AuthOptions>().Bind(builder.Configuration.GetSection(AuthOptions.Section), binder => binder.ErrorOnUnknownConfiguration = true)
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<AuthOptions>>().Value;
            var demo = options.DemoLogins ?? (embeddedSimulator && options.Users.Count == 0 && options.ApiKeys.Count == 0);
            return new CredentialDirectory(options, demo);
        });

        builder.Services.AddAuthentication(SelectorScheme)
            .AddPolicyScheme(SelectorScheme, "API key or dashboard cookie", policy =>
                policy.ForwardDefaultSelector = context => ApiKeyAuthenticationHandler.CarriesKey(context.Request)
                    ? ApiKeyAuthenticationHandler.SchemeName
                    : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddCookie(CookieAuthenticationDefaults.AuthenticationScheme, cookie =>
            {
                cookie.Cookie.Name = "EventBridge.Session";
                cookie.Cookie.HttpOnly = true;
                // Strict: a page on another site cannot make the browser send the cookie (no cross-site support actions).
                cookie.Cookie.SameSite = SameSiteMode.Strict;
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                cookie.SlidingExpiration = true;
                cookie.Events.OnRedirectToLogin = context =>
                    AuthProblems.WriteUnauthorizedAsync(context.HttpContext, "Log in at /dashboard/ (POST /auth/login), or send an API key.");
                cookie.Events.OnRedirectToAccessDenied = context => AuthProblems.WriteForbiddenAsync(context.HttpContext);
            });
        builder.Services.AddOptions<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme)
            .Configure<IOptions<AuthOptions>>((cookie, auth) => cookie.ExpireTimeSpan = auth.Value.SessionTimeout);
        SessionTickets.Use(builder.Services);
        UseKeysFolder(builder);

        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(EventBridgeRoles.Policies.Submit, p => p.RequireRole(EventBridgeRoles.Publisher, EventBridgeRoles.Support))
            .AddPolicy(EventBridgeRoles.Policies.ReadIntents, p => p.RequireRole(EventBridgeRoles.All.ToArray()))
            .AddPolicy(EventBridgeRoles.Policies.View, p => p.RequireRole(EventBridgeRoles.Viewer, EventBridgeRoles.Support))
            .AddPolicy(EventBridgeRoles.Policies.Support, p => p.RequireRole(EventBridgeRoles.Support));
        builder.Services.AddHostedService<CredentialsStartupReport>();
        return builder;
    }

    /// <summary>
    /// Data-protection keys in a folder of the worker's own (<see cref="AuthOptions.KeysPath"/>), not ASP.NET's default
    /// of the home directory, which a service account may not have and which other apps share.
    /// </summary>
    private static void UseKeysFolder(WebApplicationBuilder builder)
    {
        var folder = AuthOptions.ResolveKeysFolder(builder.Configuration, builder.Environment.ContentRootPath);
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(folder);
        else Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        builder.Services.AddDataProtection().SetApplicationName("EventBridge").PersistKeysToFileSystem(new DirectoryInfo(folder));
    }

    public static WebApplication UseEventBridgeAuth(this WebApplication app)
    {
        app.UseCrossSiteRefusal();
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }
}
