using System.Text.Json;
using EventBridge.Contracts;
using EventBridge.Pipeline.Intake;
using EventBridge.Pipeline.Tests.Support;

namespace EventBridge.Pipeline.Tests.Faults;

/// <summary>
/// Garbage on the intake queue, published raw between valid intents: every bad message ends in a dead-letter queue with
/// its reason in the headers (none silently dropped), the worker keeps going, and every valid intent is applied.
/// </summary>
[TestFixture]
public sealed class When_bad_input_arrives_among_intents : ReliabilityScenarios
{
    private const string ErrorQueue = PipelineQueues.Intents + "_error";
    private const string SkippedQueue = PipelineQueues.Intents + "_skipped";

    [Test]
    public async Task Should_dead_letter_each_bad_message_with_its_reason_and_apply_every_valid_intent()
    {
        await using var pipeline = await PipelineHost.StartAsync(FaultLoad.Simulator(seed: 6001), FaultLoad.Settings());
        var bad = BadMessages();
        var plan = new LoadPlan("bad input among raw JSON intents", 24)
        {
            Publish = (intent, _) => TestBroker.PublishRawAsync(PipelineQueues.Intents, JsonSerializer.Serialize(intent, JsonSerializerOptions.Web)),
            Between = async (i, _) =>
            {
                if (i % 3 == 1 && i / 3 < bad.Count) await TestBroker.PublishRawAsync(PipelineQueues.Intents, bad[i / 3].Body, bad[i / 3].ContentType);
            },
        };

        var result = await FaultLoad.RunAsync(pipeline, plan);
        var deadLetters = await CollectDeadLettersAsync(bad);
        var verdicts = bad.Select(b => (Bad: b, Verdict: Judge(b, deadLetters, pipeline.Outcomes))).ToList();

        var row = result.ToRow(
            "raw messages: " + string.Join(", ", verdicts.Select(v => $"{v.Bad.Kind} → {v.Verdict}")),
            extraIntents: bad.Count,
            failedAsExpected: verdicts.Count(v => v.Verdict.StartsWith("ok", StringComparison.Ordinal)),
            extraLost: verdicts.Count(v => v.Verdict == "lost"),
            extraUnexpected: verdicts.Count(v => v.Verdict.StartsWith("unexpected", StringComparison.Ordinal)));
        ReliabilityTable.Record(row);
        Assert.Multiple(() =>
        {
            foreach (var (message, verdict) in verdicts)
                Assert.That(verdict, Does.StartWith("ok"), $"{message.Kind}: {Describe(message, deadLetters)}");
            result.AssertPromiseKept(row);
        });
    }

    /// <summary>Each body carries a marker (a fresh GUID) so it can be found again in the dead-letter queues.</summary>
    private static List<BadMessage> BadMessages()
    {
        var truncated = Guid.NewGuid();
        var plain = Guid.NewGuid();
        var wrongTypes = Guid.NewGuid();
        var missing = Guid.NewGuid();
        var oversized = Guid.NewGuid();
        var unknownType = Guid.NewGuid();
        var nullBody = Guid.NewGuid();
        return
        [
            new("malformed JSON", truncated, $$"""{"intentId":"{{truncated}}","conversationId":"c-1","wrapUpCode":""", ErrorQueue, Outcome: null,
                Reason: h => Header(h, "MT-Reason") == "fault" && Header(h, "MT-Fault-ExceptionType") is { Length: > 0 }),
            new("not JSON", plain, $"please wrap up {plain} as QA_Review", ErrorQueue, Outcome: null, ContentType: "text/plain",
                Reason: h => Header(h, "MT-Reason") == "fault" && Header(h, "MT-Fault-ExceptionType") is { Length: > 0 }),
            new("wrong types", wrongTypes, $$"""{"intentId":12345,"conversationId":{"id":"{{wrongTypes}}"},"wrapUpCode":7,"disconnect":"yes"}""",
                ErrorQueue, Outcome: null, Reason: h => Header(h, "MT-Reason") == "fault" && Header(h, "MT-Fault-ExceptionType") is { Length: > 0 }),
            new("missing fields", missing, $$"""{"intentId":"{{missing}}","wrapUpCode":"QA_Review"}""", ErrorQueue,
                Outcome: WrapUpFailureReasons.RejectedAsMalformed,
                Reason: h => Header(h, PipelineHeaders.FailureReason) == WrapUpFailureReasons.RejectedAsMalformed
                    && Header(h, PipelineHeaders.FailureDetail)?.Contains("conversationId is missing", StringComparison.Ordinal) == true),
            new("oversized (70 KiB)", oversized,
                JsonSerializer.Serialize(new { intentId = oversized, conversationId = Guid.NewGuid().ToString(), wrapUpCode = "QA_Review", padding = new string('x', 70 * 1024) }),
                ErrorQueue, Outcome: WrapUpFailureReasons.RejectedAsMalformed,
                Reason: h => Header(h, PipelineHeaders.FailureReason) == WrapUpFailureReasons.RejectedAsMalformed
                    && Header(h, PipelineHeaders.FailureDetail)?.Contains($"{IntentValidator.MaxMessageBytes} bytes", StringComparison.Ordinal) == true),
            new("unknown message type", unknownType,
                $$$"""{"messageId":"{{{unknownType}}}","messageType":["urn:message:EventBridge.Contracts:WrapUpCancelled"],"message":{"intentId":"{{{unknownType}}}"}}""",
                SkippedQueue, Outcome: null, ContentType: "application/vnd.masstransit+json",
                Reason: h => Header(h, "MT-Reason") == "dead-letter"),
            new("JSON null", nullBody, "null", ErrorQueue, Outcome: null, HasMarker: false,
                Reason: h => Header(h, "MT-Reason") == "fault"),
        ];
    }

