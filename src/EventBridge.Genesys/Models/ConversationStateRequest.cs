namespace EventBridge.Genesys.Models;

/// <summary>Body of <c>PATCH /api/v2/conversations/messages/{cid}</c>: <c>{"state":"disconnected"}</c>.</summary>
public sealed record ConversationStateRequest
{
    public string? State { get; init; }
}
