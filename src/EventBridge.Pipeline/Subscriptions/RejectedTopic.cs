namespace EventBridge.Pipeline.Subscriptions;

/// <summary>
/// A topic Genesys refused (for a client-credentials token: usually missing permissions). Kept, never retried on its
/// own: conversations behind it are covered by REST reconciliation until the OAuth client gets the permissions.
/// </summary>
public sealed record RejectedTopic(string Topic, string Reason, IReadOnlyList<string> MissingPermissions, DateTimeOffset RejectedAt);
