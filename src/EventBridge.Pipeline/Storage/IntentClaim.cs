namespace EventBridge.Pipeline.Storage;

/// <summary>
/// The right to send one intent's wrap-up, held by one worker process (<see cref="Owner"/>) until
/// <see cref="ExpiresAt"/> unless renewed. Completing or releasing an Applying intent takes <see cref="Token"/>: a
/// worker whose claim expired and was taken over can no longer record anything for it.
/// </summary>
public sealed record IntentClaim(Guid IntentId, Guid Token, string Owner, DateTimeOffset ExpiresAt);

/// <summary>
/// Asks for the wrap-up of one intent and agent participant. A Pending intent is claimed; an Applying one only by the
/// same <see cref="Owner"/> (its own retry: runs of one intent in one process are serialised) or once its claim
/// expired (its owner died or lost the store) — and the caller must have re-read Genesys first, because the owner that
/// died may have sent the code.
/// </summary>
public sealed record IntentClaimRequest(
    Guid IntentId,
    string ParticipantId,
    string? CommunicationId,
    DateTimeOffset? AcwStartedAt,
    string Owner,
    DateTimeOffset At,
    TimeSpan Lifetime,
    string? QueueId = null)
{
    public DateTimeOffset ExpiresAt => At + Lifetime;
}

public enum IntentClaimOutcome
{
    /// <summary>This caller holds the claim now (<see cref="IntentClaimResult.Claim"/>).</summary>
    Claimed,

    /// <summary>Another worker holds a live claim for this intent: it is sending or confirming the code; leave it.</summary>
    HeldElsewhere,

    /// <summary>The intent is not open, or another intent holds (or applied) this participant: one wrap-up per participant.</summary>
    Refused,
}

public sealed record IntentClaimResult(IntentClaimOutcome Outcome, IntentClaim? Claim = null, string? HeldBy = null, DateTimeOffset? HeldUntil = null)
{
    public bool Claimed => Outcome == IntentClaimOutcome.Claimed;

    public static IntentClaimResult Refused { get; } = new(IntentClaimOutcome.Refused);

    /// <summary>Why a claim's update changed no row, from the row as it is now: a live claim of another owner, or refused.</summary>
    public static IntentClaimResult NotClaimed(StoredIntent? stored, IntentClaimRequest request) =>
        stored is not null && stored.IsClaimedElsewhere(request.Owner, request.At)
            && string.Equals(stored.AppliedParticipantId, request.ParticipantId, StringComparison.Ordinal)
            ? new IntentClaimResult(IntentClaimOutcome.HeldElsewhere, HeldBy: stored.ClaimOwner, HeldUntil: stored.ClaimExpiresAt)
            : Refused;
}
