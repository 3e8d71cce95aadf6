namespace EventBridge.Worker.Tests;

/// <summary>The Node.js projects the tests run: the example gateway and the deploy-file validator.</summary>
internal static class NodePackages
{
    private static readonly TimeSpan NpmTimeout = TimeSpan.FromMinutes(5);

    /// <summary>Node.js 20+ on PATH and the packages of <paramref name="directory"/> installed as its package-lock.json pins them.</summary>
    public static async Task EnsureInstalledAsync(string directory)
    {
        (int ExitCode, string Output) version;
        try
        {
            version = await Command.RunAsync("node", ["--version"], directory, TimeSpan.FromSeconds(30));
        }
        catch (System.ComponentModel.Win32Exception)
        {
            Assert.Fail("Node.js (v20+) is not on PATH: 'bash deploy/test.sh' installs it, or install nodejs yourself.");
            return;
        }

        var text = version.Output.Trim();
        if (version.ExitCode != 0 || !int.TryParse(text.TrimStart('v').Split('.')[0], out var major) || major < 20)
            Assert.Fail($"Node.js v20+ is needed for the Node.js parts (examples/node-gateway, deploy/validate); 'node --version' said: {text}");

        // npm writes node_modules/.package-lock.json last: without it an earlier install did not finish, and one older
        // than package-lock.json was made before the pinned packages changed.
        var installed = new FileInfo(Path.Combine(directory, "node_modules", ".package-lock.json"));
        if (installed.Exists && installed.LastWriteTimeUtc >= File.GetLastWriteTimeUtc(Path.Combine(directory, "package-lock.json"))) return;
        var (exitCode, output) = await Command.RunAsync("npm", ["ci", "--no-audit", "--no-fund"], directory, NpmTimeout);
        if (exitCode != 0) Assert.Fail($"'npm ci' in {directory} failed with exit code {exitCode}:{Environment.NewLine}{output}");
    }
}
