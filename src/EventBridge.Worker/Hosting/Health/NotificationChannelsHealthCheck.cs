using EventBridge.Pipeline.Cluster;
using EventBridge.Pipeline.Subscriptions;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EventBridge.Worker.Hosting.Health;

/// <summary>
/// The configured queues are subscribed and every notification channel that carries topics has an open socket
/// (<see cref="SubscriptionHealth.IsReady"/>), so agents entering wrap-up are heard as it happens. A cluster's stand-by
/// has no channels by design (the lease holder listens for it): it is ready, and says who listens.
/// </summary>
public sealed class NotificationChannelsHealthCheck(ChannelPool channels, ListenerRole listener) : IHealthCheck
{
    public const string Name = "channels";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (listener.Status is { Role: ListenerRoleKind.StandBy } standBy)
            return Task.FromResult(HealthCheckResult.Healthy(standBy.Holder is { } holder
                ? $"Stand-by: replica {holder} holds the listener lease (epoch {standBy.Epoch}) and listens for this one."
                : "Stand-by: no replica holds the listener lease right now; this one tries to take it over."));
        var health = channels.GetHealth();
        var summary = $"{health.ConnectedChannelCount} of {health.Channels.Count} notification channels connected, {health.SubscribedTopicCount} topics";
        if (health.IsReady) return Task.FromResult(HealthCheckResult.Healthy(summary + "."));
        var why = health.Started ? "a channel with topics has no open socket" : "the configured queues are not subscribed yet";
        return Task.FromResult(new HealthCheckResult(context.Registration.FailureStatus, $"{summary}: {why}."));
    }
}
