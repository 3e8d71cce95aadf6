using EventBridge.Genesys.Simulator.Errors;

namespace EventBridge.Genesys.Simulator.Hosting;

/// <summary>
/// The JS SDK's paged listings (<c>WrapupCodeEntityListing</c>, <c>QueueEntityListing</c>, …): every one has these
/// fields, and Genesys pages and filters them the same way.
/// </summary>
internal sealed record PagedListing<T>(
    IReadOnlyList<T> Entities,
    int PageSize,
    int PageNumber,
    int Total,
    int PageCount,
    string SelfUri,
    string FirstUri,
    string LastUri,
    string? NextUri,
    string? PreviousUri);

internal static class PagedListing
{
    /// <summary>
    /// The page of <paramref name="all"/> Genesys would answer: <c>pageSize</c> 1..<paramref name="maxPageSize"/>
    /// (default 25), <c>pageNumber</c> from 1, and a <c>name</c> filter matching part of the name case-insensitively
    /// (clients must still compare exactly). The page URIs repeat the query.
    /// </summary>
    public static PagedListing<TDto> Page<TItem, TDto>(IReadOnlyList<TItem> all, Func<TItem, string> name, Func<TItem, TDto> toDto,
        string path, int? pageSize, int? pageNumber, string? nameFilter, int maxPageSize)
    {
        var size = pageSize ?? 25;
        var number = pageNumber ?? 1;
        if (size < 1 || size > maxPageSize || number < 1)
            throw GenesysApiException.BadRequest($"pageSize must be 1..{maxPageSize} and pageNumber at least 1.");

        var matching = all.Where(item => nameFilter is null || name(item).Contains(nameFilter, StringComparison.OrdinalIgnoreCase)).ToList();
        var pageCount = Math.Max(1, (matching.Count + size - 1) / size);
        var nameQuery = nameFilter is null ? "" : $"&name={Uri.EscapeDataString(nameFilter)}";
        string PageUri(int n) => $"{path}?pageSize={size}&pageNumber={n}{nameQuery}";
        return new PagedListing<TDto>(
            [.. matching.Skip((number - 1) * size).Take(size).Select(toDto)],
            size,
            number,
            matching.Count,
            pageCount,
            PageUri(number),
            PageUri(1),
            PageUri(pageCount),
            number < pageCount ? PageUri(number + 1) : null,
            number > 1 ? PageUri(number - 1) : null);
    }
}
