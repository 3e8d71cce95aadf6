using EventBridge.DeadLetters.Storage;
using EventBridge.Pipeline.Storage;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using RabbitMQ.Client.Exceptions;

namespace EventBridge.DeadLetters.Ingesting;

/// <summary>
/// Drains MassTransit's error queues into the dead-letter database: each message is stored (once, whatever the
/// redeliveries), and acknowledged only after the commit, so a crash in between means a redelivery, never a loss.
/// The queues are never declared here: MassTransit declares each at its first fault, with its input queue's arguments
/// (a declaration with other arguments would be refused with 406), so a missing queue is looked for again later.
/// </summary>
public sealed class DeadLetterIngestor(
    IDeadLetterStore store,
    IIntentStore intents,
    IOptions<DeadLetterOptions> options,
    TimeProvider time,
    ILogger<DeadLetterIngestor> logger) : BackgroundService
{
    private readonly DeadLetterOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var factory = new ConnectionFactory
        {
            Uri = _options.RabbitMqUri ?? throw new InvalidOperationException("DeadLetters needs RabbitMq:Uri."),
            AutomaticRecoveryEnabled = true,
            TopologyRecoveryEnabled = true,
            NetworkRecoveryInterval = _options.RetryInterval,
            ClientProvidedName = "eventbridge-dead-letters",
        };
        await using var connection = await ConnectAsync(factory, stoppingToken);
        try
        {
            await Task.WhenAll(_options.Queues.Select(queue => ConsumeAsync(connection, queue, stoppingToken)));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            // Unacknowledged messages go back to their queue when the connection closes: nothing is lost on shutdown.
            if (connection.IsOpen) await connection.CloseAsync(CancellationToken.None);
        }
    }

    private async Task<IConnection> ConnectAsync(ConnectionFactory factory, CancellationToken stoppingToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var connection = await factory.CreateConnectionAsync(stoppingToken);
                if (attempt > 1) logger.LogInformation("Dead-letter ingestor connected to RabbitMQ after {Attempts} attempts", attempt);
                return connection;
            }
            catch (Exception unreachable) when (unreachable is not OperationCanceledException)
            {
                // Never let the broker take the worker down with this service: keep trying, and say so once (a broker
                // down for an hour must not write a line every few seconds).
                logger.Log(attempt == 1 ? LogLevel.Warning : LogLevel.Debug,
                    "Dead-letter ingestor cannot connect to RabbitMQ at {Host}:{Port} ({Error}); trying again every {RetryInterval}",
                    factory.HostName, factory.Port, unreachable.InnerException?.Message ?? unreachable.Message, _options.RetryInterval);
                await Task.Delay(_options.RetryInterval, time, stoppingToken);
            }
        }
    }

    /// <summary>One error queue: wait until it exists, consume it, and start over when the broker cancels the consumer.</summary>
    private async Task ConsumeAsync(IConnection connection, string queue, CancellationToken stoppingToken)
    {
        var waitingLogged = false;
        var failureLogged = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await QueueExistsAsync(connection, queue, stoppingToken))
                {
                    waitingLogged = failureLogged = false;
                    await ConsumeUntilStoppedAsync(connection, queue, stoppingToken);
                    continue;
                }

                if (!waitingLogged)
                    logger.LogInformation("Error queue {Queue} does not exist yet (MassTransit declares it at the first fault); looking again every {RetryInterval}",
                        queue, _options.RetryInterval);
                waitingLogged = true;
            }
            catch (Exception failed) when (failed is not OperationCanceledException)
            {
                // The connection is down (it recovers by itself) or the channel was closed: start over in a moment,
                // and say so once until consuming works again (not once per attempt for as long as the broker is down).
                logger.Log(failureLogged ? LogLevel.Debug : LogLevel.Warning,
                    "Consuming error queue {Queue} failed ({Error}); trying again every {RetryInterval}", queue, failed.Message, _options.RetryInterval);
                failureLogged = true;
            }

            await Task.Delay(_options.RetryInterval, time, stoppingToken);
        }
    }

    /// <summary>Consumes until the broker cancels the consumer (queue deleted) or closes the channel.</summary>
    private async Task ConsumeUntilStoppedAsync(IConnection connection, string queue, CancellationToken stoppingToken)
    {
        await using var channel = await connection.CreateChannelAsync(cancellationToken: stoppingToken);
        await channel.BasicQosAsync(0, _options.PrefetchCount, global: false, stoppingToken);
        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, delivery) => StoreAsync(channel, queue, delivery, stoppingToken);
        consumer.UnregisteredAsync += (_, _) =>
        {
            stopped.TrySetResult(); // the queue was deleted, or the consumer cancelled: look for the queue again
            return Task.CompletedTask;
        };
        channel.ChannelShutdownAsync += (_, _) =>
        {
            // A lost connection is recovered with its channels and consumers; a channel closed on its own is not.
            if (connection.IsOpen) stopped.TrySetResult();
            return Task.CompletedTask;
        };
        await channel.BasicConsumeAsync(queue, autoAck: false, consumer, stoppingToken);
        logger.LogInformation("Ingesting dead letters from {Queue}", queue);
        await stopped.Task.WaitAsync(stoppingToken);
        logger.LogInformation("Consumer of {Queue} stopped; looking for the queue again", queue);
    }

    private static async Task<bool> QueueExistsAsync(IConnection connection, string queue, CancellationToken stoppingToken)
    {
        // A passive declare of a missing queue closes its channel (404): use a throwaway one.
        await using var probe = await connection.CreateChannelAsync(cancellationToken: stoppingToken);
        try
        {
            await probe.QueueDeclarePassiveAsync(queue, stoppingToken);
            return true;
        }
        catch (OperationInterruptedException missing) when (missing.ShutdownReason?.ReplyCode == 404)
        {
            return false;
        }
    }

    private async Task StoreAsync(IChannel channel, string queue, BasicDeliverEventArgs delivery, CancellationToken stoppingToken)
    {
        try
        {
            var letter = DeadLetterReader.Read(queue, delivery.Body.Span, delivery.BasicProperties, time.GetUtcNow(), _options.MaxStoredBodyBytes);
            var intent = letter.IntentId is { } intentId ? await FindIntentAsync(intentId, stoppingToken) : null;
            letter = letter with
            {
                // A skipped message is no failure of an intent: whatever its body names, its reason is what it is.
                Reason = FaultReasons.IsSkippedQueue(queue)
                    ? FaultReasons.NotAnIntent
                    : FaultReasons.Classify(intent, letter.Reason, letter.ExceptionType, DeadLetterReader.MessageTypeKnown(delivery.BasicProperties)),
                // A settle command carries ids only: the conversation and the code it asked for are the stored intent's.
                ConversationId = letter.ConversationId ?? intent?.ConversationId,
                WrapUpCode = letter.WrapUpCode ?? intent?.RequestedCode,
            };
            var (id, isNew) = await store.AddAsync(letter, stoppingToken);
            await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false, stoppingToken);
            if (isNew)
                logger.LogInformation("Dead letter {DeadLetterId} from {Queue}: {Reason} (intent {IntentId}, conversation {ConversationId})",
                    id, queue, letter.Reason, letter.IntentId, letter.ConversationId);
            else
                logger.LogInformation("Dead letter {DeadLetterId} from {Queue} was delivered again; already stored", id, queue);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Not acknowledged: the broker hands it out again after the restart.
        }
        catch (Exception failed)
        {
            logger.LogError(failed, "Could not store a dead letter from {Queue} (delivery {DeliveryTag}); it stays in the queue and is tried again in {RetryInterval}",
                queue, delivery.DeliveryTag, _options.RetryInterval);
            try
            {
                await Task.Delay(_options.RetryInterval, time, stoppingToken);
                await channel.BasicNackAsync(delivery.DeliveryTag, multiple: false, requeue: true, stoppingToken);
            }
            catch (Exception nackFailed) when (nackFailed is OperationCanceledException or AlreadyClosedException)
            {
                // The channel is gone: the broker requeues the message by itself.
            }
        }
    }

    private async Task<StoredIntent?> FindIntentAsync(Guid intentId, CancellationToken stoppingToken)
    {
        try
        {
            return await intents.FindAsync(intentId, stoppingToken);
        }
        catch (Exception unavailable) when (unavailable is not OperationCanceledException)
        {
            // The letter matters more than its reason: store it with the reason its headers give.
            logger.LogWarning(unavailable, "Intent store lookup of intent {IntentId} failed; the dead letter's reason comes from its headers", intentId);
            return null;
        }
    }
}
