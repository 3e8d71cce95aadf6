namespace EventBridge.Pipeline.Cluster;

/// <summary>
/// How intake on any replica reaches the listener: each taken-in intent leaves a request (its id and the topics its
/// conversation needs) that the holder handles — subscribes the topics, indexes the intent — and marks with its epoch.
/// Intake waits for that mark before it asks for a disconnect, so "subscribed before disconnect" holds across replicas.
/// A new holder handles every request again (none carries its epoch): its own channels then cover every open intent.
/// The holder's answer carries its fresh snapshot of the conversation, if it has one: only the holder hears events, so
/// without it intake on a stand-by would read every conversation over REST.
/// </summary>
public interface IListenerInbox
{
    /// <summary>Records the request (again, on a redelivery, or with the topics once known) and wakes the holder.</summary>
    /// <param name="topics">
    /// The topics to subscribe, after which the holder indexes the intent; null asks only for the holder's snapshot
    /// (intake has not examined the intent yet, so the holder must not act on it).
    /// </param>
    Task RequestAsync(Guid intentId, string conversationId, IReadOnlyList<string>? topics, CancellationToken cancellationToken);

    /// <summary>The live holder's answer to the request; null while it has none (no live holder, or not yet).</summary>
    Task<ListenerAnswer?> HandledAsync(Guid intentId, CancellationToken cancellationToken);

    /// <summary>Requests the holder of <paramref name="epoch"/> has not handled, oldest first.</summary>
    Task<IReadOnlyList<ListenerRequest>> PendingAsync(long epoch, int limit, CancellationToken cancellationToken);

    Task MarkHandledAsync(long epoch, IReadOnlyList<HandledRequest> handled, CancellationToken cancellationToken);

    /// <summary>Deletes the requests of intents that are final (or gone) and says which, so the holder drops them from its index.</summary>
    Task<IReadOnlyList<FinishedRequest>> PruneFinishedAsync(CancellationToken cancellationToken);

    /// <summary>Returns when a request may be waiting (a notification from any replica), or after <paramref name="atMost"/>.</summary>
    Task WaitForRequestsAsync(TimeSpan atMost, CancellationToken cancellationToken);
}

/// <param name="Topics">Null: only the snapshot is asked for (see <see cref="IListenerInbox.RequestAsync"/>).</param>
public sealed record ListenerRequest(Guid IntentId, string? ConversationId, IReadOnlyList<string>? Topics);

/// <param name="Covered">Genesys took every topic.</param>
/// <param name="Snapshot">The holder's fresh snapshot of the conversation (Genesys's JSON), or null when it had none.</param>
public sealed record HandledRequest(Guid IntentId, bool Covered, string? Snapshot);

/// <param name="Covered">Genesys took every topic of the request.</param>
/// <param name="Snapshot">The holder's fresh snapshot of the conversation (Genesys's JSON), or null when it had none.</param>
public sealed record ListenerAnswer(bool Covered, string? Snapshot);

public sealed record FinishedRequest(Guid IntentId, string ConversationId);
