using System.Collections.Concurrent;
using System.Diagnostics;
using EventBridge.Contracts;
using EventBridge.Genesys.Simulator.Conversations;
using EventBridge.Genesys.Simulator.Faults;
using EventBridge.Genesys.Simulator.Hosting;
using EventBridge.Genesys.Simulator.Organization;
using EventBridge.Pipeline;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EventBridge.Bench;

internal sealed record Row(string Measurement, string EventBridge, string Baseline, string Value, string Goal, bool? Met, string Note);

internal static class Measurements
{
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted[sorted.Length / 2];
    }

    public static double Percentile(IReadOnlyList<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
    }

    // ---- Ingest: interleaved A/B batches over the same captured frames, medians of per-batch rates.
    public static async Task<Row> IngestAsync(bool quick)
    {
        var work = new IngestWork(await IngestCorpus.CaptureAsync(200), 10_000);
        var rounds = quick ? 15 : 41;
        var repeat = 20;
        for (var i = 0; i < 3; i++) { work.EventBridgeAll(); work.BareAll(); }
        var eb = new List<double>();
        var bare = new List<double>();
        for (var r = 0; r < rounds; r++)
        {
            var sw = Stopwatch.StartNew();
            for (var k = 0; k < repeat; k++) work.EventBridgeAll();
            eb.Add(repeat * work.FrameCount / sw.Elapsed.TotalSeconds);
            sw.Restart();
            for (var k = 0; k < repeat; k++) work.BareAll();
            bare.Add(repeat * work.FrameCount / sw.Elapsed.TotalSeconds);
        }

        var a = Median(eb);
        var b = Median(bare);
        return new Row("Ingest (events/s parsed + matched)", $"{a:N0}/s", $"{b:N0}/s", $"{a / b:0.00}", "ratio ≥ 0.5", a / b >= 0.5,
            $"{work.FrameCount} generic-topic frames captured from the simulator's socket, index of 10,000 intents; {rounds} interleaved rounds × {repeat} passes, medians; settles counted ({work.Settles:N0}).");
    }

    // ---- Intake: interleaved rounds, EventBridge intake queue vs a bare no-op consumer queue on the same broker.
    public static async Task<Row> IntakeAsync(Uri broker, GenesysSimulator simulator, BenchPipeline pipeline, bool quick)
    {
        var perRound = quick ? 300 : 1000;
        var rounds = quick ? 2 : 3;
        var bareQueue = $"bench-bare-intents-{Guid.NewGuid():N}";
        var bareCount = new Counter();
        var bareBus = MassTransit.Bus.Factory.CreateUsingRabbitMq(cfg =>
        {
            cfg.Host(broker);
            cfg.ReceiveEndpoint(bareQueue, e =>
            {
                e.Handler<WrapUpIntent>(_ => { bareCount.Hit(); return Task.CompletedTask; });
            });
        });
        await bareBus.StartAsync();
        try
        {
            var intakeCount = new Counter();
            using var observer = pipeline.Bus.ConnectConsumeMessageObserver(new PostConsumeCounter(intakeCount));
            var eb = new List<double>();
            var bare = new List<double>();
            for (var r = 0; r < rounds; r++)
            {
                var ids = Enumerable.Range(0, perRound).Select(_ =>
                    simulator.Control.CreateConversation(new CreateConversationRequest { QueueId = SeedData.DemoQueueId, Answer = true }).ConversationId).ToList();
                eb.Add(await PumpAsync(pipeline.Bus, new Uri($"queue:{PipelineQueues.Intents}"), ids, intakeCount));
                bare.Add(await PumpAsync(pipeline.Bus, new Uri($"queue:{bareQueue}"), ids, bareCount));
            }

            var a = Median(eb);
            var b = Median(bare);
            // The ratio to a bare consumer is kept as a reference, not a goal: what matters is that taking intents in
            // never becomes the bottleneck, and Genesys's budget (its own rows) is far lower.
            var budgetPerSecond = RealBudgetRig.RequestsPerMinute / 60.0;
            return new Row("Intake (intents/s into the store)", $"{a:N0}/s", $"bare consumer {b:N0}/s (reference)",
                $"{a / b:0.00} of a bare consumer; {a / budgetPerSecond:0}× the request budget ({budgetPerSecond:0}/s)", "≥ 25× the request budget (100/s)",
                a >= 25 * budgetPerSecond,
                $"{rounds} interleaved rounds × {perRound} intents (64 in flight, publisher confirms); EventBridge = validate + SQLite register + code lookup (cached) + " +
                "subscription check, the conversation from its snapshot or one GET (simulator unlimited, client budget 3,000/min), no apply; bare = no-op MassTransit handler.");
        }
        finally
        {
            await bareBus.StopAsync();
        }
    }

    private static async Task<double> PumpAsync(IBus bus, Uri queue, List<string> conversationIds, Counter done)
    {
        var endpoint = await bus.GetSendEndpoint(queue);
        var target = done.Value + conversationIds.Count;
        var sw = Stopwatch.StartNew();
        using var gate = new SemaphoreSlim(64);
        var sends = conversationIds.Select(async id =>
        {
            await gate.WaitAsync();
            try { await endpoint.Send(new WrapUpIntent { IntentId = Guid.NewGuid(), ConversationId = id, WrapUpCode = "Resolved", RequestedBy = "bench" }); }
            finally { gate.Release(); }
        }).ToList();
        await Task.WhenAll(sends);
        var published = sw.Elapsed;
        var deadline = TimeSpan.FromMinutes(3);
        while (done.Value < target && sw.Elapsed < deadline) await Task.Delay(5);
        Console.Error.WriteLine($"[bench]   {queue}: {conversationIds.Count} sent in {published.TotalSeconds:0.00} s, {done.Value - target + conversationIds.Count} consumed in {sw.Elapsed.TotalSeconds:0.00} s");
        if (done.Value < target) throw new TimeoutException($"Only {done.Value - target + conversationIds.Count} of {conversationIds.Count} intents consumed from {queue} within {deadline}.");
        return conversationIds.Count / sw.Elapsed.TotalSeconds;
    }

    private static readonly TimeSpan SampleInterval = TimeSpan.FromMilliseconds(100);
    private const int WarmUpSamples = 20;

    // ---- Latency: ACW entry (simulator emits the snapshot) → the wrap-up call lands in the simulator (oracle At).
    public const int LatencyBackgroundEventsPerSecond = 1_000;

    /// <param name="backgroundPerSecond">New conversations a second on the subscribed queue while sampling (the row: 1,000).</param>
    public static async Task<Row> LatencyAsync(Uri broker, bool quick, int backgroundPerSecond)
    {
        var pending = 10_000;
        var samples = quick ? 100 : 300;
        // The per-communication call allowed (the other side of the unsettled fact): the worker and the floor make the same POST.
        await using var simulator = await GenesysSimulator.StartAsync(new SimulatorOptions
        {
            RateLimitPerMinute = 0, DisconnectDelay = TimeSpan.Zero, CommunicationWrapupWithClientCredentials = CommunicationWrapupCredentialsBehaviour.Allow,
        });
        var conversations = Enumerable.Range(0, pending).Select(_ =>
            simulator.Control.CreateConversation(new CreateConversationRequest { QueueId = SeedData.DemoQueueId, Answer = true }).ConversationId).ToList();
        var db = Path.Combine(Path.GetTempPath(), $"eventbridge-bench-{Guid.NewGuid():N}.db");
        await BenchPipeline.SeedStoreAsync(db, conversations);
        await using var pipeline = await BenchPipeline.StartAsync(broker, simulator, db);
        await WaitAsync(() => pipeline.Health().ConnectedChannelCount > 0 && pipeline.Index.ConversationCount >= pending, TimeSpan.FromSeconds(60),
            "worker ready", () => $"{pipeline.Health().ConnectedChannelCount} channels connected, {pipeline.Index.ConversationCount} conversations indexed");

        // Background: 1,000 notification events per second (new conversations on the subscribed queue, answered
        // at once: each one a snapshot the worker must parse and match), while sampled ACW entries are timed.
        using var stop = new CancellationTokenSource();
        var background = Task.Run(async () =>
        {
            var sent = 0;
            var sw = Stopwatch.StartNew();
            while (!stop.IsCancellationRequested)
            {
                var due = (int)(sw.Elapsed.TotalSeconds * backgroundPerSecond);
                for (; sent < due; sent++)
                    simulator.Control.CreateConversation(new CreateConversationRequest { QueueId = SeedData.DemoQueueId });
                await Task.Delay(1);
            }
            return sent / sw.Elapsed.TotalSeconds;
        });

        // Each wrap-up costs one request (the POST; the event confirms it); the client budget allows at most 50 per second
        // (Genesys:RequestsPerMinute 3000), shared with the start-up reconciliation of the 10,000 intents. One ACW entry
        // per 100 ms stays far inside it, so the tail measures the worker, not requests queued for the budget.
        // Warm-up, not timed: the first wrap-ups of a fresh process pay JIT and first connections (up to 200 ms), and
        // overlap the first burst of start-up reconciliation; the row is about the steady state.
        var warmUp = conversations.Skip(2 * samples).Take(WarmUpSamples).ToList();
        foreach (var id in warmUp)
        {
            simulator.Control.CustomerEnds(id);
            await Task.Delay(SampleInterval);
        }

        await WaitAsync(() => warmUp.All(id => simulator.Control.ReadOracle().Wrapups.Any(w => w.ConversationId == id)), TimeSpan.FromSeconds(60),
            "warm-up wrap-ups applied");
        var emitted = new ConcurrentDictionary<string, DateTimeOffset>();
        var timed = conversations.Take(samples).ToList();
        using var stages = new LatencyStages();
        var pausedBefore = GC.GetTotalPauseDuration();
        var collectionsBefore = Enumerable.Range(0, 3).Select(GC.CollectionCount).ToArray();
        foreach (var id in timed)
        {
            emitted[id] = DateTimeOffset.UtcNow;
            simulator.Control.CustomerEnds(id); // DisconnectDelay 0: the agent enters ACW and the snapshot goes out now.
            await Task.Delay(SampleInterval);
        }

        await WaitAsync(() => simulator.Control.ReadOracle().Wrapups.Count >= samples + WarmUpSamples, TimeSpan.FromSeconds(60),
            "all sampled wrap-ups applied", () => $"{simulator.Control.ReadOracle().Wrapups.Count} of {samples + WarmUpSamples} applied");
        Console.Error.WriteLine($"[bench]   GC while timed: paused {(GC.GetTotalPauseDuration() - pausedBefore).TotalMilliseconds:0} ms, collections gen0/1/2 " +
            string.Join("/", Enumerable.Range(0, 3).Select(g => GC.CollectionCount(g) - collectionsBefore[g])) + $", server GC {System.Runtime.GCSettings.IsServerGC}, mode {System.Runtime.GCSettings.LatencyMode}");
        stop.Cancel();
        var eventRate = await background;
        var latencies = simulator.Control.ReadOracle().Wrapups.Where(w => emitted.ContainsKey(w.ConversationId))
            .Select(w => (w.At - emitted[w.ConversationId]).TotalMilliseconds).ToList();

        var slowest = simulator.Control.ReadOracle().Wrapups.Where(w => emitted.ContainsKey(w.ConversationId))
            .Select(w => (Sample: timed.IndexOf(w.ConversationId), Ms: (w.At - emitted[w.ConversationId]).TotalMilliseconds))
            .OrderByDescending(x => x.Ms).Take(5);
        Console.Error.WriteLine($"[bench]   slowest samples (index: ms): {string.Join(", ", slowest.Select(x => $"{x.Sample}: {x.Ms:0.0}"))}");
        Console.Error.WriteLine($"[bench]   stages: {stages.Describe(emitted, simulator.Control.ReadOracle().Wrapups.Where(w => emitted.ContainsKey(w.ConversationId)).ToDictionary(w => w.ConversationId, w => w.At))}");

        // Floor: the one REST call the in-process settle makes before the wrap-up lands (POST wrap-up), made directly
        // with our Genesys client at once after ACW entry: simulator + HTTP + client cost, no worker.
        var floor = await FloorAsync(simulator, pipeline, conversations.Skip(samples).Take(samples).ToList());
        var p50 = Percentile(latencies, 0.5);
        var p99 = Percentile(latencies, 0.99);
        var f50 = Percentile(floor, 0.5);
        var f99 = Percentile(floor, 0.99);
        var added = p99 - f99;
        return new Row("Latency (ACW emitted → wrap-up received)", $"p50 {p50:0.0} ms, p99 {p99:0.0} ms", $"floor p50 {f50:0.0} ms, p99 {f99:0.0} ms",
            $"worker-added p99 {added:0.0} ms", "worker-added p99 < 2 ms", added < 2,
            $"{latencies.Count} ACW entries (one per {SampleInterval.TotalMilliseconds:0} ms, within the client budget; {WarmUpSamples} untimed warm-up entries first) among {pending:N0} pending intents, with {eventRate:N0} background events/s on the subscribed queue; floor = the POST wrap-up directly through our client right after ACW entry (ids known beforehand, as the event carries them).");
    }

    private static async Task<List<double>> FloorAsync(GenesysSimulator simulator, BenchPipeline pipeline, List<string> conversations)
    {
        var genesys = pipeline.Services.GetRequiredService<EventBridge.Genesys.GenesysApiClient>();
        var result = new List<double>();
        foreach (var id in conversations)
        {
            pipeline.Index.For(id).ToList().ForEach(i => pipeline.Index.Remove(id, i.IntentId)); // keep the worker out of it
            // The event that shows ACW carries the participant and communication ids: the worker reads nothing before
            // the wrap-up, so the floor learns them untimed, before the agent enters ACW.
            var conversation = await genesys.GetConversationAsync(id, CancellationToken.None);
            var agent = conversation.Participants!.Last(p => p.Purpose == "agent");
            var communication = agent.Messages![^1];
            var start = DateTimeOffset.UtcNow;
            simulator.Control.CustomerEnds(id);
            await genesys.ApplyCommunicationWrapupAsync(id, agent.Id!, communication.Id!, new EventBridge.Genesys.Models.WrapupInput { Code = SeedData.ResolvedCodeId }, CancellationToken.None);
            var applied = simulator.Control.ReadOracle().Wrapups.LastOrDefault(w => w.ConversationId == id);
            if (applied is not null) result.Add((applied.At - start).TotalMilliseconds);
            await Task.Delay(SampleInterval);
        }

        return result;
    }

    // ---- Recovery: sockets dropped → channel reconnected, and an ACW that happened in the gap applied.
    /// <summary>
    /// At Genesys's real budget (simulator 300/min with 80 ms a call, the worker's default budget, agent topics and
    /// reconciliation), as the other economy rows: a gap's reconciliation spends the same budget the applies need.
    /// </summary>
    public static async Task<Row> RecoveryAsync(Uri broker, bool quick)
    {
        var runs = quick ? 2 : 5;
        await using var simulator = await GenesysSimulator.StartAsync(new SimulatorOptions { RateLimitPerMinute = 300, DisconnectDelay = TimeSpan.Zero });
        simulator.Control.Faults.SetNotificationFaults(new NotificationFaults { ApiLatency = TimeSpan.FromMilliseconds(80) });
        var conversations = Enumerable.Range(0, 20 * runs).Select(_ =>
            simulator.Control.CreateConversation(new CreateConversationRequest { QueueId = SeedData.DemoQueueId, Answer = true }).ConversationId).ToList();
        var db = Path.Combine(Path.GetTempPath(), $"eventbridge-bench-{Guid.NewGuid():N}.db");
        await BenchPipeline.SeedStoreAsync(db, conversations);
        await using var pipeline = await BenchPipeline.StartAsync(broker, simulator, db, new Dictionary<string, string?>
        {
            ["Genesys:RequestsPerMinute"] = null,
            ["WrapUp:SubscribeAgentTopics"] = null,
            ["WrapUp:ReconcileAfter"] = null,
        });
        await WaitAsync(() => pipeline.Health().IsReady, TimeSpan.FromSeconds(60), "channels connected");
        await simulator.Control.UntilQuietAsync(TimeSpan.FromSeconds(3), TimeSpan.FromMinutes(3)); // the start-up reconciliation of the seeded intents
        var reconnects = new List<double>();
        var reconciled = new List<double>();
        var reads = new List<int>();
        for (var r = 0; r < runs; r++)
        {
            var target = conversations[(r * 20) + 19];
            var before = pipeline.Health().Channels.Sum(c => c.ReconnectCount);
            var requestsBefore = simulator.Control.Oracle.RequestCount;
            var sw = Stopwatch.StartNew();
            simulator.Control.CloseAllSockets();
            simulator.Control.CustomerEnds(target); // ACW during the gap: its snapshot is lost with the socket
            await WaitAsync(() => pipeline.Health().Channels.Sum(c => c.ReconnectCount) > before && pipeline.Health().ConnectedChannelCount > 0, TimeSpan.FromSeconds(60));
            reconnects.Add(sw.Elapsed.TotalSeconds);
            await WaitAsync(() => simulator.Control.ReadOracle().Wrapups.Any(w => w.ConversationId == target), TimeSpan.FromSeconds(120), "the ACW of the gap applied");
            reconciled.Add(sw.Elapsed.TotalSeconds);
            await simulator.Control.UntilQuietAsync(TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(3));
            reads.Add(simulator.Control.ReadOracle().Requests.Skip(requestsBefore).Count(q => q.Method == "GET" && q.Path.StartsWith("/api/v2/conversations/", StringComparison.Ordinal)));
        }

        var total = Median(reconciled);
        return new Row("Recovery (socket dropped → resubscribed + reconciled)", $"{total:0.00} s", "—",
            $"reconnect {Median(reconnects):0.00} s, reconciled {total:0.00} s (slowest {reconciled.Max():0.00} s); conversation reads per gap {Median(reads.Select(x => (double)x)):0}",
            "< 2 s", total < 2,
            $"{runs} drops (CloseAllSockets) with {20 * runs} pending intents, at the real budget (simulator 300/min, 80 ms a call; worker defaults); " +
            "an ACW entered during the gap must be applied by reconciliation; medians.");
    }

    public static async Task WaitAsync(Func<bool> condition, TimeSpan timeout, string what = "condition", Func<string>? state = null)
    {
        var sw = Stopwatch.StartNew();
        while (!condition())
        {
            if (sw.Elapsed > timeout) throw new TimeoutException($"{what} not met within {timeout.TotalSeconds:0} s{(state is null ? "" : ": " + state())}.");
            await Task.Delay(5);
        }
    }
}

internal sealed class Counter
{
    private long _value;
    public long Value => Interlocked.Read(ref _value);
    public void Hit() => Interlocked.Increment(ref _value);
}

internal sealed class PostConsumeCounter(Counter counter) : IConsumeMessageObserver<WrapUpIntent>
{
    public Task PreConsume(ConsumeContext<WrapUpIntent> context) => Task.CompletedTask;
    public Task PostConsume(ConsumeContext<WrapUpIntent> context) { counter.Hit(); return Task.CompletedTask; }
    public Task ConsumeFault(ConsumeContext<WrapUpIntent> context, Exception exception) { counter.Hit(); return Task.CompletedTask; }
}
