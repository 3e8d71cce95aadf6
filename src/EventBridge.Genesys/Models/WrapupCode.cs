namespace EventBridge.Genesys.Models;

/// <summary>A wrap-up code: <see cref="Id"/> is what <see cref="WrapupInput.Code"/> takes; people use <see cref="Name"/>.</summary>
public sealed record WrapupCode
{
    public string? Id { get; init; }
    public string? Name { get; init; }
    public string? Description { get; init; }
    public DomainEntityRef? Division { get; init; }
    public DateTimeOffset? DateCreated { get; init; }
    public DateTimeOffset? DateModified { get; init; }
}
