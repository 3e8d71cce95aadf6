using EventBridge.Genesys.Simulator.Organization;
using static EventBridge.Genesys.Simulator.Hosting.SimulatorJson;

namespace EventBridge.Genesys.Simulator.Conversations;

/// <summary>Projects the domain conversation onto the REST and topic shapes Genesys sends.</summary>
internal sealed class ConversationViews(OrgDirectory org)
{
    private const string Provider = "PureCloud Messaging";
    private const string MessageType = "webmessaging";

    public ConversationDto Rest(SimConversation c) => new(
        c.Id,
        [.. c.Participants.Select(p => Participant(p, forTopic: false))],
        Iso(c.StartTime),
        Iso(c.EndTime),
        $"/api/v2/conversations/{c.Id}");

    /// <summary>Generic topics carry no conversation times or selfUri, and their wrapup has no name.</summary>
    public ConversationDto Topic(SimConversation c) => new(c.Id, [.. c.Participants.Select(p => Participant(p, forTopic: true))]);

    public MessageConversationDto MessagesRest(SimConversation c) =>
        new(c.Id, [.. c.Participants.Select(p => MessageParticipant(p, forTopic: false))], $"/api/v2/conversations/messages/{c.Id}");

    public MessageConversationDto MessagesTopic(SimConversation c) =>
        new(c.Id, [.. c.Participants.Select(p => MessageParticipant(p, forTopic: true))]);

    public static WrapupDto? Wrapup(SimParticipant p, bool withName) => p.Wrapup is not { } w
        ? null
        : new WrapupDto(w.Id, withName ? w.Name : null, w.Notes, w.Tags, w.DurationSeconds, Iso(w.EndTime));

    private ParticipantDto Participant(SimParticipant p, bool forTopic)
    {
        var wrapup = Wrapup(p, withName: !forTopic);
        var communication = new CommunicationDto(
            p.CommunicationId,
            p.State,
            InitialState: "alerting",
            Direction: "inbound",
            Held: false,
            Provider,
            MessageType,
            p.DisconnectType,
            Iso(p.ConnectedTime),
            p.State == "disconnected" ? Iso(p.EndTime) : null,
            wrapup,
            p.IsAgent ? new AfterCallWorkDto(p.AcwState, Iso(p.StartAcwTime), Iso(p.EndAcwTime)) : null,
            p.IsAgent ? p.WrapupRequired : null);

        return new ParticipantDto(
            p.Id,
            p.Purpose,
            p.Name,
            [communication],
            forTopic ? null : Iso(p.StartTime),
            Iso(p.EndTime),
            Iso(p.ConnectedTime),
            p.UserId,
            p.QueueId,
            forTopic || p.QueueId is null ? null : org.FindQueue(p.QueueId)?.Name,
            forTopic ? null : p.Purpose == "customer" ? "External" : "Internal",
            p.IsAgent ? p.WrapupRequired : null,
            p.WrapupPrompt,
            p.WrapupTimeoutMs,
            // QueueConversationEventTopicParticipant has no wrapupSkipped: a topic reader learns it from afterCallWork.state.
            forTopic || !p.IsAgent ? null : p.WrapupSkipped,
            wrapup,
            Iso(p.StartAcwTime),
            Iso(p.EndAcwTime));
    }

    private MessageParticipantDto MessageParticipant(SimParticipant p, bool forTopic) => new(
        p.Id,
        p.Name,
        p.Purpose,
        p.State,
        "inbound",
        Held: false,
        Provider,
        MessageType,
        Iso(p.StartTime),
        Iso(p.ConnectedTime),
        Iso(p.EndTime),
        p.DisconnectType,
        p.IsAgent ? p.WrapupRequired : null,
        p.WrapupPrompt,
        p.WrapupTimeoutMs,
        p.IsAgent ? p.WrapupSkipped : null,
        p.UserId is null ? null : Ref(p.UserId, org.FindUser(p.UserId)?.Name, "users", forTopic),
        p.QueueId is null ? null : Ref(p.QueueId, org.FindQueue(p.QueueId)?.Name, "routing/queues", forTopic),
        Wrapup(p, withName: !forTopic),
        Iso(p.StartAcwTime),
        Iso(p.EndAcwTime));

    private static EntityRefDto Ref(string id, string? name, string path, bool forTopic) =>
        forTopic ? new EntityRefDto(id) : new EntityRefDto(id, name, $"/api/v2/{path}/{id}");
}
