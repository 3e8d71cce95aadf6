using System.Text.Json.Serialization;

namespace EventBridge.Genesys.Models;

/// <summary>A topic of a channel's subscription list; with <c>ignoreErrors=true</c> refused topics come back Rejected.</summary>
public sealed record ChannelTopic
{
    public string? Id { get; init; }

    /// <summary>"Permitted" or "Rejected".</summary>
    public string? State { get; init; }
    public string? RejectionReason { get; init; }
    public IReadOnlyList<string>? MissingPermissions { get; init; }
    public string? SelfUri { get; init; }

    [JsonIgnore]
    public bool IsRejected => string.Equals(State, "Rejected", StringComparison.OrdinalIgnoreCase);
}
