using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.RateLimiting;

namespace EventBridge.Worker.Security;

public static class AuthEndpoints
{
    private const string LoginLimiter = "login";

    public sealed record LoginRequest(string? Username, string? Password);

    public sealed record Identity(string Name, string Role);

    /// <summary>The window of both login limits.</summary>
    public static readonly TimeSpan LoginWindow = TimeSpan.FromMinutes(1);

    /// <summary>Login attempts per client address per <see cref="LoginWindow"/>: enough for people, too few for guessing.</summary>
    public const int AttemptsPerAddress = 20;

    /// <summary>
    /// The per-address limit (the address is the client's, or the one a configured proxy forwarded: <c>Api:TrustedProxies</c>)
    /// and the per-user-name one (<see cref="LoginThrottle"/>).
    /// </summary>
    public static IServiceCollection AddLoginRateLimit(this IServiceCollection services) =>
        services.AddSingleton<LoginThrottle>().AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = (rejected, _) => new ValueTask(AuthProblems.WriteTooManyLoginsAsync(rejected.HttpContext,
                rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : LoginWindow, "this address"));
            limiter.AddPolicy(LoginLimiter, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = AttemptsPerAddress, Window = LoginWindow, QueueLimit = 0 }));
        });

    public static WebApplication MapAuthEndpoints(this WebApplication app)
    {
        var auth = app.MapGroup("/auth").WithTags("Auth");
        auth.MapPost("/login", LoginAsync).AllowAnonymous().RequireRateLimiting(LoginLimiter)
            // A user name and a password: 4 KiB is generous, and an anonymous endpoint must not buffer more.
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(4096))
            .WithName("Login").WithSummary("Dashboard login: sets an HttpOnly session cookie.")
            .Produces<Identity>().ProducesProblem(StatusCodes.Status401Unauthorized);
        auth.MapPost("/logout", async (HttpContext context) =>
        {
            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.NoContent();
        }).AllowAnonymous().WithName("Logout").WithSummary("Ends the dashboard session.");
        auth.MapGet("/me", (ClaimsPrincipal user) => Results.Ok(new Identity(user.Identity!.Name!, user.FindFirst(ClaimTypes.Role)!.Value)))
            .RequireAuthorization(EventBridgeRoles.Policies.ReadIntents)
            .WithName("WhoAmI").WithSummary("The logged-in user (or API key holder) and role.")
            .Produces<Identity>().ProducesProblem(StatusCodes.Status401Unauthorized);
        return app;
    }

    private static async Task<IResult> LoginAsync(LoginRequest request, CredentialDirectory credentials, LoginThrottle throttle,
        HttpContext context, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(typeof(AuthEndpoints));
        if (throttle.Refuse(request.Username) is { } retryAfter) return AuthProblems.TooManyLogins(retryAfter, "this user name");

        if (credentials.VerifyPassword(request.Username, request.Password) is not { } user)
        {
            // A known name is logged to spot guessing; anything else (a typo, a password in the wrong field, a forged
            // line) only by its length. The password never is.
            if (credentials.KnownUserName(request.Username) is { } known)
                logger.LogWarning("Failed dashboard login for user {UserName} from {RemoteAddress}", known, context.Connection.RemoteIpAddress);
            else
                logger.LogWarning("Failed dashboard login for an unknown user name of {UserNameLength} characters from {RemoteAddress}",
                    request.Username?.Length ?? 0, context.Connection.RemoteIpAddress);
            return Results.Problem(title: "Wrong user name or password", statusCode: StatusCodes.Status401Unauthorized);
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, user.Name), new Claim(ClaimTypes.Role, user.Role)],
            CookieAuthenticationDefaults.AuthenticationScheme);
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
        logger.LogInformation("User {UserName} logged in with role {Role}", user.Name, user.Role);
        return Results.Ok(new Identity(user.Name, user.Role));
    }
}
