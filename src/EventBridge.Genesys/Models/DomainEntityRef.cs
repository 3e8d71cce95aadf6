namespace EventBridge.Genesys.Models;

/// <summary>A reference such as <c>user</c> or <c>queue</c> of a media participant: <c>{id, name, selfUri}</c>.</summary>
public sealed record DomainEntityRef
{
    public string? Id { get; init; }
    public string? Name { get; init; }
    public string? SelfUri { get; init; }
}
