using EventBridge.Pipeline.Storage;
using Microsoft.Extensions.Options;

namespace EventBridge.Pipeline.Applying;

/// <summary>
/// This worker's claims on the intents it applies: taken under its <see cref="ReplicaIdentity"/> for
/// <see cref="WrapUpPipelineOptions.ClaimLifetime"/>, kept alive while a wrap-up call and its confirmation run
/// (<see cref="Keep"/>), and given back only with their token.
/// </summary>
public sealed class IntentClaims(IIntentStore store, ReplicaIdentity replica, IOptions<WrapUpPipelineOptions> options, TimeProvider time,
    ILogger<IntentClaims> logger)
{
    public Task<IntentClaimResult> TryClaimAsync(StoredIntent intent, string participantId, string? communicationId, DateTimeOffset? acwStartedAt,
        string? queueId, CancellationToken cancellationToken) =>
        store.TryClaimAsync(new IntentClaimRequest(intent.IntentId, participantId, communicationId, acwStartedAt, replica.Name, time.GetUtcNow(),
            options.Value.ClaimLifetime, queueId), cancellationToken);

    /// <summary>Another worker is sending or confirming this intent's code under a claim that has not run out.</summary>
    public bool IsHeldElsewhere(StoredIntent intent) => intent.IsClaimedElsewhere(replica.Name, time.GetUtcNow());

    public Task ReleaseAsync(IntentClaim claim, CancellationToken cancellationToken) =>
        store.ReleaseClaimAsync(claim.IntentId, claim.Token, time.GetUtcNow(), cancellationToken);

    /// <summary>Renews <paramref name="claim"/> until disposed; its token is cancelled if the claim is lost (see <see cref="KeptClaim"/>).</summary>
    public KeptClaim Keep(IntentClaim claim, CancellationToken cancellationToken) =>
        new(store, claim, options.Value.ClaimLifetime, time, logger, cancellationToken);
}