    /// <summary>Drains both dead-letter queues until every bad message is found, or 15 s pass (then the missing ones count as lost).</summary>
    private static async Task<List<DeadLetter>> CollectDeadLettersAsync(List<BadMessage> bad)
    {
        var seen = new List<DeadLetter>();
        var limit = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            seen.AddRange((await TestBroker.DrainAsync(ErrorQueue)).Select(m => new DeadLetter(ErrorQueue, m)));
            seen.AddRange((await TestBroker.DrainAsync(SkippedQueue)).Select(m => new DeadLetter(SkippedQueue, m)));
            if (bad.All(b => Find(b, seen) is not null) || limit.Elapsed > TimeSpan.FromSeconds(15)) return seen;
            await Task.Delay(100);
        }
    }

    private static string Judge(BadMessage bad, List<DeadLetter> deadLetters, OutcomeCollector outcomes)
    {
        if (Find(bad, deadLetters) is not { } found) return "lost";
        var (queue, message) = found;
        if (queue != bad.ExpectedQueue) return $"unexpected: in {queue}";
        if (!bad.Reason(message.Headers)) return "unexpected: reason headers";
        if (bad.Outcome is { } reason)
        {
            var failed = outcomes.For(bad.Marker).OfType<WrapUpFailed>().FirstOrDefault();
            if (failed?.Reason != reason || outcomes.For(bad.Marker).Any(o => o is WrapUpApplied)) return "unexpected: outcome";
            return $"ok ({queue}, failed {reason})";
        }

        return $"ok ({queue})";
    }

    private static DeadLetter? Find(BadMessage bad, List<DeadLetter> deadLetters) =>
        deadLetters.FirstOrDefault(d => bad.HasMarker ? d.Message.Body.Contains(bad.Marker.ToString(), StringComparison.Ordinal) : d.Message.Body == bad.Body);

    private static string Describe(BadMessage bad, List<DeadLetter> deadLetters) =>
        Find(bad, deadLetters) is { } found
            ? $"in {found.Queue}; headers {string.Join(", ", found.Message.Headers.Where(h => h.Key.StartsWith("MT-", StringComparison.Ordinal) && !h.Key.Contains("StackTrace", StringComparison.Ordinal)).Select(h => $"{h.Key}={h.Value}"))}"
            : "found in no dead-letter queue";

    private static string? Header(IReadOnlyDictionary<string, string?> headers, string name) => headers.GetValueOrDefault(name);

    private sealed record DeadLetter(string Queue, BrokerMessage Message);

    private sealed record BadMessage(string Kind, Guid Marker, string Body, string ExpectedQueue, string? Outcome,
        Func<IReadOnlyDictionary<string, string?>, bool> Reason, string? ContentType = "application/json", bool HasMarker = true);
}
