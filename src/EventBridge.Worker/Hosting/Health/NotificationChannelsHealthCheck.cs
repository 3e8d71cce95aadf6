using EventBridge.Pipeline.Subscriptions;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EventBridge.Worker.Hosting.Health;

/// <summary>
/// The configured queues are subscribed and every notification channel that carries topics has an open socket
/// (<see cref="SubscriptionHealth.IsReady"/>), so agents entering wrap-up are heard as it happens.
/// </summary>
public sealed class NotificationChannelsHealthCheck(ChannelPool channels) : IHealthCheck
{
    public const string Name = "channels";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var health = channels.GetHealth();
        var summary = $"{health.ConnectedChannelCount} of {health.Channels.Count} notification channels connected, {health.SubscribedTopicCount} topics";
        if (health.IsReady) return Task.FromResult(HealthCheckResult.Healthy(summary + "."));
        var why = health.Started ? "a channel with topics has no open socket" : "the configured queues are not subscribed yet";
        return Task.FromResult(new HealthCheckResult(context.Registration.FailureStatus, $"{summary}: {why}."));
    }
}
