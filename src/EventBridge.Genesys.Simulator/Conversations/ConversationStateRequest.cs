namespace EventBridge.Genesys.Simulator.Conversations;

internal sealed record ConversationStateRequest(string? State);
