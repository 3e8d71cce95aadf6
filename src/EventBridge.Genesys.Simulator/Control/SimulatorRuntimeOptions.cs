using EventBridge.Genesys.Simulator.Hosting;

namespace EventBridge.Genesys.Simulator.Control;

/// <summary>Body of <c>PUT /sim/options</c>: every field is optional; given ones replace the running value.</summary>
public sealed record SimulatorRuntimeOptions
{
    public int? TokenLifetimeSeconds { get; init; }

    public TimeSpan? HeartbeatInterval { get; init; }

    public TimeSpan? ChannelLifetime { get; init; }

    public TimeSpan? SocketClosingLeadTime { get; init; }

    public TimeSpan? DisconnectDelay { get; init; }

    public int? RateLimitPerMinute { get; init; }

    public WrapupOutsideAcwBehaviour? WrapupOutsideAcw { get; init; }

    public CommunicationWrapupCredentialsBehaviour? CommunicationWrapupWithClientCredentials { get; init; }

    public ParticipantPatchWrapupCredentialsBehaviour? ParticipantPatchWrapupWithClientCredentials { get; init; }

    public AcwDefaults? DefaultAcw { get; init; }

    public List<ForbiddenTopicRule>? ForbiddenTopics { get; init; }
}
