using EventBridge.Genesys.Auth;
using EventBridge.Genesys.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EventBridge.Worker.Hosting.Health;

/// <summary>
/// The worker holds a valid client-credentials token, or can log in for one now: without it no Genesys call works.
/// The token itself is only asked for, never kept, logged or written into the answer.
/// </summary>
public sealed class GenesysTokenHealthCheck(GenesysTokenProvider tokens) : IHealthCheck
{
    public const string Name = "genesys-token";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            // Served from the cache while valid; logs in again only when the token is due for refresh.
            _ = await tokens.GetAccessTokenAsync(cancellationToken);
        }
        catch (GenesysApiException failed)
        {
            // Kind, status and Genesys code only: this answer is unauthenticated, the full reason is in the worker's log.
            return new HealthCheckResult(context.Registration.FailureStatus,
                $"No client-credentials token: Genesys login failed ({failed.Kind}, status {(int?)failed.StatusCode}, code '{failed.ErrorCode}'). " +
                "Check Genesys:ClientId, Genesys:ClientSecret and the login host.");
        }

        return tokens.Current is { } token
            ? HealthCheckResult.Healthy($"Client-credentials token valid until {token.ExpiresAt:O} (refresh at {token.RefreshAt:O}).")
            : HealthCheckResult.Healthy("Client-credentials token obtained.");
    }
}
