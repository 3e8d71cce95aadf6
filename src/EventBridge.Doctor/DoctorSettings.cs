using EventBridge.Contracts;

namespace EventBridge.Doctor;

/// <summary>What the worker is configured to do, which the doctor checks against the org.</summary>
public sealed record DoctorSettings
{
    /// <summary>The OAuth client id (not a secret: Genesys shows it in the admin UI beside the client's name).</summary>
    public required string ClientId { get; init; }

    /// <summary>Where the API is, as the operator configured it (a region or a base URL).</summary>
    public required string Org { get; init; }

    /// <summary><c>WrapUp:QueueIds</c>: the queues whose conversation topics the worker subscribes.</summary>
    public IReadOnlyList<string> QueueIds { get; init; } = [];

    /// <summary>Wrap-up codes (names or ids) the gateway will send, given on the command line.</summary>
    public IReadOnlyList<string> Codes { get; init; } = [];

    /// <summary><c>Subscriptions:MaxChannels</c>.</summary>
    public int MaxChannels { get; init; } = 5;

    /// <summary><c>Genesys:RequestsPerMinute</c>.</summary>
    public int RequestsPerMinute { get; init; } = 240;

    /// <summary><c>WrapUp:PreferredCall</c>.</summary>
    public string PreferredCall { get; init; } = WrapUpCalls.CommunicationWrapup;

    /// <summary>Genesys's limit per OAuth client; the 21st channel evicts the oldest.</summary>
    public const int ChannelsPerOAuthClient = 20;
}
