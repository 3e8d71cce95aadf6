using MassTransit;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EventBridge.Worker.Hosting.Health;

/// <summary>The bus is connected to RabbitMQ and every receive endpoint consumes, so intents published now are taken in.</summary>
public sealed class BrokerHealthCheck(IBusControl bus) : IHealthCheck
{
    public const string Name = "broker";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        // MassTransit's description names endpoints by address (host, port, queue), never with credentials.
        var health = bus.CheckHealth();
        return Task.FromResult(health.Status == BusHealthStatus.Healthy
            ? HealthCheckResult.Healthy("RabbitMQ connected; every receive endpoint is consuming.")
            : new HealthCheckResult(context.Registration.FailureStatus, $"Bus {health.Status}: {health.Description}"));
    }
}
