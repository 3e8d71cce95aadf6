using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace EventBridge.Pipeline.Tests.Faults;

/// <summary>Collects the rows the fault tests measure and renders them as the Markdown table of docs/RELIABILITY.md.</summary>
public static class ReliabilityTable
{
    private static readonly ConcurrentQueue<ReliabilityRow> _rows = new();

    public static IReadOnlyList<ReliabilityRow> Rows => [.. _rows];

    public static void Record(ReliabilityRow row)
    {
        _rows.Enqueue(row);
        TestContext.Progress.WriteLine($"[reliability] {row.Scenario}: {row.Applied} applied, {row.FailedAsExpected} failed as expected, " +
            $"{row.Duplicates} duplicates, {row.Lost} lost, {row.Unexpected} unexpected of {row.Intents} in {row.Seconds:0.0} s");
    }

    public static string ToMarkdown(IEnumerable<ReliabilityRow> rows)
    {
        var text = new StringBuilder();
        text.AppendLine("| scenario | load | faults (injected, as measured) | intents | applied | failed as expected | duplicates | lost | unexpected | promise kept | seconds |");
        text.AppendLine("|---|---|---|---:|---:|---:|---:|---:|---:|:---:|---:|");
        foreach (var row in rows)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {Cell(row.Scenario)} | {Cell(row.Load)} | {Cell(row.Faults)} | {row.Intents} | {row.Applied} | {row.FailedAsExpected} | " +
                $"{row.Duplicates} | {row.Lost} | {row.Unexpected} | {(row.Kept ? "yes" : "**no**")} | {row.Seconds.ToString("0.0", CultureInfo.InvariantCulture)} |");
        }

        return text.ToString();
    }

    private static string Cell(string value) => value.Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");
}
