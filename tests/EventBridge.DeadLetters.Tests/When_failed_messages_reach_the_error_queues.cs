using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using EventBridge.Contracts;
using EventBridge.DeadLetters.Ingesting;
using EventBridge.DeadLetters.Storage;
using EventBridge.DeadLetters.Tests.Support;
using EventBridge.Pipeline;
using EventBridge.Pipeline.Applying;

namespace EventBridge.DeadLetters.Tests;

/// <summary>
/// Real MassTransit faults (a bus whose consumers fail as the worker's do) and raw bodies on the real broker: each lands
/// in its _error queue, is stored with what could be read and the right reason, and leaves the queue.
/// </summary>
[TestFixture(StoreEngine.Sqlite)]
[TestFixture(StoreEngine.Postgres)]
public sealed class When_failed_messages_reach_the_error_queues(StoreEngine engine)
{
    private IsolatedVhost _vhost = null!;
    private DeadLetterHost _host = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _vhost = await IsolatedVhost.CreateAsync("deadletters-ingest");
        _host = await DeadLetterHost.StartAsync(_vhost, engine);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await _host.DisposeAsync();
        await _vhost.DeleteAsync();
    }

    [Test]
    public async Task Should_store_a_decided_failure_with_the_intent_stores_reason_and_the_intents_fields()
    {
        var intent = DeadLetterHost.Intent(FakePipeline.InvalidCode);
        await _host.SendIntentAsync(intent);

        var summary = await _host.LetterOfIntentAsync(intent.IntentId);
        var letter = (await _host.Store.FindAsync(summary.Id))!;
        Assert.Multiple(() =>
        {
            Assert.That(letter.Reason, Is.EqualTo(WrapUpFailureReasons.InvalidCode));
            Assert.That(letter.Status, Is.EqualTo(DeadLetterStatus.Open));
            Assert.That(letter.Queue, Is.EqualTo(DeadLetterHost.IntakeErrorQueue));
            Assert.That(letter.MessageKind, Is.EqualTo(DeadLetterKinds.Intent));
            Assert.That(letter.ConversationId, Is.EqualTo(intent.ConversationId));
            Assert.That(letter.WrapUpCode, Is.EqualTo(intent.WrapUpCode));
            Assert.That(letter.Notes, Is.EqualTo(intent.Notes));
            Assert.That(letter.ParticipantId, Is.EqualTo(intent.ParticipantId));
            Assert.That(letter.UserId, Is.EqualTo(intent.UserId));
            Assert.That(letter.Disconnect, Is.True);
            Assert.That(letter.ExceptionType, Is.Null, "a decided failure is a value, not an exception");
            Assert.That(letter.FaultMessage, Is.EqualTo(FakePipeline.GenesysAnswer));
            Assert.That(letter.RetryCount, Is.Null.Or.EqualTo(0), "a decided failure is never retried");
            Assert.That(letter.FaultTimestamp, Is.Not.Null.And.Not.Empty);
            Assert.That(letter.MessageId, Is.Not.Null.And.Not.Empty);
            Assert.That(letter.ContentType, Is.EqualTo("application/vnd.masstransit+json"));
            Assert.That(letter.Headers.GetProperty(PipelineHeaders.FailureReason).GetString(), Is.EqualTo(WrapUpFailureReasons.InvalidCode));
            Assert.That(letter.Headers.GetProperty(PipelineHeaders.FailureDetail).GetString(), Is.EqualTo(letter.FaultMessage));
            Assert.That(JsonDocument.Parse(letter.Body).RootElement.GetProperty("message").GetProperty("intentId").GetGuid(), Is.EqualTo(intent.IntentId));
        });
        await Eventually.TrueAsync(() => RawBroker.CountAsync(_vhost.Uri, DeadLetterHost.IntakeErrorQueue).Result == 0,
            TimeSpan.FromSeconds(10), "the error queue to be empty once the letter is stored");
    }

    [Test]
    public async Task Should_store_unreadable_raw_json_with_its_body_as_unreadable()
    {
        var marker = Guid.NewGuid();
        var body = $$"""{"intentId":"{{marker}}","conversationId":"c-1","wrapUpCode":""";
        await RawBroker.PublishAsync(_vhost.Uri, PipelineQueues.Intents, body);

        var summary = await _host.LetterAsync(l => l.Reason == FaultReasons.Unreadable && l.MessageKind == DeadLetterKinds.Unknown &&
            _host.Store.FindAsync(l.Id).Result!.Body == body, "the unreadable raw message");
        var letter = (await _host.Store.FindAsync(summary.Id))!;
        Assert.Multiple(() =>
        {
            Assert.That(letter.IntentId, Is.Null);
            Assert.That(letter.ConversationId, Is.Null);
            Assert.That(letter.BodyEncoding, Is.EqualTo(DeadLetterBody.Utf8));
            Assert.That(letter.ExceptionType, Is.Not.Null.And.Not.Empty);
            Assert.That(letter.Headers.TryGetProperty("MT-Fault-MessageType", out _), Is.False, "MassTransit names no type for an unreadable body");
        });
    }

    [Test]
    public async Task Should_keep_a_body_with_a_nul_byte_as_its_exact_bytes()
    {
        // Valid UTF-8, never valid JSON, and PostgreSQL text cannot hold it: the letter keeps the bytes, base64.
        var body = $"{{\"intentId\":\"{Guid.NewGuid()}\",\0\"wrapUpCode\":\"Resolved\"}}";
        var bytes = Encoding.UTF8.GetBytes(body);
        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
        await RawBroker.PublishAsync(_vhost.Uri, PipelineQueues.Intents, body);

        var summary = await _host.LetterAsync(l => l.Reason == FaultReasons.Unreadable && _host.Store.FindAsync(l.Id).Result!.BodySha256 == hash,
            "the message with a NUL byte");
        var letter = (await _host.Store.FindAsync(summary.Id))!;
        Assert.Multiple(() =>
        {
            Assert.That(letter.BodyEncoding, Is.EqualTo(DeadLetterBody.Base64));
            Assert.That(Convert.FromBase64String(letter.Body), Is.EqualTo(bytes));
            Assert.That(letter.BodyCut, Is.False);
        });
    }

    [Test]
    public async Task Should_keep_only_the_first_bytes_of_a_huge_body_with_its_size_and_hash()
    {
        // 3 MB of two-byte characters, unreadable (never closed): only its first 256 KiB may reach the database and the page.
        var body = $$"""{"intentId":"{{Guid.NewGuid()}}","notes":"{{new string('é', 1_500_000)}}""";
        var bytes = Encoding.UTF8.GetBytes(body);
        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
        await RawBroker.PublishAsync(_vhost.Uri, PipelineQueues.Intents, body);

        var summary = await _host.LetterAsync(l => l.Reason == FaultReasons.Unreadable && _host.Store.FindAsync(l.Id).Result!.BodySha256 == hash,
            "the huge unreadable message");
        var letter = (await _host.Store.FindAsync(summary.Id))!;
        var limit = new DeadLetterOptions().MaxStoredBodyBytes;
        Assert.Multiple(() =>
        {
            Assert.That(letter.BodyCut, Is.True);
            Assert.That(letter.BodyBytes, Is.EqualTo(bytes.Length));
            Assert.That(Encoding.UTF8.GetByteCount(letter.Body), Is.LessThanOrEqualTo(limit).And.GreaterThan(limit - 4),
                "the first 256 KiB, ending on a whole character");
            Assert.That(body, Does.StartWith(letter.Body));
        });
    }

    [Test]
    public async Task Should_take_the_reason_from_the_header_when_the_store_does_not_know_the_intent()
    {
        var intent = DeadLetterHost.Intent(FakePipeline.Malformed);
        var json = JsonSerializer.Serialize(intent, JsonSerializerOptions.Web);
        await RawBroker.PublishAsync(_vhost.Uri, PipelineQueues.Intents, json);

        var letter = await _host.LetterOfIntentAsync(intent.IntentId);
        var stored = (await _host.Store.FindAsync(letter.Id))!;
        Assert.Multiple(() =>
        {
            Assert.That(stored.Body, Is.EqualTo(json), "a Node gateway's raw JSON reaches support as it was sent");
            Assert.That(letter.Reason, Is.EqualTo(WrapUpFailureReasons.RejectedAsMalformed));
            Assert.That(letter.ConversationId, Is.EqualTo(intent.ConversationId), "raw JSON is read like the intake reads it");
            Assert.That(letter.WrapUpCode, Is.EqualTo(FakePipeline.Malformed));
        });
    }

    [Test]
    public async Task Should_name_the_exception_type_when_the_failure_was_not_decided()
    {
        var intent = DeadLetterHost.Intent(FakePipeline.Flaky);
        await _host.SendIntentAsync(intent);

        var letter = (await _host.Store.FindAsync((await _host.LetterOfIntentAsync(intent.IntentId)).Id))!;
        Assert.Multiple(() =>
        {
            Assert.That(letter.Reason, Is.EqualTo("error:InvalidOperationException"));
            Assert.That(letter.RetryCount, Is.EqualTo(1), "the endpoint's transient retry ran out first");
        });
    }

    [Test]
    public async Task Should_store_a_failed_settle_command_with_the_conversation_of_its_stored_intent()
    {
        var intent = DeadLetterHost.Intent("QA_Review");
        await _host.Pipeline.StoreFailedAsync(intent, CancellationToken.None, WrapUpFailureReasons.AcwTimedOut);
        await _host.SendSettleAsync(new SettleWrapUpIntent { IntentId = intent.IntentId, ConversationId = intent.ConversationId, Trigger = "event" });

        var letter = await _host.LetterOfIntentAsync(intent.IntentId);
        Assert.Multiple(() =>
        {
            Assert.That(letter.Queue, Is.EqualTo(DeadLetterHost.SettleErrorQueue));
            Assert.That(letter.MessageKind, Is.EqualTo(DeadLetterKinds.Settle));
            Assert.That(letter.Reason, Is.EqualTo(WrapUpFailureReasons.AcwTimedOut));
            Assert.That(letter.ConversationId, Is.EqualTo(intent.ConversationId));
        });
    }

    [Test]
    public async Task Should_drop_headers_named_like_credentials()
    {
        await RawBroker.DeclareAsync(_vhost.Uri, DeadLetterHost.IntakeErrorQueue); // as MassTransit does at the first fault
        await RawBroker.PublishAsync(_vhost.Uri, DeadLetterHost.IntakeErrorQueue, """{"intentId":"not-a-guid"}""", headers: new Dictionary<string, object?>
        {
            ["MT-Fault-ExceptionType"] = "System.Text.Json.JsonException",
            ["MT-Fault-Message"] = "bad json",
            ["MT-Fault-Timestamp"] = DateTimeOffset.UtcNow.ToString("O"),
            ["Authorization"] = "Bearer abc.def",
            ["x-api-token"] = "t0ken",
            ["ClientSecret"] = "s3cret",
            ["x-trace"] = "kept",
        }, messageId: Guid.NewGuid().ToString());

        var summary = await _host.LetterAsync(l => l.FaultMessage == "bad json", "the letter with credential headers");
        var letter = (await _host.Store.FindAsync(summary.Id))!;
        var names = letter.Headers.EnumerateObject().Select(p => p.Name).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(names, Does.Contain("x-trace"));
            Assert.That(names, Has.None.Matches<string>(n => n.Contains("Authorization", StringComparison.OrdinalIgnoreCase) ||
                n.Contains("token", StringComparison.OrdinalIgnoreCase) || n.Contains("secret", StringComparison.OrdinalIgnoreCase)));
            Assert.That(letter.Reason, Is.EqualTo(FaultReasons.Unreadable));
        });
    }
}
