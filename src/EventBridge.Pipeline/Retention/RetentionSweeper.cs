using System.Diagnostics;
using System.Diagnostics.Metrics;
using EventBridge.Pipeline.Observability;
using Microsoft.Extensions.Options;

namespace EventBridge.Pipeline.Retention;

/// <summary>
/// Purges what the stores no longer need (<see cref="RetentionOptions"/>): every <see cref="RetentionOptions.Interval"/>,
/// each kind of record in batches of <see cref="RetentionOptions.BatchSize"/> with a pause between; and measures the
/// stores every <see cref="RetentionOptions.MeasureInterval"/>. Every replica of a cluster runs it; PostgreSQL batches
/// skip rows another replica is deleting. Counts <c>eventbridge_retention_purged_total{records}</c> and shows
/// <c>eventbridge_store_bytes{store}</c>.
/// </summary>
public sealed class RetentionSweeper : BackgroundService
{
    public const string PurgedName = "retention_purged_total";
    public const string StoreBytesName = "store_bytes";
    public const string RecordsTag = "records";
    public const string StoreTag = "store";

    private readonly IReadOnlyList<IRecordPurge> _purges;
    private readonly RetentionOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<RetentionSweeper> _logger;
    private readonly Counter<long> _purged;
    private volatile RetentionPass? _last;
    private volatile StoreSizes? _sizes;

    public RetentionSweeper(IEnumerable<IRecordPurge> purges, IOptions<RetentionOptions> options, IMeterFactory meters, TimeProvider time,
        ILogger<RetentionSweeper> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(meters);
        _purges = [.. purges];
        _options = options.Value;
        _time = time;
        _logger = logger;
        var meter = meters.Create(WrapUpMetrics.MeterName);
        _purged = meter.CreateCounter<long>(PurgedName, description: "Records the retention passes deleted, by kind.");
        meter.CreateObservableGauge(StoreBytesName, StoreBytes, unit: "By",
            description: "Size of each store on disk as last measured (PostgreSQL: its tables with their indexes).");
    }

    public RetentionOptions Options => _options;

    /// <summary>The last purge pass; null before the first (<see cref="RetentionOptions.FirstPassAfter"/> start).</summary>
    public RetentionPass? Last => _last;

    /// <summary>The stores as last measured; null before the first measurement.</summary>
    public StoreSizes? Sizes => _sizes;

    /// <summary>One purge pass now (nothing when retention is off), then a measurement. The loop calls it every interval.</summary>
    public async Task<RetentionPass> RunPassAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var at = _time.GetUtcNow();
        var purged = new Dictionary<RetainedRecords, long>();
        var problems = new List<string>();
        foreach (var purge in _options.Enabled ? _purges : [])
        {
            try
            {
                foreach (var records in purge.Records)
                    purged[records] = purged.GetValueOrDefault(records) + await PurgeAllAsync(purge, records, at - _options.AgeOf(records), cancellationToken);
            }
            catch (Exception failed) when (!cancellationToken.IsCancellationRequested)
            {
                // The next pass tries again; what was deleted so far stays deleted (each batch commits on its own).
                _logger.LogWarning("Retention of the {Store} store failed: {ExceptionType}: {ExceptionMessage}",
                    purge.Store, failed.GetType().Name, failed.Message);
                problems.Add($"{purge.Store}: {failed.GetType().Name}: {failed.Message}");
            }
        }

        var pass = new RetentionPass(at, Stopwatch.GetElapsedTime(started), purged, problems);
        _last = pass;
        if (purged.Values.Sum() > 0)
            _logger.LogInformation("Retention purged {Purged} in {ElapsedMs:0} ms", string.Join(", ", purged.Select(p => $"{p.Value} {p.Key}")),
                pass.Took.TotalMilliseconds);
        await MeasureAsync(cancellationToken);
        return pass;
    }

    /// <summary>Reads every store's size and rows now; a store that cannot be read keeps its last reading.</summary>
    public async Task<StoreSizes> MeasureAsync(CancellationToken cancellationToken)
    {
        var previous = _sizes?.Stores ?? [];
        var stores = new List<StoreSize>();
        foreach (var purge in _purges)
        {
            try
            {
                stores.Add(await purge.MeasureAsync(cancellationToken));
            }
            catch (Exception failed) when (!cancellationToken.IsCancellationRequested)
            {
                _logger.LogWarning("Measuring the {Store} store failed: {ExceptionType}: {ExceptionMessage}",
                    purge.Store, failed.GetType().Name, failed.Message);
                if (previous.FirstOrDefault(s => s.Store == purge.Store) is { } last) stores.Add(last);
            }
        }

        var sizes = new StoreSizes(_time.GetUtcNow(), stores);
        _sizes = sizes;
        return sizes;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The dashboard shows the store's size from start; a pass due at once measures after it, so it is read once.
        if (_options.FirstPassAfter > TimeSpan.Zero)
        {
            await MeasureAsync(stoppingToken);
            await Task.Delay(_options.FirstPassAfter, _time, stoppingToken);
        }

        var tick = _options.MeasureInterval < _options.Interval ? _options.MeasureInterval : _options.Interval;
        using var timer = new PeriodicTimer(tick, _time);
        var nextPass = _time.GetUtcNow();
        do
        {
            if (_time.GetUtcNow() >= nextPass)
            {
                await RunPassAsync(stoppingToken);
                nextPass = _time.GetUtcNow() + _options.Interval;
            }
            else
            {
                await MeasureAsync(stoppingToken);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task<long> PurgeAllAsync(IRecordPurge purge, RetainedRecords records, DateTimeOffset olderThan, CancellationToken cancellationToken)
    {
        long total = 0;
        while (true)
        {
            var deleted = await purge.PurgeAsync(records, olderThan, _options.BatchSize, cancellationToken);
            total += deleted;
            if (deleted > 0) _purged.Add(deleted, new KeyValuePair<string, object?>(RecordsTag, records.ToString()));
            if (deleted < _options.BatchSize) return total;
            await Task.Delay(_options.BatchPause, _time, cancellationToken);
        }
    }

    private IEnumerable<Measurement<long>> StoreBytes() =>
        (_sizes?.Stores ?? []).Where(size => size.Bytes is not null)
        .Select(size => new Measurement<long>(size.Bytes!.Value, new KeyValuePair<string, object?>(StoreTag, size.Store)));
}
