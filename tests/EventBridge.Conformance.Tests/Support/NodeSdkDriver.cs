using System.Text.Json;

namespace EventBridge.Conformance.Tests.Support;

/// <summary>Runs <c>sdk-driver/drive-simulator.js</c> with node, installing the pinned SDK first on a clean clone.</summary>
internal sealed class NodeSdkDriver
{
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(90);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly string _node;
    private readonly string _directory;

    private NodeSdkDriver(string node, string directory)
    {
        _node = node;
        _directory = directory;
    }

    public static async Task<NodeSdkDriver> PrepareAsync()
    {
        var node = ProcessRunner.FindOnPath("node")
            ?? throw new InvalidOperationException(
                "node is not on PATH. The conformance tests run the official Genesys JS SDK and need Node.js 20 or later " +
                "(https://nodejs.org); install it and make sure `node --version` works in the shell that runs dotnet test.");
        var directory = RepositoryPaths.SdkDriverDirectory();
        if (!File.Exists(Path.Combine(directory, "node_modules", "purecloud-platform-client-v2", "package.json")))
            await InstallAsync(directory);
        return new NodeSdkDriver(node, directory);
    }

    /// <summary>The installed SDK package (index.d.ts, src/…/api/*.js).</summary>
    public string PackageDirectory => Path.Combine(_directory, "node_modules", "purecloud-platform-client-v2");

    public async Task<DriverOutput> RunAsync(DriverPlan plan)
    {
        // An empty HOME keeps a developer's ~/.genesyscloudjavascript/config (gateway, logging) out of the run.
        var scratch = Directory.CreateTempSubdirectory("eventbridge-sdk-driver-");
        try
        {
            var planFile = Path.Combine(scratch.FullName, "plan.json");
            await File.WriteAllTextAsync(planFile, JsonSerializer.Serialize(plan, Json));
            var home = new Dictionary<string, string> { ["HOME"] = scratch.FullName, ["USERPROFILE"] = scratch.FullName };
            var result = await ProcessRunner.RunAsync(
                _node, [Path.Combine(_directory, "drive-simulator.js"), planFile], _directory, RunTimeout, home, withoutProxy: true);
            if (result.ExitCode != 0)
                throw new InvalidOperationException($"The SDK driver exited with {result.ExitCode}. stderr: {result.StandardError}");
            return DriverOutput.Parse(result);
        }
        finally
        {
            scratch.Delete(recursive: true);
        }
    }

    private static async Task InstallAsync(string directory)
    {
        var npm = ProcessRunner.FindOnPath("npm")
            ?? throw new InvalidOperationException($"{directory}/node_modules is missing and npm is not on PATH to install it.");
        var result = await ProcessRunner.RunAsync(npm, ["ci", "--no-audit", "--no-fund"], directory, InstallTimeout);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"`npm ci` in {directory} failed with {result.ExitCode}; the SDK version is pinned by package-lock.json, " +
                $"so check registry access. stderr: {result.StandardError}");
        }
    }
}
