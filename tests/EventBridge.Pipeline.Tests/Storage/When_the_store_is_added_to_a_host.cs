using EventBridge.Pipeline.Storage;
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
        Assert.That(host.Services.GetRequiredService<IOptions<SqliteIntentStoreOptions>>().Value.BusyTimeout, Is.EqualTo(TimeSpan.FromSeconds(5)));
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

    private IHost BuildHost(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = _database.FolderPath });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddSqliteIntentStore(builder.Configuration);
        return builder.Build();
    }
}
