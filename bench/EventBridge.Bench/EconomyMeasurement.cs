using System.Diagnostics;
using System.Text.Json;
using EventBridge.Contracts;
using EventBridge.Genesys.Models;
using EventBridge.Genesys.Simulator.Conversations;
using EventBridge.Genesys.Simulator.Oracle;
using EventBridge.Genesys.Simulator.Organization;
using EventBridge.Pipeline;
using EventBridge.Pipeline.Listening;
using EventBridge.Pipeline.Reconciling;
using EventBridge.Pipeline.Storage;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static EventBridge.Bench.Measurements;

namespace EventBridge.Bench;

/// <summary>
/// The request economy at Genesys's real budget: a burst of 200 terminations at once (the simulator at 300 requests a
/// minute per token with an 80 ms round trip, the worker at its default 240), mixed prompts, ACW timeouts of 2–60 s,
/// most intents asking EventBridge to disconnect. Every figure comes from the simulator's oracle and the store.
/// </summary>
internal static class EconomyMeasurement
{
    public static async Task<IReadOnlyList<Row>> BurstAsync(Uri broker, bool quick, string? tracePath = null)
    {
        var count = quick ? 60 : 200;
        await using var rig = await RealBudgetRig.StartAsync(broker);
        var (simulator, pipeline) = (rig.Simulator, rig.Pipeline);

        var random = new Random(20261201);
        var agents = new[] { SeedData.AgentOneId, SeedData.AgentTwoId };
        var conversations = Enumerable.Range(0, count).Select(i =>
        {
            // A third each: mandatory, optional, and time-boxed with 2-60 s; four in five intents ask EventBridge to disconnect.
            var prompt = (i % 3) switch { 0 => "mandatory", 1 => "optional", _ => "timeout" };
            int? timeoutMs = prompt == "timeout" ? random.Next(2_000, 60_001) : null;
            var created = simulator.Control.CreateConversation(new CreateConversationRequest
            {
                QueueId = SeedData.DemoQueueId, AgentUserId = agents[i % agents.Length], Answer = true,
                WrapupPrompt = prompt, WrapupTimeoutMs = timeoutMs,
            });
            return (created.ConversationId, Disconnect: i % 5 != 4, Prompt: prompt, TimeoutMs: timeoutMs);
        }).ToList();
        var snapshots = pipeline.Services.GetRequiredService<ConversationSnapshots>();
        await WaitAsync(() => conversations.All(c => snapshots.TryGetFresh(c.ConversationId) is not null), TimeSpan.FromSeconds(60), "snapshots of every conversation");
        simulator.Control.Oracle.Clear();

        var intents = conversations.Select(c => new WrapUpIntent
        {
            IntentId = Guid.NewGuid(), ConversationId = c.ConversationId, WrapUpCode = "Resolved", Disconnect = c.Disconnect, RequestedBy = "bench",
        }).ToList();
        var store = pipeline.Services.GetRequiredService<IIntentStore>();
        var t0 = DateTimeOffset.UtcNow;
        var sw = Stopwatch.StartNew();
        await Task.WhenAll(intents.Select(i => pipeline.Bus.Publish(i)));
        // The gateway ends the conversations it did not ask EventBridge to end, at the same moment.
        foreach (var c in conversations.Where(c => !c.Disconnect)) simulator.Control.CustomerEnds(c.ConversationId);
        var final = new Dictionary<Guid, StoredIntent>();
        await WaitAsync(() =>
        {
            foreach (var intent in intents.Where(i => !final.ContainsKey(i.IntentId)))
                if (store.FindAsync(intent.IntentId).GetAwaiter().GetResult() is { IsFinal: true } done) final[intent.IntentId] = done;
            return final.Count == intents.Count;
        }, TimeSpan.FromMinutes(10), "every intent final", () => $"{final.Count} of {intents.Count} final");
        var wall = sw.Elapsed;

        if (tracePath is not null)
            await EconomyTrace.WriteAsync(tracePath, simulator.Control.ReadOracle(), pipeline.Services.GetRequiredService<IIntentAttemptJournal>(), t0,
                conversations.Zip(intents, (c, i) => new EconomyTrace.Case($"{c.Prompt}{c.TimeoutMs}", c.ConversationId, c.Disconnect, final[i.IntentId])));
        var bytesPerSnapshot = snapshots.TryGetFresh(conversations[0].ConversationId) is { } sample ? SnapshotBytes(sample) : 0;
        var oracle = simulator.Control.ReadOracle();
        var ours = conversations.Select(c => c.ConversationId).ToHashSet(StringComparer.Ordinal);
        var requests = oracle.Requests.Where(r => r.Path.StartsWith("/api/v2/", StringComparison.Ordinal)).ToList();
        var disconnects = requests.Count(IsDisconnect);
        var wrapUpCalls = requests.Count(r => r.Path.EndsWith("/wrapup", StringComparison.Ordinal) || (r.Method == "PATCH" && !IsDisconnect(r)));
        var reads = requests.Count(r => r.Method == "GET" && r.Path.StartsWith("/api/v2/conversations/", StringComparison.Ordinal));
        var other = requests.Count - disconnects - wrapUpCalls - reads;
        var applied = final.Values.Count(i => i.Status == IntentStatus.Applied);
        var latencies = oracle.Wrapups.Where(w => ours.Contains(w.ConversationId) && w.Via is "communicationWrapup" or "participantPatch")
            .Select(w => (w.At - final.Values.First(i => i.ConversationId == w.ConversationId).AcwStartedAt!.Value).TotalSeconds)
            .Order().ToList();
        var timedOut = oracle.Wrapups.Count(w => ours.Contains(w.ConversationId) && w.Via == "acwTimeout");
        var throttled = oracle.RefusedCalls.Count(r => r.Status == 429);
        var asked = conversations.Count(c => c.Disconnect);
        var floor = TimeSpan.FromMinutes((double)(count + asked) / RealBudgetRig.RequestsPerMinute);
        var perApplied = applied == 0 ? double.NaN : (double)(requests.Count - disconnects) / applied;
        var p50 = latencies.Count > 0 ? Percentile(latencies, 0.50) : double.NaN;
        var p99 = latencies.Count > 0 ? Percentile(latencies, 0.99) : double.NaN;

        return
        [
            new Row("Genesys calls per applied wrap-up (burst, real budget)", $"{perApplied:0.00}", "floor 1.00", 
                $"wrap-up {wrapUpCalls}, read {reads}, other {other}, disconnect {disconnects} of {asked} asked", "≤ 1.1; disconnects = asked",
                perApplied <= 1.1 && disconnects == asked,
                $"{count} conversations, {applied} applied; every call the simulator's oracle logged during the burst, by kind (other = subscriptions, code catalogue, channels)."),
            new Row($"Burst of {count} at 240/min: ACW → applied", $"p50 {p50:0.00} s, p99 {p99:0.00} s", "—",
                $"lost to ACW timeout {timedOut}; 429s {throttled}; wall {wall.TotalSeconds:0} s vs floor {floor.TotalSeconds:0} s ({wall / floor:0.00}×)",
                "p50 ≤ 0.5 s, p99 ≤ 3 s, 0 lost, ≤ 1.15× floor, 0 429s",
                p50 <= 0.5 && p99 <= 3 && timedOut == 0 && wall <= floor * 1.15 && throttled == 0,
                "Simulator at 300/min with 80 ms per call, worker at its default budget; prompts a third each mandatory/optional/timeout (2-60 s); " +
                "four in five intents disconnect, the rest end by the customer. Latency: the oracle's apply instant minus the participant's startAcwTime; " +
                "floor = (wrap-ups + disconnects) ÷ 240/min."),
            new Row("Conversation snapshot kept per conversation", $"{bytesPerSnapshot / 1024.0:0.0} KB", "—", $"{bytesPerSnapshot * 5000 / 1048576.0:0.0} MB at the default capacity (5,000)",
                "measured and documented", null,
                "Managed heap growth per snapshot of a finished three-participant message conversation, as parsed from a topic and kept (5,000 copies)."),
        ];
    }

    /// <summary>Heap bytes one kept snapshot costs: 5,000 parsed copies of a real one in a fresh cache.</summary>
    private static long SnapshotBytes(Conversation sample)
    {
        var json = JsonSerializer.Serialize(sample, GenesysJsonContext.Default.Conversation);
        var cache = new ConversationSnapshots(new ReconcileSignal(),
            Options.Create(new WrapUpPipelineOptions { SnapshotCapacity = 10_000 }), TimeProvider.System);
        var before = GC.GetTotalMemory(forceFullCollection: true);
        for (var i = 0; i < 5000; i++)
            cache.Record(JsonSerializer.Deserialize(json.Replace(sample.Id!, Guid.NewGuid().ToString(), StringComparison.Ordinal), GenesysJsonContext.Default.Conversation)!);
        var after = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(cache);
        return (after - before) / 5000;
    }

    private static bool IsDisconnect(LoggedRequest r) =>
        r.Method == "PATCH" && r.Body?.ToString() is { } body && body.Contains("\"state\"", StringComparison.Ordinal);
}
