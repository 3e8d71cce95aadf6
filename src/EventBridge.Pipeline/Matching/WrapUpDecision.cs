namespace EventBridge.Pipeline.Matching;

public enum WrapUpDecisionKind
{
    /// <summary>The agent is not in wrap-up yet (or not assigned yet): keep waiting.</summary>
    Wait,

    /// <summary>The agent is in ACW without a code: apply now.</summary>
    Apply,

    /// <summary>Genesys already shows this intent's code on the agent: done, nothing to send.</summary>
    AlreadyApplied,

    /// <summary>The intent can no longer be applied; <see cref="WrapUpDecision.Reason"/> says why.</summary>
    Fail,
}

/// <summary>
/// What to do about one intent given one conversation snapshot. <see cref="AcwTimesOutAt"/>: when a time-boxed ACW
/// ends with Genesys's system code (<c>startAcwTime + wrapupTimeoutMs</c>), the clock the wrap-up call must beat.
/// </summary>
public sealed record WrapUpDecision(WrapUpDecisionKind Kind, string? ParticipantId = null, string? CommunicationId = null,
    DateTimeOffset? AcwStartedAt = null, string? Reason = null, string? Detail = null, DateTimeOffset? AcwTimesOutAt = null)
{
    /// <summary>The agent's queue, when an agent was found: stored with the claim or the failure for support's filters.</summary>
    public string? QueueId { get; init; }

    public static WrapUpDecision Wait(string detail) => new(WrapUpDecisionKind.Wait, Detail: detail);

    public static WrapUpDecision Fail(string reason, string detail, string? participantId = null) =>
        new(WrapUpDecisionKind.Fail, participantId, Reason: reason, Detail: detail);
}
