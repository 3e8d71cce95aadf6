namespace EventBridge.Conformance.Tests.Support;

/// <summary>A message conversation whose agent is connected: something for a disconnect call to end.</summary>
internal sealed record ConnectedConversation(string ConversationId, string ParticipantId);
