namespace EventBridge.Testing;

/// <summary>
/// A RabbitMQ virtual host of its own for a real worker process. The worker's queue names are fixed
/// (eventbridge-wrapup-intents, eventbridge-wrapup-settle), and dotnet test runs test projects in parallel: on the
/// shared vhost this worker and EventBridge.Pipeline.Tests' in-process pipeline would compete for each other's intents
/// (and that suite deletes those queues when a host starts). deploy/broker.sh exports BROKER_NODE and BROKER_DIR, so
/// rabbitmqctl can add one; without them (a broker of your own) the default vhost is used and a warning is written.
/// </summary>
public sealed class IsolatedVhost
{
    private const string Rabbitmqctl = "/usr/lib/rabbitmq/bin/rabbitmqctl";
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);

    private IsolatedVhost(Uri uri, string? name)
    {
        Uri = uri;
        Name = name;
    }

    /// <summary>The broker URI with this vhost: what the worker and the gateway connect to.</summary>
    public Uri Uri { get; }

    /// <summary>Null when the default vhost of <see cref="TestBroker.Uri"/> is used.</summary>
    public string? Name { get; }

    public static async Task<IsolatedVhost> CreateAsync(string purpose)
    {
        if (Cli() is not { } cli)
        {
            await TestContext.Progress.WriteLineAsync(
                "WARNING: BROKER_NODE/BROKER_DIR are not set (broker not started by deploy/broker.sh): the worker uses the broker's " +
                "default vhost and must not run beside EventBridge.Pipeline.Tests.");
            return new IsolatedVhost(TestBroker.Uri, null);
        }

        var name = $"{purpose}-{Guid.NewGuid():N}";
        await RunAsync(cli, "add_vhost", name);
        await RunAsync(cli, "set_permissions", "-p", name, TestBroker.Uri.UserInfo.Split(':')[0], ".*", ".*", ".*");
        return new IsolatedVhost(new UriBuilder(TestBroker.Uri) { Path = "/" + Uri.EscapeDataString(name) }.Uri, name);
    }

    public async Task DeleteAsync()
    {
        if (Name is null || Cli() is not { } cli) return;
        await RunAsync(cli, "delete_vhost", Name);
    }

    private static (string Node, string Home)? Cli()
    {
        var node = Environment.GetEnvironmentVariable("BROKER_NODE");
        var dir = Environment.GetEnvironmentVariable("BROKER_DIR");
        if (string.IsNullOrWhiteSpace(node) || string.IsNullOrWhiteSpace(dir) || !File.Exists(Rabbitmqctl)) return null;
        return (node, Path.Combine(dir, "home")); // the Erlang cookie the node uses lives there
    }

    private static async Task RunAsync((string Node, string Home) cli, params string[] arguments)
    {
        var (exitCode, output) = await Command.RunAsync(Rabbitmqctl, ["-n", cli.Node, .. arguments], Path.GetTempPath(), CommandTimeout,
            new Dictionary<string, string?> { ["HOME"] = cli.Home });
        if (exitCode != 0)
            Assert.Fail($"rabbitmqctl {string.Join(' ', arguments)} failed with exit code {exitCode}:{Environment.NewLine}{output}");
    }
}
