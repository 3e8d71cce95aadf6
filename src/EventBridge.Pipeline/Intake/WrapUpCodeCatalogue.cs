using System.Collections.Concurrent;
using EventBridge.Genesys;
using Microsoft.Extensions.Options;

namespace EventBridge.Pipeline.Intake;

/// <summary>
/// People name codes ("QA_Review"); Genesys wants the id. The org's catalogue is read whole, kept for
/// <see cref="WrapUpPipelineOptions.CodeCatalogueTtl"/>, and read again early when a code is not found (it may be new).
/// </summary>
public sealed class WrapUpCodeCatalogue(GenesysApiClient genesys, IOptions<WrapUpPipelineOptions> options, TimeProvider time) : IDisposable
{
    private readonly SemaphoreSlim _loading = new(1, 1);
    private readonly ConcurrentDictionary<string, (HashSet<string> Ids, DateTimeOffset ReadAt)> _queueCodes = new();
    private Snapshot _codes = Snapshot.Empty;

    /// <summary>The code by id or by name (case-insensitive), or null when the org has no such code.</summary>
    public async Task<ResolvedWrapUpCode?> ResolveAsync(string codeOrName, CancellationToken cancellationToken)
    {
        var found = _codes.Find(codeOrName);
        if (found is not null && !IsStale(_codes.ReadAt)) return found;
        await ReloadAsync(_codes, cancellationToken);
        return _codes.Find(codeOrName);
    }

    /// <summary>Whether the queue offers the code (Genesys refuses other codes with 400).</summary>
    public async Task<bool> IsAllowedForQueueAsync(string queueId, string codeId, CancellationToken cancellationToken)
    {
        if (!_queueCodes.TryGetValue(queueId, out var entry) || IsStale(entry.ReadAt) || !entry.Ids.Contains(codeId))
        {
            var ids = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            await foreach (var code in genesys.GetAllQueueWrapupCodesAsync(queueId, cancellationToken))
            {
                if (code.Id is not null) ids.Add(code.Id);
            }

            entry = (ids, time.GetUtcNow());
            _queueCodes[queueId] = entry;
        }

        return entry.Ids.Contains(codeId);
    }

    public void Dispose() => _loading.Dispose();

    private bool IsStale(DateTimeOffset readAt) => time.GetUtcNow() - readAt > options.Value.CodeCatalogueTtl;

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

    private sealed class Snapshot(IReadOnlyCollection<ResolvedWrapUpCode> codes, DateTimeOffset readAt)
    {
        public static readonly Snapshot Empty = new([], DateTimeOffset.MinValue);

        private readonly Dictionary<string, ResolvedWrapUpCode> _byIdOrName = codes
            .SelectMany(c => new[] { (Key: c.Id, Code: c), (Key: c.Name, Code: c) })
            .DistinctBy(x => x.Key, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(x => x.Key, x => x.Code, StringComparer.OrdinalIgnoreCase);

        public DateTimeOffset ReadAt { get; } = readAt;

        public ResolvedWrapUpCode? Find(string codeOrName) => _byIdOrName.GetValueOrDefault(codeOrName.Trim());
    }
}
