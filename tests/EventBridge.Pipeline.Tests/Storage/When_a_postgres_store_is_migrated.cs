using EventBridge.Storage.Postgres;

namespace EventBridge.Pipeline.Tests.Storage;

/// <summary>
/// Replicas of a cluster start together on one PostgreSQL database: the schema is created once, under an advisory lock,
/// and a database from a newer EventBridge is refused rather than written by an older one.
/// </summary>
public sealed class When_a_postgres_store_is_migrated
{
    private PostgresTestDatabase _database = null!;

    [SetUp]
    public void Create() => _database = new PostgresTestDatabase();

    [TearDown]
    public void Drop() => _database.Dispose();

    [Test]
    public async Task Should_create_the_schema_once_when_replicas_start_at_the_same_time()
    {
        var replicas = Enumerable.Range(0, 4).Select(_ => _database.NewStore()).ToList();

        await Task.WhenAll(replicas.Select(store => Task.Run(() => store.InitializeAsync())));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(await _database.QueryScalarAsync<long>("SELECT COUNT(*) FROM eventbridge_schema_version WHERE component = 'intents'"),
                Is.EqualTo(PostgresIntentSchema.LatestVersion), "one row per version ran");
            Assert.That(await _database.QueryScalarAsync<int>("SELECT MAX(version) FROM eventbridge_schema_version WHERE component = 'intents'"),
                Is.EqualTo(PostgresIntentSchema.LatestVersion));
            Assert.That(await _database.QueryScalarAsync<long>(
                "SELECT COUNT(*) FROM pg_indexes WHERE indexname = 'ux_intents_one_wrap_up_per_participant'"), Is.EqualTo(1));
        }
    }

    [Test]
    public async Task Should_refuse_a_database_from_a_newer_version_and_name_it_without_the_password()
    {
        await _database.NewStore().InitializeAsync();
        await _database.ExecuteAsync("INSERT INTO eventbridge_schema_version (component, version) VALUES ('intents', 99)");

        var failure = Assert.ThrowsAsync<InvalidOperationException>(() => new PostgresIntentStore(new PostgresDatabase(new PostgresStoreOptions
        {
            ConnectionString = _database.ConnectionString + ";Password=not-for-logs",
        })).InitializeAsync());

        using (Assert.EnterMultipleScope())
        {
            Assert.That(failure!.Message, Does.Contain("99").And.Contain("newer EventBridge").And.Contain("127.0.0.1"));
            Assert.That(failure.Message, Does.Not.Contain("not-for-logs"));
        }
    }
}
