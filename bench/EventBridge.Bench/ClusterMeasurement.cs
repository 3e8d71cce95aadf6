using System.Diagnostics;
using EventBridge.Contracts;
using EventBridge.Genesys.Simulator.Conversations;
using EventBridge.Genesys.Simulator.Faults;
using EventBridge.Genesys.Simulator.Hosting;
using EventBridge.Genesys.Simulator.Organization;
using MassTransit;
using Npgsql;
using static EventBridge.Bench.Measurements;

namespace EventBridge.Bench;

/// <summary>
/// One worker against three on one PostgreSQL store, same load: a burst of conversations ended by EventBridge
/// (`disconnect: true`), the simulator at Genesys's 300/min with an 80 ms round trip, every worker at its default
/// budget, shared (one per OAuth client). Intake (intents stored per second) and applies per second for each, then the
/// three-worker cluster's fail-over: the lease holder killed, until a stand-by listens.
/// </summary>
internal static class ClusterMeasurement
{
    public static async Task<IReadOnlyList<Row>> RunAsync(Uri broker, bool quick)
    {
        var server = Environment.GetEnvironmentVariable("EVENTBRIDGE_POSTGRES")
            ?? throw new InvalidOperationException("EVENTBRIDGE_POSTGRES is not set: run bash bench/run.sh (it starts a throwaway PostgreSQL).");
        var conversations = quick ? 30 : 60;
        var one = await RunOnceAsync(broker, server, 1, conversations);
        var three = await RunOnceAsync(broker, server, 3, conversations);
        var load = $"{conversations} conversations ended by EventBridge at once, simulator 300/min with 80 ms round trip, default budget shared by the replicas";
        return
        [
            new Row("Cluster: 1 worker vs 3 on PostgreSQL (intake, applies)",
                $"3 workers: intake {three.IntakePerSecond:0}/s, applied {three.AppliedPerSecond:0.00}/s",
                $"1 worker: intake {one.IntakePerSecond:0}/s, applied {one.AppliedPerSecond:0.00}/s",
                $"applies {three.AppliedPerSecond / one.AppliedPerSecond:0.00}× one worker's; calls per applied {three.CallsPerApplied:0.00} vs {one.CallsPerApplied:0.00}; 429s {three.TooMany}/{one.TooMany}",
                "measured (replicas add availability, not Genesys capacity)", null,
                $"{load}. Applied {one.Applied} of {conversations} (1 worker) and {three.Applied} of {conversations} (3). Replicas share one request " +
                "budget and one listener, so applies are bounded by the budget either way; a stand-by's intake reads the conversation (only the holder has snapshots)."),
            new Row("Cluster fail-over (lease holder killed → a stand-by listens)", $"{three.FailOverSeconds:0.0} s", "—",
                $"{three.FailOverSeconds:0.0} s", "≤ 15 s", three.FailOverSeconds <= 15,
                "SIGKILL of the holder of 3 workers after the load; time until another worker's /health/ready says Holder (lease 9 s, renewals every 3 s)."),
        ];
    }

    private sealed record Result(double IntakePerSecond, double AppliedPerSecond, int Applied, double CallsPerApplied, int TooMany, double? FailOverSeconds);

    private static async Task<Result> RunOnceAsync(Uri broker, string server, int workers, int conversations)
    {
        var connectionString = await CreateDatabaseAsync(server);
        await using var simulator = await GenesysSimulator.StartAsync(new SimulatorOptions { RateLimitPerMinute = 300 });
        simulator.Control.Faults.SetNotificationFaults(new NotificationFaults { ApiLatency = TimeSpan.FromMilliseconds(80) });
        await using var cluster = await ClusterWorkers.StartAsync(workers, broker, simulator, connectionString);
        var holder = await cluster.HolderAsync(TimeSpan.FromSeconds(30));
        var created = Enumerable.Range(0, conversations).Select(i => simulator.Control.CreateConversation(new CreateConversationRequest
        {
            QueueId = SeedData.DemoQueueId, AgentUserId = i % 2 == 0 ? SeedData.AgentOneId : SeedData.AgentTwoId, Answer = true,
        }).ConversationId).ToList();
        simulator.Control.Oracle.Clear();

        var bus = Bus.Factory.CreateUsingRabbitMq(cfg => cfg.Host(broker));
        await bus.StartAsync();
        try
        {
            var watch = Stopwatch.StartNew();
            foreach (var conversation in created)
                await bus.Publish(new WrapUpIntent
                {
                    IntentId = Guid.NewGuid(), ConversationId = conversation, WrapUpCode = "Resolved", Disconnect = true, RequestedBy = "bench",
                });
            await using var store = NpgsqlDataSource.Create(connectionString);
            double? intakeSeconds = null;
            var applied = 0;
            await WaitAsync(() =>
            {
                var (stored, done) = Counts(store);
                if (stored == conversations) intakeSeconds ??= watch.Elapsed.TotalSeconds;
                applied = done;
                return done == conversations;
            }, TimeSpan.FromMinutes(5), $"{conversations} intents applied by {workers} workers");
            var appliedSeconds = watch.Elapsed.TotalSeconds;
            var oracle = simulator.Control.ReadOracle();
            var calls = oracle.Requests.Count(r => r.Path.StartsWith("/api/v2/", StringComparison.Ordinal) && !r.Path.Contains("/notifications/", StringComparison.Ordinal));
            double? failOver = null;
            if (workers > 1)
            {
                var killed = Stopwatch.StartNew();
                cluster.Kill(holder);
                await cluster.HolderAsync(TimeSpan.FromSeconds(60), not: holder);
                failOver = killed.Elapsed.TotalSeconds;
            }

            return new Result(conversations / (intakeSeconds ?? appliedSeconds), applied / appliedSeconds, applied,
                (double)calls / Math.Max(1, applied), oracle.RefusedCalls.Count(c => c.Status == 429), failOver);
        }
        finally
        {
            await bus.StopAsync();
        }
    }

    private static (int Stored, int Applied) Counts(NpgsqlDataSource store)
    {
        using var command = store.CreateCommand("SELECT count(*)::int, count(*) FILTER (WHERE status = 'Applied')::int FROM intents");
        try
        {
            using var reader = command.ExecuteReader();
            reader.Read();
            return (reader.GetInt32(0), reader.GetInt32(1));
        }
        catch (PostgresException missing) when (missing.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return (0, 0);
        }
    }

    /// <summary>A database of its own on the throwaway server, so each run starts from an empty store and lease.</summary>
    private static async Task<string> CreateDatabaseAsync(string server)
    {
        var name = $"eventbridge_bench_{Guid.NewGuid():N}";
        await using (var admin = new NpgsqlConnection(server))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
            await create.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }
}
