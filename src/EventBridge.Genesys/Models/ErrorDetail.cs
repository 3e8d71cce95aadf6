namespace EventBridge.Genesys.Models;

/// <summary>One entry of <see cref="ErrorBody.Details"/> (Detail in the SDK).</summary>
public sealed record ErrorDetail
{
    public string? ErrorCode { get; init; }
    public string? FieldName { get; init; }
    public string? EntityId { get; init; }
    public string? EntityName { get; init; }
}
