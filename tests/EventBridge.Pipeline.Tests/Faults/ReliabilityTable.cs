using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using System.Text;

namespace EventBridge.Pipeline.Tests.Faults;

/// <summary>Collects the rows the fault tests measure and renders them as the Markdown table of docs/RELIABILITY.md.</summary>
public static class ReliabilityTable
{
    private static readonly ConcurrentQueue<(string TestId, ReliabilityRow Row)> _rows = new();
    private static readonly ConcurrentDictionary<string, bool> _ran = new();

    public static IReadOnlyList<ReliabilityRow> Rows => [.. _rows.Select(r => r.Row)];

    /// <summary>Scenario tests that ran in this run (finished or not).</summary>
    public static int TestsRan => _ran.Count;

    /// <summary>Every scenario test the assembly holds: a run with fewer was filtered and must not rewrite the document.</summary>
    public static int TestsDeclared { get; } = typeof(ReliabilityScenarios).Assembly.GetTypes()
        .Where(t => t.IsSubclassOf(typeof(ReliabilityScenarios)) && !t.IsAbstract)
        .SelectMany(t => t.GetMethods())
        .Sum(m => m.GetCustomAttributes<TestCaseAttribute>().Count() is var cases and > 0 ? cases : m.GetCustomAttribute<TestAttribute>() is null ? 0 : 1);

    public static void Record(ReliabilityRow row)
    {
        _rows.Enqueue((TestContext.CurrentContext.Test.ID, row));
        TestContext.Progress.WriteLine(row.Failure is { } failure
            ? $"[reliability] {row.Scenario}: did not finish: {failure}"
            : $"[reliability] {row.Scenario}: {row.Applied} applied, {row.FailedAsExpected} failed as expected, " +
              $"{row.Duplicates} duplicates, {row.Lost} lost, {row.Unexpected} unexpected, {row.TimedOut} codes lost to ACW timeout of {row.Intents} in {row.Seconds:0.0} s; {row.Mechanism}");
    }

    internal static bool Ran(string testId)
    {
        _ran[testId] = true;
        return _rows.Any(r => r.TestId == testId);
    }

    public static string ToMarkdown(IEnumerable<ReliabilityRow> rows)
    {
        var text = new StringBuilder();
        text.AppendLine("| scenario | load | faults (injected, as measured) | intents | applied | failed as expected | duplicates | lost | unexpected | " +
            "codes lost to ACW timeout | ACW → applied p50 / p99 (s) | what the mechanism did (measured) | mechanism check | promise kept | seconds |");
        text.AppendLine("|---|---|---|---:|---:|---:|---:|---:|---:|---|---:|---|---|:---:|---:|");
        foreach (var row in rows)
        {
            var kept = row.Failure is { } failure ? $"**did not finish**: {failure}" : row.Kept ? "yes" : "**no**";
            var check = row.MechanismCheck.Length == 0 ? "" : $"{row.MechanismCheck}: {(row.MechanismFired ? "held" : "**failed**")}";
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {Cell(row.Scenario)} | {Cell(row.Load)} | {Cell(row.Faults)} | {row.Intents} | {row.Applied} | {row.FailedAsExpected} | " +
                $"{row.Duplicates} | {row.Lost} | {row.Unexpected} | {TimedOut(row)} | {Seconds(row.AcwToAppliedP50)} / {Seconds(row.AcwToAppliedP99)} | " +
                $"{Cell(row.Mechanism)} | {Cell(check)} | {Cell(kept)} | {row.Seconds.ToString("0.0", CultureInfo.InvariantCulture)} |");
        }

        return text.ToString();
    }

    private static string TimedOut(ReliabilityRow row) => row.TimedOut == 0 ? "0" : $"{row.TimedOut} ({row.TimedOutDetail})";

    private static string Seconds(double? value) => value?.ToString("0.00", CultureInfo.InvariantCulture) ?? "–";

    private static string Cell(string value) => value.Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");
}
