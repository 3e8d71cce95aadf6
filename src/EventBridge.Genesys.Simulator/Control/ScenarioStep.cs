namespace EventBridge.Genesys.Simulator.Control;

/// <summary>
/// One step of a scenario. <c>Action</c>: createConversation | answer | customerEnds | agentDisconnects | wrapup |
/// skipWrapup | enterAcw | transfer | waitFor. Steps act on the conversation the last createConversation made.
/// </summary>
public sealed record ScenarioStep
{
    public required string Action { get; init; }

    public string? QueueId { get; init; }

    public string? AgentUserId { get; init; }

    public string? ParticipantId { get; init; }

    public bool? WrapupRequired { get; init; }

    public string? WrapupPrompt { get; init; }

    public int? WrapupTimeoutMs { get; init; }

    /// <summary>wrapup: code id or name.</summary>
    public string? Code { get; init; }

    public string? Notes { get; init; }

    /// <summary>transfer: the user id of the new agent.</summary>
    public string? ToUserId { get; init; }

    /// <summary>waitFor: acwPending | wrappedUp | agentDisconnected | ended.</summary>
    public string? Until { get; init; }

    public int TimeoutMs { get; init; } = 10_000;
}
