using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EventBridge.Worker.Hosting.Health;

/// <summary>
/// Not ready from the moment the host starts stopping (SIGTERM): the worker takes no new work while it lets running
/// wrap-ups finish, so a load balancer or Kubernetes must stop sending it intents at once, before any check below
/// notices the bus or the channels going.
/// </summary>
public sealed class StoppingHealthCheck(IHostApplicationLifetime lifetime) : IHealthCheck
{
    public const string Name = "running";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Task.FromResult(lifetime.ApplicationStopping.IsCancellationRequested
            ? new HealthCheckResult(context.Registration.FailureStatus, "Stopping: no new intents; wrap-ups in progress are finishing.")
            : HealthCheckResult.Healthy("Running."));
    }
}
