using EventBridge.Pipeline.Storage;

namespace EventBridge.Pipeline.Tests.Storage;

/// <summary>Each test gets a store on a fresh temporary database file, deleted afterwards.</summary>
public abstract class StoreTest
{
    protected TestDatabase Database { get; private set; } = null!;

    protected SqliteIntentStore Store { get; private set; } = null!;

    [SetUp]
    public async Task OpenStore()
    {
        Database = new TestDatabase();
        Store = await Database.OpenStoreAsync();
    }

    [TearDown]
    public void DeleteDatabase() => Database.Dispose();
}
