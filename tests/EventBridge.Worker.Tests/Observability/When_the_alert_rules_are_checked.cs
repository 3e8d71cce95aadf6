using System.Text.RegularExpressions;

namespace EventBridge.Worker.Tests.Observability;

/// <summary>
/// docs/ALERTS.md's rules, as an operator copies them: <c>promtool check rules</c> accepts them, and
/// <c>promtool test rules</c> (alerts.test.yml) shows each alert firing on the series the worker exports, when it
/// should and not before.
/// </summary>
public sealed partial class When_the_alert_rules_are_checked
{
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(1);

    [Test]
    public async Task Should_pass_promtool_check_and_its_unit_tests()
    {
        var scratch = Directory.CreateTempSubdirectory("eventbridge-alerts-").FullName;
        try
        {
            var markdown = File.ReadAllText(Path.Combine(WorkerProcess.RepositoryRoot(), "docs", "ALERTS.md"));
            var block = RulesBlock().Match(markdown);
            Assert.That(block.Success, Is.True, "docs/ALERTS.md has no ```yaml block after <!-- alert-rules -->");
            File.WriteAllText(Path.Combine(scratch, "rules.yml"), block.Groups["yaml"].Value);
            File.Copy(Path.Combine(WorkerProcess.RepositoryRoot(), "tests", "EventBridge.Worker.Tests", "Observability", "alerts.test.yml"),
                Path.Combine(scratch, "alerts.test.yml"));
            var promtool = Promtool();

            var check = await Command.RunAsync(promtool, ["check", "rules", "rules.yml"], scratch, Bound);
            var test = await Command.RunAsync(promtool, ["test", "rules", "alerts.test.yml"], scratch, Bound);

            Assert.Multiple(() =>
            {
                Assert.That(check.ExitCode, Is.Zero, check.Output);
                Assert.That(check.Output, Does.Contain("SUCCESS: 6 rules found"));
                Assert.That(test.ExitCode, Is.Zero, test.Output);
            });
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    /// <summary>On PATH, or where deploy/test.sh puts it (prerequisites.sh: promtool_install).</summary>
    private static string Promtool()
    {
        var fetched = Path.Combine(WorkerProcess.RepositoryRoot(), "artifacts", "tools", "prometheus", "usr", "bin", "promtool");
        if (File.Exists(fetched)) return fetched;
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(d => Path.Combine(d, "promtool")).FirstOrDefault(File.Exists);
        return onPath ?? throw new AssertionException(
            "promtool is missing: 'bash deploy/test.sh' fetches it from Debian's prometheus package (deploy/prerequisites.sh, promtool_install).");
    }

    [GeneratedRegex(@"<!-- alert-rules -->\s*```yaml\n(?<yaml>.*?)```", RegexOptions.Singleline)]
    private static partial Regex RulesBlock();
}
