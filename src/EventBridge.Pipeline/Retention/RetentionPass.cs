namespace EventBridge.Pipeline.Retention;

/// <summary>What one purge pass did: records purged by kind, and what could not be done.</summary>
public sealed record RetentionPass(
    DateTimeOffset At,
    TimeSpan Took,
    IReadOnlyDictionary<RetainedRecords, long> Purged,
    IReadOnlyList<string> Problems);

/// <summary>The stores' size and rows as last read, and when.</summary>
public sealed record StoreSizes(DateTimeOffset MeasuredAt, IReadOnlyList<StoreSize> Stores);
