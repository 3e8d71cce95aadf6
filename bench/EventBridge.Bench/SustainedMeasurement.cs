using System.Diagnostics;
using EventBridge.Contracts;
using EventBridge.Genesys.Simulator.Conversations;
using EventBridge.Genesys.Simulator.Organization;
using EventBridge.Pipeline.Storage;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using static EventBridge.Bench.Measurements;

namespace EventBridge.Bench;

/// <summary>
/// A busy contact centre, not a burst: conversations end at 200 a minute for 5 minutes (1 in quick runs), each agent
/// with a 30 s ACW timeout, the simulator at Genesys's 300/min with an 80 ms round trip and the worker at its default
/// budget. The gateway ends each conversation itself, so the floor is one call per wrap-up: 200 of the 240 a minute.
/// </summary>
internal static class SustainedMeasurement
{
    private const int PerMinute = 200;
    private const int AcwTimeoutMs = 30_000;

    public static async Task<Row> RunAsync(Uri broker, bool quick)
    {
        var duration = TimeSpan.FromMinutes(quick ? 1 : 5);
        var count = (int)(duration.TotalMinutes * PerMinute);
        var interval = TimeSpan.FromMinutes(1) / PerMinute;
        await using var rig = await RealBudgetRig.StartAsync(broker);
        var (simulator, pipeline) = (rig.Simulator, rig.Pipeline);

        // Each conversation is answered a few seconds before it ends, as in a real queue: the topics show it first.
        var agents = new[] { SeedData.AgentOneId, SeedData.AgentTwoId };
        var intents = new List<WrapUpIntent>(count);
        var waiting = new Queue<string>();
        var sw = Stopwatch.StartNew();
        for (var tick = 0; tick < count + 10; tick++)
        {
            if (tick < count)
                waiting.Enqueue(simulator.Control.CreateConversation(new CreateConversationRequest
                {
                    QueueId = SeedData.DemoQueueId, AgentUserId = agents[tick % agents.Length], Answer = true,
                    WrapupPrompt = "timeout", WrapupTimeoutMs = AcwTimeoutMs,
                }).ConversationId);
            if (tick >= 10 && waiting.TryDequeue(out var ending))
            {
                var intent = new WrapUpIntent { IntentId = Guid.NewGuid(), ConversationId = ending, WrapUpCode = "Resolved", RequestedBy = "bench" };
                intents.Add(intent);
                await pipeline.Bus.Publish(intent);
                simulator.Control.CustomerEnds(ending);
            }

            var next = interval * (tick + 1) - sw.Elapsed;
            if (next > TimeSpan.Zero) await Task.Delay(next);
        }

        var store = pipeline.Services.GetRequiredService<IIntentStore>();
        var final = new Dictionary<Guid, StoredIntent>();
        await WaitAsync(() =>
        {
            foreach (var intent in intents.Where(i => !final.ContainsKey(i.IntentId)))
                if (store.FindAsync(intent.IntentId).GetAwaiter().GetResult() is { IsFinal: true } done) final[intent.IntentId] = done;
            return final.Count == intents.Count;
        }, TimeSpan.FromMinutes(3), "every intent final", () => $"{final.Count} of {intents.Count} final");

        var oracle = simulator.Control.ReadOracle();
        var acwStart = final.Values.Where(i => i.AcwStartedAt is not null).ToDictionary(i => i.ConversationId, i => i.AcwStartedAt!.Value, StringComparer.Ordinal);
        var latencies = oracle.Wrapups.Where(w => w.Via is "communicationWrapup" or "participantPatch" && acwStart.ContainsKey(w.ConversationId))
            .Select(w => (w.At - acwStart[w.ConversationId]).TotalSeconds).Order().ToList();
        var applied = final.Values.Count(i => i.Status == IntentStatus.Applied);
        var share = (double)applied / intents.Count;
        var p99 = latencies.Count > 0 ? Percentile(latencies, 0.99) : double.NaN;
        var calls = oracle.Requests.Count(r => r.Path.StartsWith("/api/v2/", StringComparison.Ordinal));
        var throttled = oracle.RefusedCalls.Count(r => r.Status == 429);
        return new Row($"Sustained {PerMinute}/min for {duration.TotalMinutes:0} min, 30 s ACW: applied", $"{share:P1}", "—",
            $"{applied} of {intents.Count}; ACW → applied p50 {Percentile(latencies, 0.50):0.00} s, p99 {p99:0.00} s; " +
            $"{(double)calls / Math.Max(1, applied):0.00} calls per applied; 429s {throttled}",
            "≥ 99.5% applied, p99 ≤ 2 s", share >= 0.995 && p99 <= 2,
            "Simulator at 300/min with 80 ms per call, worker at its default 240/min; the gateway ends each conversation (no disconnect asked), " +
            "10 s after it was answered; latency = the oracle's apply instant minus the participant's startAcwTime.");
    }
}
