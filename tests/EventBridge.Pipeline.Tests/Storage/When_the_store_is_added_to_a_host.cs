using EventBridge.Pipeline.Storage;
using EventBridge.Storage.Postgres;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace EventBridge.Pipeline.Tests.Storage;

public sealed class When_the_store_is_added_to_a_host
{
    private TestDatabase _database = null!;

    [SetUp]
    public void Create()
    {
        _database = new TestDatabase();
        Directory.CreateDirectory(_database.FolderPath);
    }

    [TearDown]
    public void Delete() => _database.Dispose();

    [Test]
    public void Should_resolve_the_default_path_against_the_content_root()
    {
        using var host = BuildHost(new Dictionary<string, string?>());

        var store = host.Services.GetRequiredService<IIntentStore>();

        Assert.That(store, Is.SameAs(host.Services.GetRequiredService<SqliteIntentStore>()));
        Assert.That(((SqliteIntentStore)store).DatabasePath, Is.EqualTo(Path.Combine(_database.FolderPath, "data", "eventbridge.db")));
    }

    [Test]
    public void Should_bind_section_intent_store()
    {
        using var host = BuildHost(new() { ["IntentStore:Path"] = "state/intents.db", ["IntentStore:BusyTimeout"] = "00:00:05" });

        var store = host.Services.GetRequiredService<SqliteIntentStore>();

        Assert.That(store.DatabasePath, Is.EqualTo(Path.Combine(_database.FolderPath, "state", "intents.db")));
        Assert.That(host.Services.GetRequiredService<IOptions<IntentStoreOptions>>().Value.BusyTimeout, Is.EqualTo(TimeSpan.FromSeconds(5)));
    }

    [TestCase(":memory:")]
    [TestCase("")]
    public void Should_refuse_to_start_without_a_file(string path)
    {
        using var host = BuildHost(new() { ["IntentStore:Path"] = path });

        Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
    }

    [Test]
    public void Should_refuse_to_start_with_a_busy_timeout_out_of_range()
    {
        using var host = BuildHost(new() { ["IntentStore:BusyTimeout"] = "01:00:00" });

        Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
    }

    [Test]
    public void Should_select_the_postgres_stores_by_configuration()
    {
        using var host = BuildHost(new() { ["IntentStore:Provider"] = "Postgres", ["IntentStore:ConnectionString"] = "Host=127.0.0.1;Database=eventbridge" },
            withPostgres: true);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(host.Services.GetRequiredService<IIntentStore>(), Is.InstanceOf<PostgresIntentStore>());
            Assert.That(host.Services.GetRequiredService<IIntentAttemptJournal>(), Is.InstanceOf<PostgresIntentAttemptJournal>());
            Assert.That(host.Services.GetRequiredService<IIntentQueries>(), Is.InstanceOf<PostgresIntentQueries>());
        }
    }

    [Test]
    public void Should_refuse_to_start_on_postgres_without_a_connection_string()
    {
        using var host = BuildHost(new() { ["IntentStore:Provider"] = "Postgres" }, withPostgres: true);

        var refused = Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.That(refused!.Message, Does.Contain("IntentStore:ConnectionString"));
    }

    [Test]
    public void Should_refuse_postgres_in_a_host_that_registered_no_postgres_store()
    {
        using var host = BuildHost(new() { ["IntentStore:Provider"] = "Postgres", ["IntentStore:ConnectionString"] = "Host=127.0.0.1" });

        var refused = Assert.Throws<InvalidOperationException>(() => host.Services.GetRequiredService<IIntentStore>());

        Assert.That(refused!.Message, Does.Contain("AddPostgresStores"), "not a local SQLite file in its place");
    }

    [Test]
    public void Should_refuse_an_unknown_provider()
    {
        using var host = BuildHost(new() { ["IntentStore:Provider"] = "Oracle" }, withPostgres: true);

        var refused = Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.That(refused!.Message, Does.Contain("Sqlite or Postgres"));
    }

    private IHost BuildHost(Dictionary<string, string?> settings, bool withPostgres = false)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = _database.FolderPath });
        builder.Configuration.AddInMemoryCollection(settings);
        if (withPostgres) builder.Services.AddPostgresStores(builder.Configuration);
        builder.Services.AddSqliteIntentStore(builder.Configuration);
        return builder.Build();
    }
}
