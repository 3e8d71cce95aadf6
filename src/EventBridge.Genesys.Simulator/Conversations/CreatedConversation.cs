namespace EventBridge.Genesys.Simulator.Conversations;

/// <summary>Ids of what <c>POST /sim/conversations</c> created.</summary>
public sealed record CreatedConversation(
    string ConversationId,
    string CustomerParticipantId,
    string AcdParticipantId,
    string AgentParticipantId,
    string AgentCommunicationId,
    string QueueId,
    string AgentUserId);
