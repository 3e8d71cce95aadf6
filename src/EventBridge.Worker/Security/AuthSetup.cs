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
        // The cookie carries only a session key, and sessions live in memory: keys that outlive the process would
        // protect nothing, and persisted ones would land unencrypted in the home directory (the start-up warning).
        builder.Services.AddDataProtection().UseEphemeralDataProtectionProvider();

        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(EventBridgeRoles.Policies.Submit, p => p.RequireRole(EventBridgeRoles.Publisher, EventBridgeRoles.Support))
            .AddPolicy(EventBridgeRoles.Policies.ReadIntents, p => p.RequireRole(EventBridgeRoles.All.ToArray()))
            .AddPolicy(EventBridgeRoles.Policies.View, p => p.RequireRole(EventBridgeRoles.Viewer, EventBridgeRoles.Support))
            .AddPolicy(EventBridgeRoles.Policies.Support, p => p.RequireRole(EventBridgeRoles.Support));
        builder.Services.AddHostedService<CredentialsStartupReport>();
        return builder;
    }

    public static WebApplication UseEventBridgeAuth(this WebApplication app)
    {
        app.UseCrossSiteRefusal();
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }
}
