using System.Collections.Concurrent;
using EventBridge.Genesys;
using Microsoft.Extensions.Options;

namespace EventBridge.Pipeline.Intake;

/// <summary>
/// People name codes ("QA_Review"); Genesys wants the id. The org's catalogue is read whole, kept for
/// <see cref="WrapUpPipelineOptions.CodeCatalogueTtl"/>, and read again early when a code is not found (it may be new)
/// and the copy is older than <see cref="WrapUpPipelineOptions.CodeCatalogueRereadOnMissAfter"/>. Concurrent misses
/// share one read.
/// </summary>
public sealed class WrapUpCodeCatalogue(GenesysApiClient genesys, IOptions<WrapUpPipelineOptions> options, TimeProvider time) : IDisposable
{
    private readonly SemaphoreSlim _loading = new(1, 1);
    private readonly ConcurrentDictionary<string, QueueCodes> _queueCodes = new();
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _queueLoading = new();
    private Snapshot _codes = Snapshot.Empty;

    /// <summary>The code by id or by name (case-insensitive), or null when the org has no such code.</summary>
    public async Task<ResolvedWrapUpCode?> ResolveAsync(string codeOrName, CancellationToken cancellationToken)
    {
        var seen = _codes;
        var found = seen.Find(codeOrName);
        if (Answers(seen.ReadAt, found is not null)) return found;
        await ReloadAsync(seen, cancellationToken);
        return _codes.Find(codeOrName);
    }

    /// <summary>Whether the queue offers the code (Genesys refuses other codes with 400).</summary>
    public async Task<bool> IsAllowedForQueueAsync(string queueId, string codeId, CancellationToken cancellationToken)
    {
        _queueCodes.TryGetValue(queueId, out var seen);
        if (seen is not null && seen.Ids.Contains(codeId) is var offered && Answers(seen.ReadAt, offered)) return offered;
        var fresh = await ReloadQueueAsync(queueId, seen, cancellationToken);
        return fresh.Ids.Contains(codeId);
    }

    /// <summary>The org's codes, from the same copy <see cref="ResolveAsync"/> answers from (read when older than its TTL).</summary>
    public async Task<IReadOnlyList<ResolvedWrapUpCode>> GetAllAsync(CancellationToken cancellationToken)
    {
        var seen = _codes;
        if (Answers(seen.ReadAt, found: true)) return seen.Codes;
        await ReloadAsync(seen, cancellationToken);
        return _codes.Codes;
    }

    /// <summary>The codes a queue offers (ids; names where the queue's listing gives them), from the cached copy when fresh.</summary>
    public async Task<IReadOnlyList<ResolvedWrapUpCode>> GetQueueCodesAsync(string queueId, CancellationToken cancellationToken)
    {
        _queueCodes.TryGetValue(queueId, out var seen);
        if (seen is not null && Answers(seen.ReadAt, found: true)) return seen.Codes;
        return (await ReloadQueueAsync(queueId, seen, cancellationToken)).Codes;
    }

    public void Dispose()
    {
        _loading.Dispose();
        foreach (var gate in _queueLoading.Values) gate.Dispose();
    }

    // A copy read at readAt answers while inside its TTL, except that a miss (the code may be new) reads again once
    // the copy is older than CodeCatalogueRereadOnMissAfter.
    private bool Answers(DateTimeOffset readAt, bool found)
    {
        var age = time.GetUtcNow() - readAt;
        return age <= options.Value.CodeCatalogueTtl && (found || age < options.Value.CodeCatalogueRereadOnMissAfter);
    }

    private async Task ReloadAsync(Snapshot seen, CancellationToken cancellationToken)
    {
        await _loading.WaitAsync(cancellationToken);
        try
        {
            // Another caller reloaded while this one waited: use theirs.
            if (!ReferenceEquals(seen, _codes)) return;
            var codes = new List<ResolvedWrapUpCode>();
            await foreach (var code in genesys.GetAllWrapupCodesAsync(cancellationToken: cancellationToken))
            {
                if (code.Id is not null && code.Name is not null) codes.Add(new ResolvedWrapUpCode(code.Id, code.Name));
            }

            _codes = new Snapshot(codes, time.GetUtcNow());
        }
        finally
        {
            _loading.Release();
        }
    }

    // One read per queue at a time: a burst of intents for one queue, all missing the cache together, would otherwise
    // each read the same list (16 reads at the default concurrency) while the applies need the budget.
    private async Task<QueueCodes> ReloadQueueAsync(string queueId, QueueCodes? seen, CancellationToken cancellationToken)
    {
        var gate = _queueLoading.GetOrAdd(queueId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            // Another caller read it while this one waited: use theirs.
            if (_queueCodes.TryGetValue(queueId, out var current) && !ReferenceEquals(current, seen)) return current;
            var codes = new List<ResolvedWrapUpCode>();
            await foreach (var code in genesys.GetAllQueueWrapupCodesAsync(queueId, cancellationToken))
            {
                if (code.Id is not null) codes.Add(new ResolvedWrapUpCode(code.Id, code.Name ?? code.Id));
            }

            var read = new QueueCodes(codes, time.GetUtcNow());
            _queueCodes[queueId] = read;
            return read;
        }
        finally
        {
            gate.Release();
        }
    }

    private sealed record QueueCodes(IReadOnlyList<ResolvedWrapUpCode> Codes, DateTimeOffset ReadAt)
    {
        public HashSet<string> Ids { get; } = new(Codes.Select(c => c.Id), StringComparer.OrdinalIgnoreCase);
    }

    private sealed class Snapshot(IReadOnlyCollection<ResolvedWrapUpCode> codes, DateTimeOffset readAt)
    {
        public static readonly Snapshot Empty = new([], DateTimeOffset.MinValue);

        private readonly Dictionary<string, ResolvedWrapUpCode> _byIdOrName = codes
            .SelectMany(c => new[] { (Key: c.Id, Code: c), (Key: c.Name, Code: c) })
            .DistinctBy(x => x.Key, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(x => x.Key, x => x.Code, StringComparer.OrdinalIgnoreCase);

        public DateTimeOffset ReadAt { get; } = readAt;

        public IReadOnlyList<ResolvedWrapUpCode> Codes { get; } = [.. codes.OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase)];

        public ResolvedWrapUpCode? Find(string codeOrName) => _byIdOrName.GetValueOrDefault(codeOrName.Trim());
    }
}
