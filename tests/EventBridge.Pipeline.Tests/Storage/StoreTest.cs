using EventBridge.Pipeline.Storage;

namespace EventBridge.Pipeline.Tests.Storage;

/// <summary>
/// Each test gets a store on a fresh, empty database, dropped afterwards — once on SQLite (the embedded default) and once
/// on PostgreSQL (the cluster's shared store): both must keep the same promises.
/// </summary>
[TestFixtureSource(typeof(StoreEngines), nameof(StoreEngines.All))]
public abstract class StoreTest(StoreEngine engine)
{
    protected StoreEngine Engine { get; } = engine;

    protected IStoreTestDatabase Database { get; private set; } = null!;

    protected IIntentStore Store { get; private set; } = null!;

    [SetUp]
    public async Task OpenStore()
    {
        Database = Engine == StoreEngine.Sqlite ? new TestDatabase() : new PostgresTestDatabase();
        Store = await Database.OpenIntentStoreAsync();
    }

    [TearDown]
    public void DeleteDatabase() => Database.Dispose();
}
