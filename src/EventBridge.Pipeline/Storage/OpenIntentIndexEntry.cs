namespace EventBridge.Pipeline.Storage;

/// <summary>
/// An open intent as <see cref="IIntentStore.GetOpenIndexPageAsync"/> lists it: just what
/// <see cref="Listening.PendingIntentIndex"/> keeps for matching (intent, conversation, target participant or user,
/// resolved code), and its <see cref="Position"/> in the store, to read the next page from where this one stopped.
/// </summary>
public sealed record OpenIntentIndexEntry(long Position, Guid IntentId, string ConversationId, string? ParticipantId, string? UserId,
    string? CodeId, string? CodeName);
