namespace EventBridge.Genesys.Models;

/// <summary>A page of wrap-up codes from <c>/api/v2/routing/wrapupcodes</c> or a queue's wrap-up codes.</summary>
public sealed record WrapupCodeEntityListing
{
    public IReadOnlyList<WrapupCode>? Entities { get; init; }
    public int? PageSize { get; init; }
    public int? PageNumber { get; init; }
    public long? Total { get; init; }
    public int? PageCount { get; init; }
    public string? NextUri { get; init; }
}
