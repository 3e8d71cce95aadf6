namespace EventBridge.Genesys.Simulator.Conversations;

/// <summary>Simulator-side summary of a conversation (control API).</summary>
public sealed record ConversationStatus(string ConversationId, bool Ended, IReadOnlyList<ParticipantStatus> Participants);
