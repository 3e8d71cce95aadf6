using EventBridge.Pipeline.Retention;
using EventBridge.Pipeline.Storage;

namespace EventBridge.Pipeline.Tests.Storage;

/// <summary>A fresh, empty database of one engine for one test, and raw SQL around the stores opened on it.</summary>
public interface IStoreTestDatabase : IDisposable
{
    /// <summary>The smallest time step the engine keeps: 100 ns in SQLite's text, 1 µs in a PostgreSQL timestamptz.</summary>
    TimeSpan Precision { get; }

    /// <summary>A store as a (re)started worker would have it: constructed, then initialized.</summary>
    Task<IIntentStore> OpenIntentStoreAsync();

    IIntentAttemptJournal NewJournal();

    IIntentQueries NewQueries();

    /// <summary>The engine's retention of the intent store (finished intents, attempts).</summary>
    IRecordPurge NewIntentRetention();

    /// <summary>An intent id as a raw SQL parameter: text in SQLite, uuid in PostgreSQL.</summary>
    object IdParameter(Guid id);

    /// <summary>The engine's exception for a unique index or key violated.</summary>
    bool IsUniqueViolation(Exception failure);

    /// <summary>The engine's exception for a CHECK constraint violated.</summary>
    bool IsCheckViolation(Exception failure);

    Task<T> QueryScalarAsync<T>(string sql, object? parameters = null);

    Task ExecuteAsync(string sql, object? parameters = null);
}
