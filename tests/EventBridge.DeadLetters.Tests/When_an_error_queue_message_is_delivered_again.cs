using EventBridge.DeadLetters.Ingesting;
using EventBridge.DeadLetters.Storage;
using EventBridge.DeadLetters.Tests.Support;
using EventBridge.Pipeline.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace EventBridge.DeadLetters.Tests;

/// <summary>Ack only after commit, and a redelivery (the crash between commit and ack) is one letter.</summary>
[TestFixture]
public sealed class When_an_error_queue_message_is_delivered_again
{
    private const string Queue = "eventbridge-wrapup-intents_error";
    private IsolatedVhost _vhost = null!;
    private string _folder = null!;

    [SetUp]
    public async Task CreateAsync()
    {
        _vhost = await IsolatedVhost.CreateAsync("deadletters-redelivery");
        _folder = Path.Combine(Path.GetTempPath(), "eventbridge-deadletter-tests", Guid.NewGuid().ToString("N"));
        await RawBroker.DeclareAsync(_vhost.Uri, Queue);
    }

    [TearDown]
    public async Task DeleteAsync()
    {
        SqliteConnection.ClearAllPools();
        await _vhost.DeleteAsync();
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    [Test]
    public async Task Should_store_the_same_message_once()
    {
        var (store, intents) = await OpenAsync(TimeSpan.FromSeconds(30));
        var messageId = Guid.NewGuid().ToString();
        for (var i = 0; i < 2; i++) await RawBroker.PublishAsync(_vhost.Uri, Queue, Body, headers: Headers(), messageId: messageId);

        var ingestor = Ingestor(store, intents, NullLogger<DeadLetterIngestor>.Instance);
        await ingestor.StartAsync(CancellationToken.None);
        try
        {
            await Eventually.TrueAsync(() => RawBroker.CountAsync(_vhost.Uri, Queue).Result == 0, TimeSpan.FromSeconds(20), "both deliveries taken");
            await Eventually.GetAsync(async () => (await store.ListAsync(null, null, 10, null)).Count > 0 ? "stored" : null, TimeSpan.FromSeconds(20), "the letter");
            // Still one after the queue drained: the second delivery found the first's row.
            Assert.That(await store.ListAsync(null, null, 10, null), Has.Count.EqualTo(1));
        }
        finally
        {
            await ingestor.StopAsync(CancellationToken.None);
        }
    }

    [Test]
    public async Task Should_leave_the_message_in_the_queue_until_the_letter_is_committed()
    {
        var (store, intents) = await OpenAsync(TimeSpan.FromMilliseconds(100));
        await RawBroker.PublishAsync(_vhost.Uri, Queue, Body, headers: Headers(), messageId: Guid.NewGuid().ToString());

        // Another writer holds the database: the ingestor cannot commit, so it must not acknowledge.
        await using (var blocker = new SqliteConnection($"Data Source={store.DatabasePath};Pooling=False"))
        {
            await blocker.OpenAsync();
            await using (var exclusive = blocker.BeginTransaction(System.Data.IsolationLevel.Serializable, deferred: false))
            {
                using (var command = blocker.CreateCommand())
                {
                    command.Transaction = exclusive;
                    command.CommandText = "INSERT INTO schema_version (version, applied_at) VALUES (99, 'held');";
                    await command.ExecuteNonQueryAsync();
                }

                var logger = new CountingLogger<DeadLetterIngestor>();
                var blocked = Ingestor(store, intents, logger);
                await blocked.StartAsync(CancellationToken.None);
                await Eventually.TrueAsync(() => logger.Errors >= 2, TimeSpan.FromSeconds(20), "the ingestor to fail to store the letter twice");
                await blocked.StopAsync(CancellationToken.None);
                blocked.Dispose();
                await exclusive.RollbackAsync();
            }
        }

        await Assert.MultipleAsync(async () =>
        {
            Assert.That(await RawBroker.CountAsync(_vhost.Uri, Queue), Is.EqualTo(1u), "the message was not acknowledged");
            Assert.That(await store.ListAsync(null, null, 10, null), Is.Empty);
        });

        var ingestor = Ingestor(store, intents, NullLogger<DeadLetterIngestor>.Instance);
        await ingestor.StartAsync(CancellationToken.None);
        try
        {
            await Eventually.TrueAsync(() => RawBroker.CountAsync(_vhost.Uri, Queue).Result == 0, TimeSpan.FromSeconds(20), "the message to be taken");
            Assert.That(await store.ListAsync(null, null, 10, null), Has.Count.EqualTo(1));
        }
        finally
        {
            await ingestor.StopAsync(CancellationToken.None);
        }
    }

    private const string Body = """{"intentId":12345,"conversationId":"c-1"}""";

    private static Dictionary<string, object?> Headers() => new()
    {
        ["MT-Reason"] = "fault",
        ["MT-Fault-ExceptionType"] = "MassTransit.SerializationException",
        ["MT-Fault-Message"] = "An exception occurred while deserializing the message",
        ["MT-Fault-Timestamp"] = "2026-11-25T14:00:00.0000000Z",
        ["MT-Fault-RetryCount"] = 0,
    };

    private async Task<(SqliteDeadLetterStore Store, SqliteIntentStore Intents)> OpenAsync(TimeSpan busyTimeout)
    {
        var store = new SqliteDeadLetterStore(Options.Create(Settings(busyTimeout)));
        await store.InitializeAsync();
        var intents = new SqliteIntentStore(Options.Create(new IntentStoreOptions { Path = Path.Combine(_folder, "intents.db") }));
        await intents.InitializeAsync();
        return (store, intents);
    }

    private DeadLetterOptions Settings(TimeSpan busyTimeout) => new()
    {
        Path = Path.Combine(_folder, "deadletters.db"),
        BusyTimeout = busyTimeout,
        RetryInterval = TimeSpan.FromMilliseconds(100),
        Queues = [Queue],
        RabbitMqUri = _vhost.Uri,
    };

    private DeadLetterIngestor Ingestor(SqliteDeadLetterStore store, SqliteIntentStore intents, Microsoft.Extensions.Logging.ILogger<DeadLetterIngestor> logger) =>
        new(store, intents, Options.Create(Settings(TimeSpan.FromMilliseconds(100))), TimeProvider.System, logger);
}
