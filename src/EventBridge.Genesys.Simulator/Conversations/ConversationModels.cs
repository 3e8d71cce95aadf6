namespace EventBridge.Genesys.Simulator.Conversations;

// JSON shapes, named after the JS SDK models they follow. One file on purpose: they only make sense together.

/// <summary>Conversation (REST) and QueueConversationEventTopicConversation (generic topics).</summary>
internal sealed record ConversationDto(
    string Id,
    IReadOnlyList<ParticipantDto> Participants,
    string? StartTime = null,
    string? EndTime = null,
    string? SelfUri = null);

/// <summary>Participant / QueueConversationEventTopicParticipant.</summary>
internal sealed record ParticipantDto(
    string Id,
    string Purpose,
    string Name,
    IReadOnlyList<CommunicationDto> Messages,
    string? StartTime = null,
    string? EndTime = null,
    string? ConnectedTime = null,
    string? UserId = null,
    string? QueueId = null,
    string? QueueName = null,
    string? ParticipantType = null,
    bool? WrapupRequired = null,
    string? WrapupPrompt = null,
    int? WrapupTimeoutMs = null,
    bool? WrapupSkipped = null,
    WrapupDto? Wrapup = null,
    string? StartAcwTime = null,
    string? EndAcwTime = null);

/// <summary>Message / QueueConversationEventTopicMessage: one communication of a participant.</summary>
internal sealed record CommunicationDto(
    string Id,
    string State,
    string InitialState,
    string Direction,
    bool Held,
    string Provider,
    string Type,
    string? DisconnectType = null,
    string? ConnectedTime = null,
    string? DisconnectedTime = null,
    WrapupDto? Wrapup = null,
    AfterCallWorkDto? AfterCallWork = null,
    bool? AfterCallWorkRequired = null);

internal sealed record WrapupDto(
    string Code,
    string? Name = null,
    string? Notes = null,
    IReadOnlyList<string>? Tags = null,
    int? DurationSeconds = null,
    string? EndTime = null);

internal sealed record AfterCallWorkDto(string State, string? StartTime = null, string? EndTime = null);

/// <summary>MessageConversation (REST) and ConversationMessageEventTopicMessageConversation (media topics).</summary>
internal sealed record MessageConversationDto(string Id, IReadOnlyList<MessageParticipantDto> Participants, string? SelfUri = null);

/// <summary>MessageMediaParticipant: flat, with <c>user</c>/<c>queue</c> references and no communication id.</summary>
internal sealed record MessageParticipantDto(
    string Id,
    string Name,
    string Purpose,
    string State,
    string Direction,
    bool Held,
    string Provider,
    string Type,
    string? StartTime = null,
    string? ConnectedTime = null,
    string? EndTime = null,
    string? DisconnectType = null,
    bool? WrapupRequired = null,
    string? WrapupPrompt = null,
    int? WrapupTimeoutMs = null,
    bool? WrapupSkipped = null,
    EntityRefDto? User = null,
    EntityRefDto? Queue = null,
    WrapupDto? Wrapup = null,
    string? StartAcwTime = null,
    string? EndAcwTime = null);

internal sealed record EntityRefDto(string Id, string? Name = null, string? SelfUri = null);

/// <summary>The v2.detail.events.conversation.{id}.* bodies (user.end, acw, wrapup, customer.end); enums UPPERCASE.</summary>
internal sealed record DetailEventDto(
    long EventTime,
    string ConversationId,
    string ParticipantId,
    string SessionId,
    string MediaType = "MESSAGE",
    string Provider = "PureCloud Messaging",
    string Direction = "INBOUND",
    string MessageType = "WEBMESSAGING",
    string? DisconnectType = null,
    string? UserId = null,
    string? QueueId = null,
    string? WrapupCode = null,
    string? WrapupNotes = null,
    long? WrapupDurationMs = null,
    long? InteractingDurationMs = null);
