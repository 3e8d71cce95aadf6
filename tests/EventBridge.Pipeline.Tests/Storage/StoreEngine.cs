namespace EventBridge.Pipeline.Tests.Storage;

/// <summary>The engines an <see cref="Pipeline.Storage.IIntentStore"/> runs on; every <see cref="StoreTest"/> runs on each.</summary>
public enum StoreEngine
{
    Sqlite,
    Postgres,
}

public static class StoreEngines
{
    public static readonly StoreEngine[] All = [StoreEngine.Sqlite, StoreEngine.Postgres];
}
