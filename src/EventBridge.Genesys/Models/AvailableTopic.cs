namespace EventBridge.Genesys.Models;

public sealed record AvailableTopic
{
    public string? Id { get; init; }
    public string? Description { get; init; }
    public IReadOnlyList<string>? RequiresPermissions { get; init; }
    public bool? RequiresCurrentUser { get; init; }
    public bool? RequiresCurrentUserOrPermission { get; init; }
    public IReadOnlyList<string>? Transports { get; init; }
}
