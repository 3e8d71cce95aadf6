using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using EventBridge.Genesys.Models;
using EventBridge.Genesys.Simulator.Organization;
using EventBridge.Pipeline.Listening;
using EventBridge.Pipeline.Matching;
using EventBridge.Pipeline.Storage;

namespace EventBridge.Bench;

/// <summary>The frame as a plain typed model: what bare System.Text.Json deserialisation of the same payload produces.</summary>
internal sealed record BareConversationEnvelope
{
    public string? TopicName { get; init; }
    public string? Version { get; init; }
    public Conversation? EventBody { get; init; }
    public NotificationMetadata? Metadata { get; init; }
}

/// <summary>
/// One notification frame through EventBridge's ingest path (exactly what <see cref="ConversationEventRouter"/> does
/// per frame: parse the envelope as NotificationSocket does, topic check, ParseConversation, index lookup,
/// WrapUpEvaluator per intent) with the settle send replaced by a counter — versus bare deserialisation.
/// </summary>
internal sealed class IngestWork
{
    private static readonly JsonTypeInfo<BareConversationEnvelope> BareType = (JsonTypeInfo<BareConversationEnvelope>)
        new JsonSerializerOptions(GenesysJsonContext.Default.Options) { TypeInfoResolver = JsonTypeInfoResolver.Combine(GenesysJsonContext.Default, new DefaultJsonTypeInfoResolver()) }
            .GetTypeInfo(typeof(BareConversationEnvelope));

    private readonly string[] _frames;
    private readonly PendingIntentIndex _index = new();
    public long Settles;

    public IngestWork(IReadOnlyList<string> frames, int pendingIntents)
    {
        _frames = [.. frames];
        var conversationIds = frames.Select(f => BareParse(f)?.EventBody?.Id).OfType<string>().Distinct().ToList();
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < pendingIntents; i++)
        {
            // Every captured conversation has an intent; the rest of the index is filler so lookups see a 10k map.
            var conversationId = i < conversationIds.Count ? conversationIds[i] : Guid.NewGuid().ToString();
            _index.Add(new StoredIntent
            {
                IntentId = Guid.NewGuid(), ConversationId = conversationId, RequestedCode = "Resolved",
                CodeId = SeedData.ResolvedCodeId, CodeName = "Resolved", Status = IntentStatus.Pending,
                Deadline = now.AddHours(2), ReceivedAt = now, UpdatedAt = now,
            });
        }
    }

    public int FrameCount => _frames.Length;

    public int EventBridgeAll()
    {
        var n = 0;
        foreach (var frame in _frames) n += EventBridge(frame);
        return n;
    }

    public int BareAll()
    {
        var n = 0;
        foreach (var frame in _frames) n += BareParse(frame)?.EventBody?.Participants?.Count ?? 0;
        return n;
    }

    private int EventBridge(string frame)
    {
        var envelope = JsonSerializer.Deserialize(frame, GenesysJsonContext.Default.NotificationEnvelope);
        if (envelope?.TopicName is not { } topic || !topic.EndsWith(".conversations", StringComparison.Ordinal)) return 0;
        var conversation = envelope.ParseConversation();
        if (conversation?.Id is null) return 0;
        var matched = 0;
        foreach (var intent in _index.For(conversation.Id))
        {
            if (intent.CodeId is null) continue;
            if (WrapUpEvaluator.Evaluate(conversation, intent).Kind == WrapUpDecisionKind.Wait) continue;
            Interlocked.Increment(ref Settles);
            matched++;
        }

        return matched + 1;
    }

    private static BareConversationEnvelope? BareParse(string frame) => JsonSerializer.Deserialize(frame, BareType);
}
