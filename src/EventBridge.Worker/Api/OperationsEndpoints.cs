using EventBridge.Pipeline.Cluster;
using EventBridge.Pipeline.Retention;
using EventBridge.Pipeline.Storage;
using EventBridge.Pipeline.Subscriptions;
using EventBridge.Worker.Security;

namespace EventBridge.Worker.Api;

/// <summary>What operators watch: the notification channels and the intents' outcomes over time.</summary>
public static class OperationsEndpoints
{
    public const int MaxStatsMinutes = 24 * 60;

    public sealed record MinuteView(DateTimeOffset Minute, int Applied, int Failed, double? LatencyP50Ms, double? LatencyP95Ms);

    public sealed record StatsView(int Pending, int Applying, int Applied, int Failed, IReadOnlyList<MinuteView> Minutes);

    /// <summary>The ages kept, the stores as last measured, and the last purge pass (null before the first, a minute after start).</summary>
    public sealed record StoreView(RetentionAgesView Retention, StoreSizes? Sizes, RetentionPass? LastPass);

    public sealed record RetentionAgesView(bool Enabled, double FinishedIntentsDays, double AttemptsDays, double ResolvedDeadLettersDays,
        double AuditEntriesDays, double IntervalMinutes);

    public static RouteGroupBuilder MapOperationsEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/store", (RetentionSweeper retention) => Results.Ok(StoreOf(retention)))
            .RequireAuthorization(EventBridgeRoles.Policies.View).WithTags("Operations")
            .WithName("GetStore")
            .WithSummary("The stores' size and rows (measured every minute), what the last retention pass purged, and how long each kind of record is kept.")
            .Produces<StoreView>();
        api.MapGet("/subscriptions", (ChannelPool channels, ListenerRole listener) => Results.Ok(channels.GetHealth() with { Listener = listener.Status }))
            .RequireAuthorization(EventBridgeRoles.Policies.View).WithTags("Operations")
            .WithName("GetSubscriptions")
            .WithSummary("Notification channels: topics, state, last heartbeat, reconnects, expiry; rejected topics; which replica listens (a stand-by has no channels).")
            .Produces<SubscriptionHealth>();
        api.MapGet("/stats", GetStatsAsync)
            .RequireAuthorization(EventBridgeRoles.Policies.View).WithTags("Operations")
            .WithName("GetStats")
            .WithSummary("Intents by status, and per minute: outcomes and ACW-to-applied latency (p50, p95).")
            .Produces<StatsView>().ProducesValidationProblem();
        return api;
    }

    private static StoreView StoreOf(RetentionSweeper retention)
    {
        var o = retention.Options;
        return new StoreView(new RetentionAgesView(o.Enabled, o.FinishedIntents.TotalDays, o.Attempts.TotalDays, o.ResolvedDeadLetters.TotalDays,
            o.AuditEntries.TotalDays, o.Interval.TotalMinutes), retention.Sizes, retention.Last);
    }

    private static async Task<IResult> GetStatsAsync(int? minutes, IIntentQueries queries, TimeProvider time, CancellationToken cancellationToken)
    {
        var window = minutes ?? 60;
        if (window is < 1 or > MaxStatsMinutes)
            return Results.ValidationProblem(new Dictionary<string, string[]>
            {
                ["minutes"] = [$"minutes must be between 1 and {MaxStatsMinutes}."],
            });

        var now = time.GetUtcNow();
        var start = new DateTimeOffset(now.Ticks - now.Ticks % TimeSpan.TicksPerMinute, TimeSpan.Zero).AddMinutes(1 - window);
        var stats = await queries.GetStatisticsAsync(start, cancellationToken);
        var byMinute = stats.Minutes.ToDictionary(m => m.Minute);
        // Every minute of the window, empty ones too, so a plot's x axis is time and not "minutes that had outcomes".
        var series = Enumerable.Range(0, window).Select(i => start.AddMinutes(i)).Select(minute =>
            byMinute.TryGetValue(minute, out var m)
                ? new MinuteView(minute, m.Applied, m.Failed, m.LatencyP50Ms, m.LatencyP95Ms)
                : new MinuteView(minute, 0, 0, null, null)).ToList();
        var counts = stats.CountsByStatus;
        return Results.Ok(new StatsView(counts[IntentStatus.Pending], counts[IntentStatus.Applying], counts[IntentStatus.Applied],
            counts[IntentStatus.Failed], series));
    }
}
