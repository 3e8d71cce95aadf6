namespace EventBridge.Genesys.Simulator.Conversations;

/// <summary>The agent participant a transfer created, and the one it left.</summary>
public sealed record TransferredAgent(string FromParticipantId, string ParticipantId, string CommunicationId, string UserId);
