namespace EventBridge.Genesys.Simulator.Conversations;

/// <summary>Body of <c>POST /sim/conversations</c>; omitted values come from the seed queue/agent and DefaultAcw.</summary>
public sealed record CreateConversationRequest
{
    public string? QueueId { get; init; }

    public string? AgentUserId { get; init; }

    public string? CustomerName { get; init; }

    public bool? WrapupRequired { get; init; }

    /// <summary>mandatory | optional | timeout | forcedTimeout | agentRequested.</summary>
    public string? WrapupPrompt { get; init; }

    public int? WrapupTimeoutMs { get; init; }

    /// <summary>Answer at once (agent connected) instead of leaving the agent alerting.</summary>
    public bool Answer { get; init; }
}
