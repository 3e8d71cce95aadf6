namespace EventBridge.Genesys.Simulator.Conversations;

/// <summary>A participant with its single message communication (Genesys: <c>messages[0]</c>).</summary>
internal sealed class SimParticipant
{
    public required string Id { get; init; }

    /// <summary>customer | acd | agent.</summary>
    public required string Purpose { get; init; }

    public required string Name { get; init; }

    public string? UserId { get; init; }

    public string? QueueId { get; init; }

    public required DateTimeOffset StartTime { get; init; }

    public DateTimeOffset? ConnectedTime { get; set; }

    public DateTimeOffset? EndTime { get; set; }

    public string CommunicationId { get; } = Guid.NewGuid().ToString();

    /// <summary>alerting | connected | disconnected.</summary>
    public string State { get; set; } = "alerting";

    public string? DisconnectType { get; set; }

    public bool DisconnectScheduled { get; set; }

    public bool WrapupRequired { get; init; }

    public string? WrapupPrompt { get; init; }

    public int? WrapupTimeoutMs { get; init; }

    public bool WrapupSkipped { get; set; }

    public AppliedCode? Wrapup { get; set; }

    public DateTimeOffset? StartAcwTime { get; set; }

    public DateTimeOffset? EndAcwTime { get; set; }

    /// <summary>notApplicable | pending | complete | completedTimeout | skipped (AfterCallWork.state).</summary>
    public string AcwState { get; set; } = "notApplicable";

    public ITimer? AcwTimer { get; set; }

    public bool IsAgent => Purpose == "agent";

    public bool IsActive => State != "disconnected";

    public bool InAcw => AcwState == "pending";
}
