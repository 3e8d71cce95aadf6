namespace EventBridge.Conformance.Tests.Support;

/// <summary>A message conversation whose agent has disconnected and waits in after-call work for a code.</summary>
internal sealed record ConversationInAcw(string ConversationId, string ParticipantId, string CommunicationId);
