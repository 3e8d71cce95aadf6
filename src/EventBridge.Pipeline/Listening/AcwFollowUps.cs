using System.Collections.Concurrent;
using EventBridge.Pipeline.Applying;
using EventBridge.Pipeline.Matching;
using Microsoft.Extensions.Options;

namespace EventBridge.Pipeline.Listening;

/// <summary>
/// One read for an intent whose agent should have entered ACW by now (<see cref="AcwExpectation"/>) but no event said
/// so within <see cref="WrapUpPipelineOptions.AcwExpectedWithin"/>. At most one per intent: an agent who really stays
/// connected after the customer left (messaging allows it) costs one read, not one per event.
/// </summary>
public sealed class AcwFollowUps(SettleRequests settle, PendingIntentIndex index, IOptions<WrapUpPipelineOptions> options, TimeProvider time,
    ILogger<AcwFollowUps> logger) : BackgroundService
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(250);
    private readonly ConcurrentDictionary<Guid, FollowUp> _expected = new();

    /// <summary>Follow-up reads sent since start (the reliability report shows them).</summary>
    public long Sent => Interlocked.Read(ref _sent);

    private long _sent;

    /// <summary>Expects an event showing the agent in ACW; a read follows unless <see cref="Settled"/> comes first.</summary>
    public void Expect(Guid intentId, string conversationId) =>
        _expected.TryAdd(intentId, new FollowUp(conversationId, time.GetUtcNow() + options.Value.AcwExpectedWithin));

    /// <summary>An event moved the intent on: no read needed.</summary>
    public void Settled(Guid intentId)
    {
        if (_expected.TryGetValue(intentId, out var followUp) && !followUp.Spent) _expected.TryRemove(intentId, out _);
    }

    /// <summary>Sends the reads that are due; public for tests on a fake clock.</summary>
    public async Task SendDueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        foreach (var (intentId, followUp) in _expected)
        {
            var open = index.For(followUp.ConversationId).Any(i => i.IntentId == intentId);
            if (followUp.Spent || !open)
            {
                // A spent entry is kept so the intent is not read again; either is dropped once the intent is final
                // (settled by another path: no read is worth a request then).
                if (!open) _expected.TryRemove(intentId, out _);
                continue;
            }

            if (followUp.Due > now || !_expected.TryUpdate(intentId, followUp with { Spent = true }, followUp)) continue;
            Interlocked.Increment(ref _sent);
            logger.LogDebug("No event showed the agent of intent {IntentId} in ACW after the customer left: reading the conversation", intentId);
            await settle.SendAsync(intentId, followUp.ConversationId, SettleTriggers.AcwExpected, cancellationToken);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Tick, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await SendDueAsync(stoppingToken);
                }
                catch (Exception failed) when (failed is not OperationCanceledException)
                {
                    // The broker may be away; the reconciliation sweep still covers these intents.
                    logger.LogWarning(failed, "Sending ACW follow-up reads failed; trying again in {Tick}", Tick);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host shutdown.
        }
    }

    private sealed record FollowUp(string ConversationId, DateTimeOffset Due, bool Spent = false);
}
