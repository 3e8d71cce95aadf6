using System.Collections.Concurrent;
using System.Diagnostics;
using EventBridge.Pipeline.Observability;

namespace EventBridge.Bench;

/// <summary>
/// Takes the latency row apart per sample, from spans the worker already records: ACW emitted → the in-process
/// settle starts (event parse, match, inbox) → the wrap-up POST leaves the client's handlers (lock, store read, claim,
/// budget) → the simulator records it (HTTP and simulator). Costs nothing when no bench listens.
/// </summary>
internal sealed class LatencyStages : IDisposable
{
    private readonly ActivityListener _listener;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _settleStarted = new();
    private readonly ConcurrentDictionary<string, DateTimeOffset> _postStarted = new();

    public LatencyStages()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is WrapUpTracing.SourceName or "System.Net.Http",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            // At the stop: the HTTP span sets its tags after it starts. StartTimeUtc is when each began.
            ActivityStopped = Stopped,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    private void Stopped(Activity activity)
    {
        // The settle spans are listened to only so they exist as parents: the HTTP span of the call is what is read here.
        if (activity.Source.Name == WrapUpTracing.SourceName) return;
        var callStarted = new DateTimeOffset(activity.StartTimeUtc, TimeSpan.Zero);

        // The wrap-up call (the client logs its path with the ids templated out): the settle span it runs under names the conversation.
        var path = activity.GetTagItem("url.path") as string ?? "";
        if (!(path.EndsWith("/wrapup", StringComparison.Ordinal) || activity.GetTagItem("http.request.method") as string == "PATCH")) return;
        for (var parent = activity.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent.OperationName != "settle") continue;
            if (parent.GetTagItem(WrapUpTracing.ConversationIdTag) is string conversation && _postStarted.TryAdd(conversation, callStarted))
                _settleStarted[conversation] = new DateTimeOffset(parent.StartTimeUtc, TimeSpan.Zero);
            return;
        }
    }

    /// <summary>Per-stage p50/p99 over the samples, in ms, one line for the bench's log.</summary>
    public string Describe(IReadOnlyDictionary<string, DateTimeOffset> emitted, IReadOnlyDictionary<string, DateTimeOffset> received)
    {
        var toSettle = new List<double>();
        var toPost = new List<double>();
        var toReceived = new List<double>();
        foreach (var (id, start) in emitted)
        {
            if (!_settleStarted.TryGetValue(id, out var settle) || !_postStarted.TryGetValue(id, out var post) || !received.TryGetValue(id, out var done)) continue;
            toSettle.Add((settle - start).TotalMilliseconds);
            toPost.Add((post - settle).TotalMilliseconds);
            toReceived.Add((done - post).TotalMilliseconds);
        }

        static string Of(List<double> values) =>
            $"p50 {Measurements.Percentile(values, 0.5):0.0} ms, p99 {Measurements.Percentile(values, 0.99):0.0} ms, max {(values.Count == 0 ? double.NaN : values.Max()):0.0} ms";
        return $"{toSettle.Count} samples ({_settleStarted.Count} settles, {_postStarted.Count} wrap-up calls seen): emitted → settle {Of(toSettle)}; settle → POST sent {Of(toPost)}; POST sent → received {Of(toReceived)}";
    }

    public void Dispose() => _listener.Dispose();
}
