using EventBridge.DeadLetters.Ingesting;
using EventBridge.DeadLetters.Storage;
using EventBridge.DeadLetters.Tests.Support;
using EventBridge.Pipeline.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;

namespace EventBridge.DeadLetters.Tests;

/// <summary>
/// The ingestor never declares an error queue (MassTransit owns its arguments): it waits for a missing one, and looks
/// for it again when the broker deletes it under its consumer.
/// </summary>
[TestFixture]
public sealed class When_an_error_queue_comes_and_goes
{
    private const string Queue = "eventbridge-wrapup-settle_error";
    private IsolatedVhost _vhost = null!;
    private string _folder = null!;

    [SetUp]
    public async Task CreateAsync()
    {
        _vhost = await IsolatedVhost.CreateAsync("deadletters-queue");
        _folder = Path.Combine(Path.GetTempPath(), "eventbridge-deadletter-tests", Guid.NewGuid().ToString("N"));
    }

    [TearDown]
    public async Task DeleteAsync()
    {
        SqliteConnection.ClearAllPools();
        await _vhost.DeleteAsync();
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    [Test]
    public async Task Should_wait_for_a_missing_queue_and_resume_after_it_is_deleted_and_declared_again()
    {
        var options = Options.Create(new DeadLetterOptions
        {
            Path = Path.Combine(_folder, "deadletters.db"),
            RetryInterval = TimeSpan.FromMilliseconds(100),
            Queues = [Queue],
            RabbitMqUri = _vhost.Uri,
        });
        using var store = new SqliteDeadLetterStore(options);
        await store.InitializeAsync();
        using var intents = new SqliteIntentStore(Options.Create(new IntentStoreOptions { Path = Path.Combine(_folder, "intents.db") }));
        await intents.InitializeAsync();
        using var ingestor = new DeadLetterIngestor(store, intents, options, TimeProvider.System, NullLogger<DeadLetterIngestor>.Instance);
        await ingestor.StartAsync(CancellationToken.None);
        try
        {
            await RawBroker.DeclareAsync(_vhost.Uri, Queue); // the first fault: MassTransit declares the queue
            await RawBroker.PublishAsync(_vhost.Uri, Queue, "first", "text/plain", messageId: Guid.NewGuid().ToString());
            await StoredAsync(store, "first");

            await DeleteQueueAsync();
            await RawBroker.DeclareAsync(_vhost.Uri, Queue);
            await RawBroker.PublishAsync(_vhost.Uri, Queue, "second", "text/plain", messageId: Guid.NewGuid().ToString());
            await StoredAsync(store, "second");
        }
        finally
        {
            await ingestor.StopAsync(CancellationToken.None);
        }
    }

    private static Task<DeadLetterSummary> StoredAsync(SqliteDeadLetterStore store, string body) =>
        Eventually.GetAsync(async () =>
        {
            foreach (var summary in await store.ListAsync(null, null, 10, null))
                if ((await store.FindAsync(summary.Id))!.Body == body) return summary;
            return null;
        }, TimeSpan.FromSeconds(20), $"the letter '{body}'");

    private async Task DeleteQueueAsync()
    {
        var factory = new ConnectionFactory { Uri = _vhost.Uri };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        await channel.QueueDeleteAsync(Queue);
    }
}
