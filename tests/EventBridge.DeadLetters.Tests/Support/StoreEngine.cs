namespace EventBridge.DeadLetters.Tests.Support;

/// <summary>Where a test host keeps its stores: the embedded SQLite files, or PostgreSQL as a cluster does.</summary>
public enum StoreEngine
{
    Sqlite,
    Postgres,
}
