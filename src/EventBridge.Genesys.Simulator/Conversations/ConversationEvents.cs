using EventBridge.Genesys.Simulator.Notifications;

namespace EventBridge.Genesys.Simulator.Conversations;

/// <summary>
/// Publishes whole-conversation snapshots to the queue and user topics (generic and media-specific), and detail events.
/// Genesys sends a snapshot per change, never a delta.
/// </summary>
internal sealed class ConversationEvents(ChannelRegistry channels, ConversationViews views, TimeProvider time)
{
    public void Snapshot(SimConversation c)
    {
        var generic = views.Topic(c);
        var media = views.MessagesTopic(c);
        foreach (var queueId in c.QueueIds)
        {
            channels.Publish($"v2.routing.queues.{queueId}.conversations", generic);
            channels.Publish($"v2.routing.queues.{queueId}.conversations.messages", media);
        }

        foreach (var userId in c.UserIds)
        {
            channels.Publish($"v2.users.{userId}.conversations", generic);
            channels.Publish($"v2.users.{userId}.conversations.messages", media);
        }
    }

    public void UserEnd(SimConversation c, SimParticipant p) => Detail(c, "user.end", Base(c, p) with
    {
        DisconnectType = p.DisconnectType?.ToUpperInvariant(),
        UserId = p.UserId,
        QueueId = p.QueueId,
        InteractingDurationMs = p.ConnectedTime is { } connected ? (long)(time.GetUtcNow() - connected).TotalMilliseconds : null,
    });

    public void CustomerEnd(SimConversation c, SimParticipant p) =>
        Detail(c, "customer.end", Base(c, p) with { DisconnectType = p.DisconnectType?.ToUpperInvariant() });

    /// <summary>WrapupDetailEventTopicWrapupEvent has no userId in the SDK model, so none is sent.</summary>
    public void Wrapup(SimConversation c, SimParticipant p) => Detail(c, "wrapup", Base(c, p) with
    {
        QueueId = p.QueueId,
        WrapupCode = p.Wrapup?.Id,
        WrapupNotes = p.Wrapup?.Notes,
        WrapupDurationMs = AcwDurationMs(p),
    });

    public void Acw(SimConversation c, SimParticipant p) => Detail(c, "acw", Base(c, p) with
    {
        UserId = p.UserId,
        QueueId = p.QueueId,
        WrapupCode = p.Wrapup?.Id,
        WrapupNotes = p.Wrapup?.Notes,
        WrapupDurationMs = AcwDurationMs(p),
    });

    private static long? AcwDurationMs(SimParticipant p) =>
        p.StartAcwTime is { } start && p.EndAcwTime is { } end ? (long)(end - start).TotalMilliseconds : null;

    private DetailEventDto Base(SimConversation c, SimParticipant p) =>
        new(time.GetUtcNow().ToUnixTimeMilliseconds(), c.Id, p.Id, p.CommunicationId);

    private void Detail(SimConversation c, string kind, DetailEventDto body) =>
        channels.Publish($"v2.detail.events.conversation.{c.Id}.{kind}", body);
}
