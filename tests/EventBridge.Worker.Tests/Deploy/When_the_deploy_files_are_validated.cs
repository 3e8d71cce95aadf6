using System.Text.RegularExpressions;

namespace EventBridge.Worker.Tests.Deploy;

/// <summary>
/// Every file under deploy/ that a machine will read is checked offline with the tool that reads it, or that tool's
/// schema: the systemd unit by <c>systemd-analyze verify</c>, compose.yaml against the Compose Specification, the
/// Kubernetes manifests against the Kubernetes API schemas, the Dockerfile by dockerfile-utils (deploy/validate). The
/// validators are shown to fail on a broken copy, and the files to agree with each other and with the worker.
/// </summary>
public sealed partial class When_the_deploy_files_are_validated
{
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(2);
    private static readonly string Repo = WorkerProcess.RepositoryRoot();
    private static readonly string Validator = Path.Combine(Repo, "deploy", "validate");

    [Test]
    public async Task Should_pass_systemd_analyze_verify_with_no_warning()
    {
        var unit = await UnitWithThisMachinesDotnetAsync(File.ReadAllText(Path.Combine(Repo, "deploy", "systemd", "eventbridge.service")));

        var (exitCode, output) = await Command.RunAsync("systemd-analyze", ["verify", unit], Path.GetDirectoryName(unit)!, Bound);

        Assert.That((exitCode, output.Trim()), Is.EqualTo((0, "")), "systemd-analyze prints every ignored key or bad value");
    }

    [Test]
    public async Task Should_make_systemd_analyze_complain_about_a_misspelt_key()
    {
        var unit = await UnitWithThisMachinesDotnetAsync(File.ReadAllText(Path.Combine(Repo, "deploy", "systemd", "eventbridge.service"))
            .Replace("ProtectSystem=strict", "ProtectSytem=strict", StringComparison.Ordinal));

        var (_, output) = await Command.RunAsync("systemd-analyze", ["verify", unit], Path.GetDirectoryName(unit)!, Bound);

        Assert.That(output, Does.Contain("Unknown key 'ProtectSytem'"));
    }

    [Test]
    public async Task Should_validate_compose_kubernetes_and_the_dockerfile_against_their_schemas()
    {
        await NodePackages.EnsureInstalledAsync(Validator);

        var (exitCode, output) = await Command.RunAsync("node", ["validate.mjs"], Validator, Bound);

        Assert.That(exitCode, Is.Zero, output);
        Assert.That(output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()), Is.EquivalentTo(new[]
        {
            "ok deploy/compose/compose.yaml", "ok deploy/kubernetes/eventbridge.yaml", "ok deploy/kubernetes/secret.example.yaml", "ok deploy/docker/Dockerfile",
        }));
    }

    [Test]
    public async Task Should_refuse_broken_copies()
    {
        await NodePackages.EnsureInstalledAsync(Validator);
        var scratch = Directory.CreateTempSubdirectory("eventbridge-deploy-").FullName;
        try
        {
            var manifest = Path.Combine(scratch, "eventbridge.yaml");
            File.WriteAllText(manifest, Read("deploy/kubernetes/eventbridge.yaml").Replace("  replicas: 2", "  replicas: two", StringComparison.Ordinal));
            var compose = Path.Combine(scratch, "compose.yaml");
            File.WriteAllText(compose, Read("deploy/compose/compose.yaml").Replace("stop_grace_period:", "stop_grace_periode:", StringComparison.Ordinal));
            var dockerfile = Path.Combine(scratch, "Dockerfile");
            File.WriteAllText(dockerfile, Read("deploy/docker/Dockerfile").Replace("EXPOSE 8080", "EXPOS 8080", StringComparison.Ordinal));

            var (exitCode, output) = await Command.RunAsync("node", ["validate.mjs", manifest, compose, dockerfile], Validator, Bound);

            Assert.Multiple(() =>
            {
                Assert.That(exitCode, Is.EqualTo(1), output);
                Assert.That(output, Does.Contain("Deployment eventbridge: data/spec/replicas must be integer"));
                Assert.That(output, Does.Contain("must NOT have additional properties (stop_grace_periode)"));
                Assert.That(output, Does.Contain("Unknown instruction: EXPOS"));
            });
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    [Test]
    public void Should_agree_on_the_port_the_probes_and_the_binary()
    {
        var dockerfile = Read("deploy/docker/Dockerfile");
        var manifest = Read("deploy/kubernetes/eventbridge.yaml");
        var compose = Read("deploy/compose/compose.yaml");
        var unit = Read("deploy/systemd/eventbridge.service");

        Assert.Multiple(() =>
        {
            Assert.That(dockerfile, Does.Contain("EXPOSE 8080").And.Contain("\"--urls\", \"http://0.0.0.0:8080\""));
            Assert.That(manifest, Does.Contain("containerPort: 8080"));
            Assert.That(compose, Does.Contain("\"5080:8080\"").And.Contain("\"5081:8080\""));
            Assert.That(manifest, Does.Contain("path: /health/live").And.Contain("path: /health/ready"), "the worker's health endpoints");
            Assert.That(File.Exists(Path.Combine(AppContext.BaseDirectory, "EventBridge.Worker.dll")), Is.True);
            Assert.That(dockerfile, Does.Contain("\"EventBridge.Worker.dll\""));
            Assert.That(unit, Does.Contain("/opt/eventbridge/EventBridge.Worker.dll"));
            Assert.That(dockerfile, Does.Match(@"FROM mcr\.microsoft\.com/dotnet/aspnet:10\.0\s"), "the .NET runtime image");
            Assert.That(Regex.Matches(dockerfile, @"^USER (\S+)", RegexOptions.Multiline).Last().Groups[1].Value, Is.EqualTo("app"), "not root");
            Assert.That(unit, Does.Contain("Type=notify"), "the worker calls sd_notify (AddSystemd)");
            Assert.That(compose, Does.Contain("../../rabbitmq.conf:/etc/rabbitmq/conf.d/"), "the repository's broker settings");
        });
    }

    private static string Read(string relative) => File.ReadAllText(Path.Combine(Repo, relative));

    /// <summary>verify checks that ExecStart's program exists: point it at this machine's dotnet.</summary>
    private static async Task<string> UnitWithThisMachinesDotnetAsync(string unit)
    {
        var (_, where) = await Command.RunAsync("bash", ["-c", "readlink -f \"$(command -v dotnet)\""], Repo, Bound);
        var scratch = Directory.CreateTempSubdirectory("eventbridge-unit-").FullName;
        var path = Path.Combine(scratch, "eventbridge.service");
        await File.WriteAllTextAsync(path, unit.Replace("/usr/bin/dotnet", where.Trim(), StringComparison.Ordinal));
        return path;
    }
}
