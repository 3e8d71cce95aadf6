using System.Globalization;
using EventBridge.Genesys.Simulator.Oracle;
using EventBridge.Pipeline.Applying;
using EventBridge.Pipeline.Observability;
using EventBridge.Pipeline.Subscriptions;
using EventBridge.Pipeline.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace EventBridge.Pipeline.Tests.Faults;

/// <summary>
/// What the worker's mechanisms did during one fault run, read from the worker itself (settle runs by trigger, channel
/// upkeep) and from the simulator's oracle (REST reads, wrap-up calls, ACW → applied): the row's evidence that the
/// mechanism it names is the one that kept the promise, not reconciliation covering for it.
/// </summary>
public sealed record MechanismReading(
    SettleCounts Settles,
    SubscriptionHealth Channels,
    int Intents,
    int ConversationReads,
    int WrapupCalls,
    int Throttled,
    IReadOnlyList<double> AcwToAppliedSeconds)
{
    /// <summary>Settles an event started in process (finished there or handed to the settle queue).</summary>
    public long SettledByEvents => Settles.StartedInProcessBy(SettleTriggers.Event);

    /// <summary>Settles the intake started in process: the agent was in ACW when the intent arrived.</summary>
    public long SettledAtIntake => Settles.StartedInProcessBy(SettleTriggers.Intake);

    /// <summary>Settle-queue runs reconciliation started: a quiet intent, or every open intent after a gap, re-read over REST.</summary>
    public long SettledByReconciliation => Settles.Of(SettleCounts.QueuePath, SettleTriggers.Reconcile);

    public long SettledByDeadline => Settles.Of(SettleCounts.QueuePath, SettleTriggers.Deadline);

    /// <summary>Settle-queue runs an ACW follow-up started: the customer left and no event showed the agent in ACW soon after.</summary>
    public long SettledByAcwFollowUp => Settles.Of(SettleCounts.QueuePath, SettleTriggers.AcwExpected);

    public double? AcwToAppliedP50 => Percentile(AcwToAppliedSeconds, 0.50);

    public double? AcwToAppliedP99 => Percentile(AcwToAppliedSeconds, 0.99);

    public static MechanismReading Read(PipelineHost pipeline, IReadOnlyList<SentIntent> sent, OracleSnapshot oracle)
    {
        var conversations = sent.Select(s => s.ConversationId).ToHashSet(StringComparer.Ordinal);
        var agents = sent.Select(s => (s.ConversationId, s.AgentParticipantId)).ToHashSet();
        return new MechanismReading(
            pipeline.Services.GetRequiredService<WrapUpMetrics>().Settles,
            pipeline.Services.GetRequiredService<ChannelPool>().GetHealth(),
            sent.Count,
            oracle.Requests.Count(r => r.Method == "GET" && IsConversationPath(r.Path, conversations)),
            oracle.WrapupCalls.Count(c => conversations.Contains(c.ConversationId)),
            oracle.RefusedCalls.Count(c => c.Status == 429),
            AcwToApplied(oracle, agents));
    }

    /// <summary>Seconds from each agent's ACW start to a wrap-up call's code landing on it (oracle), sorted.</summary>
    public static IReadOnlyList<double> AcwToApplied(OracleSnapshot oracle, IReadOnlySet<(string ConversationId, string ParticipantId)> agents) =>
    [
        .. oracle.Wrapups
            .Where(w => agents.Contains((w.ConversationId, w.ParticipantId)) && w.Via is "communicationWrapup" or "participantPatch" && w.AcwStartedAt is not null)
            .Select(w => (w.At - w.AcwStartedAt!.Value).TotalSeconds)
            .Order(),
    ];

    /// <summary>Nearest-rank percentile of sorted values; null when there are none.</summary>
    public static double? Percentile(IReadOnlyList<double> sorted, double share) =>
        sorted.Count == 0 ? null : sorted[Math.Clamp((int)Math.Ceiling(share * sorted.Count) - 1, 0, sorted.Count - 1)];

    /// <summary>One line for the table: every figure measured in this run.</summary>
    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"settles: {SettledByEvents} started by events and {SettledAtIntake} at intake, in process ({Settles.HandedOff} of those handed to the " +
        $"settle queue), {SettledByAcwFollowUp} by an ACW follow-up read, {SettledByReconciliation} by reconciliation, {SettledByDeadline} by deadline; " +
        $"{PerIntent(ConversationReads)} conversation reads and {PerIntent(WrapupCalls)} wrap-up calls per intent; " +
        $"channels: {Channels.TotalReconnects} reconnects ({Channels.TotalPingsUnanswered} after an unanswered ping of {Channels.TotalPingsSent} pings, " +
        $"{Channels.TotalSocketClosingNotices} socket_closing notices), {Channels.TotalReplacements} replacements; {Throttled} calls answered 429");

    private string PerIntent(int count) => Intents == 0 ? "0" : (count / (double)Intents).ToString("0.00", CultureInfo.InvariantCulture);

    private static bool IsConversationPath(string path, HashSet<string> conversations)
    {
        const string prefix = "/api/v2/conversations/";
        if (!path.StartsWith(prefix, StringComparison.Ordinal)) return false;
        var rest = path[prefix.Length..];
        if (rest.StartsWith("messages/", StringComparison.Ordinal)) rest = rest["messages/".Length..];
        var id = rest.Split('/')[0];
        return conversations.Contains(id);
    }
}
