namespace EventBridge.Genesys.Models;

/// <summary>
/// A message communication of a participant (<c>messages[]</c> of Participant in the generic conversation view and
/// the generic topic body). Its <see cref="Id"/> is the communication id the wrap-up POST needs.
/// </summary>
public sealed record MessageCommunication
{
    public string? Id { get; init; }
    public string? State { get; init; }
    public string? InitialState { get; init; }
    public string? Direction { get; init; }
    public bool? Held { get; init; }
    public string? DisconnectType { get; init; }
    public string? Provider { get; init; }
    public string? Type { get; init; }
    public DateTimeOffset? ConnectedTime { get; init; }
    public DateTimeOffset? DisconnectedTime { get; init; }
    public Wrapup? Wrapup { get; init; }
    public AfterCallWork? AfterCallWork { get; init; }
    public bool? AfterCallWorkRequired { get; init; }
}
