using EventBridge.Pipeline.Storage;
using MassTransit;
using Microsoft.Extensions.Options;

namespace EventBridge.Pipeline.Outcomes;

/// <summary>
/// Publishes the outcomes the store holds as final but never saw go out. <see cref="IntentOutcomes"/> writes the store
/// first and publishes second, and an in-process settle or a sweep has no broker message whose redelivery would
/// publish again: a process killed (SIGKILL, OOM, node loss) in that gap leaves the agent's code applied and the caller
/// never told. Every replica runs this (any of them may have died with such a gap); outcome events are at least once,
/// so a rare second copy is harmless. It spends no Genesys request.
/// </summary>
public sealed class OutcomeRepublisher(
    IIntentStore store,
    IntentOutcomes outcomes,
    IBus bus,
    IOptions<WrapUpPipelineOptions> options,
    TimeProvider time,
    ILogger<OutcomeRepublisher> logger) : BackgroundService
{
    private const int BatchSize = 100;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.OutcomeRepublishAfter / 3;
        using var timer = new PeriodicTimer(interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await RepublishAsync(stoppingToken);
                }
                catch (Exception failed) when (!stoppingToken.IsCancellationRequested)
                {
                    // Store or broker away: the rows stay unpublished on record and the next tick tries again.
                    logger.LogWarning("Republishing unpublished outcomes failed: {Error}; trying again in {Interval}", failed.Message, interval);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host stopping.
        }
    }

    /// <summary>One pass: every outcome final for longer than <see cref="WrapUpPipelineOptions.OutcomeRepublishAfter"/> and not published, in batches.</summary>
    private async Task RepublishAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var batch = await store.GetUnpublishedOutcomesAsync(time.GetUtcNow() - options.Value.OutcomeRepublishAfter, BatchSize, cancellationToken);
            foreach (var intent in batch)
            {
                logger.LogWarning("Intent {IntentId} for conversation {ConversationId} became {Status} at {FinalAt} but its outcome never went out; publishing it now",
                    intent.IntentId, intent.ConversationId, intent.Status, intent.UpdatedAt);
                await outcomes.PublishFinalAsync(bus, intent, cancellationToken);
            }

            if (batch.Count < BatchSize) return;
        }
    }
}
