using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using EventBridge.DeadLetters.Storage;
using EventBridge.Pipeline;
using RabbitMQ.Client;

namespace EventBridge.DeadLetters.Ingesting;

/// <summary>
/// Reads what can be read from an error-queue message: EventBridge's decided-failure headers or MassTransit's fault
/// headers, and the intent's fields from a
/// MassTransit envelope (<c>message</c>) or a raw JSON body, leniently — a body that failed to deserialise may still
/// name its conversation. The reason is decided afterwards (<see cref="FaultReasons"/>), with the intent store.
/// </summary>
internal static class DeadLetterReader
{
    private const string EnvelopeContentType = "application/vnd.masstransit+json";
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <param name="maxStoredBodyBytes">
    /// Longest body kept: a larger one is stored as its first bytes with its size and SHA-256 (the fields are still read
    /// from all of it), so one huge message cannot grow the database or the review page by megabytes.
    /// </param>
    public static NewDeadLetter Read(string queue, ReadOnlySpan<byte> body, IReadOnlyBasicProperties properties, DateTimeOffset receivedAt,
        int maxStoredBodyBytes)
    {
        var headers = properties.Headers;
        // EventBridge's own letters (a failure it decided) carry the reason as data; MassTransit's faults carry an exception.
        var decidedReason = NullIfBlank(AmqpHeaders.Text(headers, PipelineHeaders.FailureReason));
        var faultTimestamp = decidedReason is null ? AmqpHeaders.Text(headers, "MT-Fault-Timestamp") : AmqpHeaders.Text(headers, PipelineHeaders.FailedAt);
        var (text, encoding) = Decode(body);
        var payload = encoding == DeadLetterBody.Utf8 ? Payload.Parse(text, properties.ContentType) : Payload.None;
        var cut = body.Length > maxStoredBodyBytes;
        var messageId = properties.MessageId ?? payload.EnvelopeMessageId;

        return new NewDeadLetter
        {
            DedupKey = DedupKey(queue, messageId, faultTimestamp, body),
            Queue = queue,
            MessageId = messageId,
            ContentType = properties.ContentType,
            Body = cut ? Prefix(body, maxStoredBodyBytes, encoding) : text,
            BodyEncoding = encoding,
            BodyBytes = body.Length,
            BodySha256 = Convert.ToHexStringLower(SHA256.HashData(body)),
            BodyCut = cut,
            HeadersJson = AmqpHeaders.ToJson(headers),
            Reason = decidedReason ?? "",
            FaultMessage = decidedReason is null ? AmqpHeaders.Text(headers, "MT-Fault-Message") : AmqpHeaders.Text(headers, PipelineHeaders.FailureDetail),
            ExceptionType = AmqpHeaders.Text(headers, "MT-Fault-ExceptionType"),
            RetryCount = int.TryParse(AmqpHeaders.Text(headers, "MT-Fault-RetryCount"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var retries) ? retries : null,
            FaultTimestamp = faultTimestamp,
            FailedAt = ParseInstant(faultTimestamp) ?? receivedAt,
            ReceivedAt = receivedAt,
            MessageKind = payload.IsObject ? KindOf(queue, payload) : DeadLetterKinds.Unknown,
            IntentId = Guid.TryParse(payload.String("intentId"), out var intentId) && intentId != Guid.Empty ? intentId : null,
            ConversationId = NullIfBlank(payload.String("conversationId")),
            WrapUpCode = NullIfBlank(payload.String("wrapUpCode")),
            Notes = payload.String("notes"),
            ParticipantId = NullIfBlank(payload.String("participantId")),
            UserId = NullIfBlank(payload.String("userId")),
            Disconnect = payload.Bool("disconnect"),
            RequestedBy = payload.String("requestedBy"),
        };
    }

    /// <summary>Whether MassTransit could tell the message type (it names it only after reading the body).</summary>
    public static bool MessageTypeKnown(IReadOnlyBasicProperties properties) =>
        !string.IsNullOrWhiteSpace(AmqpHeaders.Text(properties.Headers, "MT-Fault-MessageType"));

    private static string KindOf(string queue, Payload payload)
    {
        if (FaultReasons.IsSkippedQueue(queue)) return DeadLetterKinds.NotAnIntent;
        if (queue.StartsWith(PipelineQueues.Settle, StringComparison.Ordinal) || payload.String("trigger") is not null) return DeadLetterKinds.Settle;
        if (queue.StartsWith(PipelineQueues.Disconnect, StringComparison.Ordinal)) return DeadLetterKinds.Disconnect;
        if (queue.StartsWith(PipelineQueues.Intents, StringComparison.Ordinal) || payload.String("wrapUpCode") is not null) return DeadLetterKinds.Intent;
        return DeadLetterKinds.Unknown;
    }

    private static (string Text, string Encoding) Decode(ReadOnlySpan<byte> body)
    {
        // A NUL byte is valid UTF-8 but never valid JSON, and PostgreSQL text cannot hold it: such a body keeps its exact
        // bytes as base64 on either engine.
        if (body.Contains((byte)0)) return (Convert.ToBase64String(body), DeadLetterBody.Base64);
        try
        {
            return (StrictUtf8.GetString(body), DeadLetterBody.Utf8);
        }
        catch (DecoderFallbackException)
        {
            return (Convert.ToBase64String(body), DeadLetterBody.Base64);
        }
    }

    /// <summary>The first bytes of the body, ending on a whole UTF-8 character when it is text.</summary>
    private static string Prefix(ReadOnlySpan<byte> body, int bytes, string encoding)
    {
        if (encoding == DeadLetterBody.Base64) return Convert.ToBase64String(body[..bytes]);
        var end = bytes;
        while (end > 0 && (body[end] & 0xC0) == 0x80) end--; // a continuation byte: the character started before
        return StrictUtf8.GetString(body[..end]);
    }

    private static string DedupKey(string queue, string? messageId, string? faultTimestamp, ReadOnlySpan<byte> body)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{queue}\n{messageId}\n{faultTimestamp}\n"));
        hash.AppendData(body);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static DateTimeOffset? ParseInstant(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant) ? instant.ToUniversalTime() : null;

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>The object holding the message's fields: the envelope's <c>message</c>, or the raw body itself.</summary>
    private sealed class Payload
    {
        public static readonly Payload None = new(null, null);

        private readonly Dictionary<string, JsonElement>? _fields;

        private Payload(Dictionary<string, JsonElement>? fields, string? envelopeMessageId)
        {
            _fields = fields;
            EnvelopeMessageId = envelopeMessageId;
        }

        public bool IsObject => _fields is not null;

        public string? EnvelopeMessageId { get; }

        public static Payload Parse(string text, string? contentType)
        {
            try
            {
                using var document = JsonDocument.Parse(text);
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object) return None;
                var rootFields = Fields(root);
                var isEnvelope = string.Equals(contentType, EnvelopeContentType, StringComparison.OrdinalIgnoreCase) ||
                    (rootFields.TryGetValue("messageType", out var types) && types.ValueKind == JsonValueKind.Array);
                if (isEnvelope && rootFields.TryGetValue("message", out var message) && message.ValueKind == JsonValueKind.Object)
                {
                    var envelopeId = rootFields.TryGetValue("messageId", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
                    return new Payload(Fields(message), envelopeId);
                }

                return new Payload(rootFields, null);
            }
            catch (JsonException)
            {
                return None;
            }
        }

        public string? String(string name) =>
            _fields is not null && _fields.TryGetValue(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

        public bool? Bool(string name) =>
            _fields is not null && _fields.TryGetValue(name, out var value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False
                ? value.GetBoolean() : null;

        // Case-insensitive, as the intake reads raw JSON; the first of duplicate names wins. Values are cloned: the document goes.
        private static Dictionary<string, JsonElement> Fields(JsonElement element)
        {
            var fields = new Dictionary<string, JsonElement>(StringComparer.OrdinalIgnoreCase);
            foreach (var property in element.EnumerateObject()) fields.TryAdd(property.Name, property.Value.Clone());
            return fields;
        }
    }
}
