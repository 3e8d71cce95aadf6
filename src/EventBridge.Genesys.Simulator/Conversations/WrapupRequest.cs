namespace EventBridge.Genesys.Simulator.Conversations;

/// <summary>The JS SDK's <c>WrapupInput</c>: <c>code</c> is the wrap-up code id.</summary>
public sealed record WrapupRequest
{
    public string? Code { get; init; }

    public string? Name { get; init; }

    public string? Notes { get; init; }

    public IReadOnlyList<string>? Tags { get; init; }

    public int? DurationSeconds { get; init; }

    public string? EndTime { get; init; }
}
