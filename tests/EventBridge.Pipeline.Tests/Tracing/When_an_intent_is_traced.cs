using System.Diagnostics;
using System.Text.Json;
using EventBridge.Genesys;
using EventBridge.Pipeline.Observability;
using EventBridge.Pipeline.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace EventBridge.Pipeline.Tests.Tracing;

/// <summary>
/// The worker's own tracing (the composition root's) with an in-memory exporter added: one intent is one connected
/// trace from the caller's publish to the outcome the caller consumes, through the intake, the settle an event started,
/// and each Genesys call; and no span carries a notification channel id.
/// </summary>
public sealed class When_an_intent_is_traced
{
    [Test]
    public async Task Should_make_one_connected_trace_from_the_published_intent_to_the_consumed_outcome()
    {
        var spans = new ExportedSpans();
        await using var host = await PipelineHost.StartAsync(services: s => s.ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(spans)));
        await host.UntilListeningAsync();
        var conversation = host.Simulator.ConnectedConversation();
        var intent = Scenarios.IntentFor(conversation.ConversationId, disconnect: true);

        await host.PublishAsync(intent);
        await host.Outcomes.AppliedAsync(intent.IntentId);

        var intentId = intent.IntentId.ToString("D");
        // Spans end after their children: wait until the last ones (the settle, the outcome's consume) are exported.
        await Eventually.TrueAsync(() => TraceOf(spans, intentId) is var probe && Connected(probe) && probe.Any(IsOutcomeConsume) &&
                                         probe.Any(s => s.OperationName == "settle"),
            Scenarios.Patience, "the intent's trace to hold its settle and the outcome's consume, every span's parent in it");
        var trace = TraceOf(spans, intentId);
        Assert.Multiple(() =>
        {
            Assert.That(trace.Where(s => s.ParentSpanId == default).Select(s => s.DisplayName), Has.Exactly(1).Items, "one root: the caller's publish");
            Assert.That(trace.Where(s => s.Source.Name == WrapUpTracing.SourceName).Select(s => s.OperationName),
                Is.SupersetOf(new[] { "intake", "disconnect", "settle" }));
            Assert.That(trace.Where(s => s.Source.Name == WrapUpTracing.SourceName).Select(s => s.GetTagItem(WrapUpTracing.IntentIdTag)), Is.All.EqualTo(intentId));
            Assert.That(trace.Select(s => s.DisplayName), Has.Some.Matches<string>(n => n.StartsWith("genesys ", StringComparison.Ordinal) && n.EndsWith("/wrapup", StringComparison.Ordinal) || n == "genesys PATCH /api/v2/conversations/messages/{id}/participants/{id}"),
                "the wrap-up call");
            Assert.That(trace.Where(s => s.Source.Name == GenesysTracing.SourceName).Select(s => s.GetTagItem(GenesysTracing.ConversationIdTag)), Is.All.EqualTo(conversation.ConversationId).Or.Null);
        });

        var channelIds = host.Simulator.Control.Channels().Select(c => c.Id).ToList();
        var everything = spans.Snapshot().SelectMany(s => s.TagObjects.Select(t => t.Value?.ToString() ?? "").Append(s.DisplayName)).ToList();
        Assert.That(channelIds, Is.Not.Empty);
        Assert.That(everything.Where(text => channelIds.Any(id => text.Contains(id, StringComparison.Ordinal))), Is.Empty, "a channel id is a credential");
    }

    [Test]
    public async Task Should_join_the_trace_a_raw_json_publisher_names_in_its_activity_header()
    {
        var spans = new ExportedSpans();
        await using var host = await PipelineHost.StartAsync(services: s => s.ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(spans)));
        await host.UntilListeningAsync();
        var conversation = host.Simulator.ConnectedConversation();
        var intent = Scenarios.IntentFor(conversation.ConversationId);
        var gatewayTrace = ActivityTraceId.CreateRandom();
        var gatewaySpan = ActivitySpanId.CreateRandom();

        // What a Node gateway sets with amqplib's headers option (docs/raw-json-intents.md).
        await TestBroker.PublishRawAsync(PipelineQueues.Intents, JsonSerializer.Serialize(intent, JsonSerializerOptions.Web),
            headers: new Dictionary<string, object?> { ["MT-Activity-Id"] = $"00-{gatewayTrace}-{gatewaySpan}-01" });
        await host.Outcomes.UntilAcceptedAsync(intent.IntentId);

        var intentId = intent.IntentId.ToString("D");
        await Eventually.TrueAsync(() => spans.Snapshot().Any(s => s.OperationName == "intake" && Equals(s.GetTagItem(WrapUpTracing.IntentIdTag), intentId)),
            Scenarios.Patience, "the intake span");
        var intake = spans.Snapshot().Single(s => s.OperationName == "intake" && Equals(s.GetTagItem(WrapUpTracing.IntentIdTag), intentId));
        Assert.That(intake.TraceId, Is.EqualTo(gatewayTrace));
        Assert.That(spans.Snapshot().Where(s => s.TraceId == gatewayTrace).Select(s => s.ParentSpanId), Has.Member(gatewaySpan),
            "MassTransit's receive span is the gateway span's child");
    }

    private static bool IsOutcomeConsume(Activity span) =>
        span.Source.Name == "MassTransit" && span.Kind == ActivityKind.Consumer && span.DisplayName.Contains("test-outcomes", StringComparison.Ordinal);

    /// <summary>Every span of the trace the intent's intake span is in.</summary>
    private static List<Activity> TraceOf(ExportedSpans spans, string intentId)
    {
        var all = spans.Snapshot();
        var intake = all.FirstOrDefault(s => s.OperationName == "intake" && Equals(s.GetTagItem(WrapUpTracing.IntentIdTag), intentId));
        return intake is null ? [] : [.. all.Where(s => s.TraceId == intake.TraceId)];
    }

    private static bool Connected(List<Activity> trace)
    {
        var ids = trace.Select(s => s.SpanId).ToHashSet();
        return trace.Count > 0 && trace.All(s => s.ParentSpanId == default || ids.Contains(s.ParentSpanId));
    }
}
