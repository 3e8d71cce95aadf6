using System.IO.Compression;
using System.Xml.Linq;
using EventBridge.Genesys.Simulator.Hosting;
using EventBridge.Genesys.Simulator.Organization;

namespace EventBridge.Worker.Tests.Contracts;

/// <summary>
/// <c>dotnet pack src/EventBridge.Contracts</c> gives a package a gateway's own build can take: examples/dotnet-gateway
/// (its own build settings, no project reference) is built against the packed package from a local feed and run
/// against the real worker. Slow for a unit test (a pack, a restore and a build: about 10 s), and the only proof that
/// the package, not the project, carries what a publisher needs.
/// </summary>
public sealed class When_the_contracts_are_packed
{
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(3);
    private readonly string _version = $"1.0.0-check.{Guid.NewGuid():N}"[..24];
    private string _feed = "";

    [SetUp]
    public void MakeFeed() => _feed = Directory.CreateTempSubdirectory("eventbridge-feed-").FullName;

    [TearDown]
    public void RemoveFeed()
    {
        Directory.Delete(_feed, recursive: true);
        // A one-off version in the machine's package cache would only pile up.
        var cached = Path.Combine(Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages"),
            "eventbridge.contracts", _version);
        if (Directory.Exists(cached)) Directory.Delete(cached, recursive: true);
    }

    [Test]
    public async Task Should_pack_what_a_gateway_builds_against_and_publishes_with()
    {
        var package = await PackAsync();
        var nuspec = Nuspec(package);
        var ns = nuspec.Root!.Name.Namespace;
        var metadata = nuspec.Root.Element(ns + "metadata")!;

        Assert.Multiple(() =>
        {
            Assert.That(metadata.Element(ns + "id")?.Value, Is.EqualTo("EventBridge.Contracts"));
            Assert.That(metadata.Element(ns + "readme")?.Value, Is.EqualTo("README.md"));
            Assert.That(metadata.Descendants(ns + "dependency").Select(d => $"{d.Attribute("id")?.Value} {d.Attribute("version")?.Value}"),
                Is.EqualTo(new[] { "MassTransit.Abstractions 8.5.12" }), "nothing but the attributes' package");
            Assert.That(metadata.Element(ns + "repository")?.Attribute("commit")?.Value, Has.Length.EqualTo(40), "Source Link: the commit it was built from");
            Assert.That(Entries(package), Is.SupersetOf(new[] { "README.md", "lib/net10.0/EventBridge.Contracts.dll", "lib/net10.0/EventBridge.Contracts.xml" }));
        });

        var gateway = await BuildGatewayAsync();
        var (exitCode, output) = await RunGatewayAgainstTheWorkerAsync(gateway);
        Assert.That(exitCode, Is.Zero, output);
        Assert.That(output, Does.Contain("applied QA_Review via participant-patch"));
    }

    private async Task<string> PackAsync()
    {
        var root = WorkerProcess.RepositoryRoot();
        var (code, output) = await Command.RunAsync("dotnet",
            ["pack", "src/EventBridge.Contracts", "-c", "Release", "--no-build", "-nologo", "-o", _feed, $"-p:PackageVersion={_version}"], root, Bound);
        Assert.That(code, Is.Zero, output);
        return Path.Combine(_feed, $"EventBridge.Contracts.{_version}.nupkg");
    }

    private async Task<string> BuildGatewayAsync()
    {
        var root = WorkerProcess.RepositoryRoot();
        var output = Path.Combine(_feed, "gateway");
        var (code, log) = await Command.RunAsync("dotnet",
            ["build", "examples/dotnet-gateway", "-c", "Release", "-nologo", "-o", output,
                $"-p:EventBridgeContractsVersion={_version}", $"-p:RestoreAdditionalProjectSources={_feed}"], root, Bound);
        Assert.That(code, Is.Zero, log);
        return Path.Combine(output, "DotnetGateway.dll");
    }

    private static async Task<(int ExitCode, string Output)> RunGatewayAgainstTheWorkerAsync(string gateway)
    {
        await using var simulator = await GenesysSimulator.StartAsync(new SimulatorOptions { DisconnectDelay = TimeSpan.FromMilliseconds(50) });
        await using var stack = await WorkerStack.StartAsync("dotnet-gateway", When_a_publisher_has_only_the_contracts.ForSimulator(simulator));
        var conversation = simulator.Control.CreateConversation(new() { QueueId = SeedData.DemoQueueId, AgentUserId = SeedData.AgentOneId });
        simulator.Control.AgentAnswers(conversation.ConversationId);

        return await Command.RunAsync("dotnet", [gateway, stack.BrokerUri.ToString(), conversation.ConversationId, "QA_Review", "60"],
            Path.GetDirectoryName(gateway)!, Bound);
    }

    private static XDocument Nuspec(string package)
    {
        using var zip = ZipFile.OpenRead(package);
        using var stream = zip.GetEntry("EventBridge.Contracts.nuspec")!.Open();
        return XDocument.Load(stream);
    }

    private static string[] Entries(string package)
    {
        using var zip = ZipFile.OpenRead(package);
        return [.. zip.Entries.Select(e => e.FullName)];
    }
}
