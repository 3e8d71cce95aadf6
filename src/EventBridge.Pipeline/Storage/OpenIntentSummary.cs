namespace EventBridge.Pipeline.Storage;

/// <summary>
/// An open intent as <see cref="IIntentStore.GetOpenPageAsync"/> lists it: just what the sweeper judges it by, and its
/// <see cref="Position"/> in the store, to continue a pass over a large open set where the last page stopped.
/// <see cref="ClaimExpiresAt"/> is set while a worker's claim is on record (Applying), live or run out.
/// </summary>
public sealed record OpenIntentSummary(long Position, Guid IntentId, string ConversationId, DateTimeOffset UpdatedAt, DateTimeOffset Deadline,
    DateTimeOffset? ClaimExpiresAt = null);
