namespace EventBridge.Pipeline.Matching;

/// <summary>An agent participant waiting for a wrap-up code, with the ids both wrap-up calls need.</summary>
public sealed record AgentInAfterCallWork(string ConversationId, string ParticipantId, string CommunicationId, string? UserId, string? QueueId);
