namespace EventBridge.Genesys.Simulator.WrapupCodes;

/// <summary>The JS SDK's <c>WrapupCodeEntityListing</c>.</summary>
internal sealed record WrapupCodeListing(
    IReadOnlyList<WrapupCodeDto> Entities,
    int PageSize,
    int PageNumber,
    int Total,
    int PageCount,
    string SelfUri,
    string FirstUri,
    string LastUri,
    string? NextUri,
    string? PreviousUri);
