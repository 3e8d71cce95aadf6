using System.Runtime.InteropServices;
using System.Text;

namespace EventBridge.Bench;

/// <summary>
/// docs/PERFORMANCE.md, only ever from a bench run: a whole run writes it, a filtered run (<c>--only X</c>) replaces
/// its own rows and their notes in place and adds a line saying which rows are newer than the whole run, and when.
/// </summary>
internal static class PerformanceDoc
{
    public const string TableHeader = "| measurement | EventBridge | baseline | ratio or value | goal | met? |\n|---|---|---|---|---|---|";

    private const string UpdatedMarker = "- updated by `--only ";

    public sealed record Run(bool Quick, string? Only, string Commit, DateTimeOffset At)
    {
        public string Command => "bash bench/run.sh" + (Quick ? " --quick" : "") + (Only is null ? "" : $" --only {Only}");
    }

    private static readonly string[] Reproduce =
    [
        "## Reproduce",
        "",
        "```",
        "bash bench/run.sh            # full run",
        "bash bench/run.sh --quick    # fewer rounds and samples",
        "bash bench/run.sh --bdn      # BenchmarkDotNet for the ingest micro part (parse + match vs bare STJ)",
        "bash bench/run.sh --only Economy [--quick] [--economy-trace PATH]   # one measurement's rows, replaced in this file; the trace is a per-conversation timeline of the burst",
        "bash bench/run.sh --only Sustained [--quick]   # 200 conversations a minute for 5 minutes (1 with --quick), 30 s ACW",
        "bash bench/run.sh --only Memory [--memory-intents 0] [--embedded-simulator]   # diagnosis variants write docs/PERFORMANCE.only-memory.md instead",
        "bash bench/run.sh --only Latency --latency-background 0   # the latency row without background events, written to docs/PERFORMANCE.only-latency.md",
        "```",
        "",
    ];

    public static string TableLine(Row r) =>
        $"| {r.Measurement} | {r.EventBridge} | {r.Baseline} | {r.Value} | {r.Goal} | {(r.Met is null ? "—" : r.Met.Value ? "yes" : "**no**")} |";

    public static void Write(string output, IReadOnlyList<Row> rows, Run run)
    {
        var memInfo = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal", StringComparison.Ordinal));
        var doc = new StringBuilder();
        doc.AppendLine("# Performance");
        doc.AppendLine();
        doc.AppendLine($"Written by `{run.Command}` (the harness in `bench/EventBridge.Bench`). Do not edit the table by hand; run the command again. " +
            "`--only X` replaces that measurement's rows here and says so under Machine.");
        doc.AppendLine();
        doc.AppendLine("## Machine");
        doc.AppendLine();
        doc.AppendLine($"- cores: {Environment.ProcessorCount}; memory: {memInfo.Split(':')[1].Trim()}; OS: {RuntimeInformation.OSDescription}; .NET: {RuntimeInformation.FrameworkDescription}");
        doc.AppendLine($"- date: {run.At:yyyy-MM-dd HH:mm} UTC; mode: {(run.Quick ? "quick" : "full")}; commit: {run.Commit}");
        doc.AppendLine();
        foreach (var line in Reproduce) doc.AppendLine(line);
        doc.AppendLine("## Latest table");
        doc.AppendLine();
        doc.AppendLine(TableHeader);
        foreach (var r in rows) doc.AppendLine(TableLine(r));
        doc.AppendLine();
        doc.AppendLine("## What each row measured");
        doc.AppendLine();
        foreach (var r in rows) doc.AppendLine(NoteLine(r));
        var findings = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(output))!, "..", "bench", "FINDINGS.md");
        if (File.Exists(findings))
        {
            doc.AppendLine();
            doc.Append(File.ReadAllText(findings));
        }

        File.WriteAllText(output, doc.ToString());
    }

    /// <summary>
    /// Replaces each row's table line and note (adding those not there yet), records the filtered run, and carries
    /// bench/FINDINGS.md again.
    /// </summary>
    public static void UpdateRows(string path, IReadOnlyList<Row> rows, Run run)
    {
        var lines = File.ReadAllLines(path).ToList();
        foreach (var r in rows)
        {
            Replace(lines, $"| {r.Measurement} |", TableLine(r), after: l => l.StartsWith('|'), section: "## Latest table");
            Replace(lines, $"- **{r.Measurement}**:", NoteLine(r), after: l => l.StartsWith("- **", StringComparison.Ordinal), section: "## What each row measured");
        }

        var mark = $"{UpdatedMarker}{run.Only}`: {string.Join(", ", rows.Select(r => r.Measurement))} — {run.At:yyyy-MM-dd HH:mm} UTC; " +
            $"mode: {(run.Quick ? "quick" : "full")}; commit: {run.Commit}";
        Replace(lines, $"{UpdatedMarker}{run.Only}`", mark, after: l => l.StartsWith("- ", StringComparison.Ordinal), section: "## Machine");
        var reproduce = lines.IndexOf(Reproduce[0]);
        if (reproduce >= 0)
        {
            var next = lines.FindIndex(reproduce + 1, l => l.StartsWith("## ", StringComparison.Ordinal));
            lines.RemoveRange(reproduce, (next < 0 ? lines.Count : next) - reproduce);
            lines.InsertRange(reproduce, Reproduce);
        }

        File.WriteAllLines(path, WithFindings(lines, path));
    }

    // bench/FINDINGS.md is the prose after the rows: carried again, so its reading of the figures moves with them.
    private static List<string> WithFindings(List<string> lines, string path)
    {
        var findings = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, "..", "bench", "FINDINGS.md");
        if (!File.Exists(findings)) return lines;
        var text = File.ReadAllLines(findings);
        var heading = text.FirstOrDefault(l => l.StartsWith("## ", StringComparison.Ordinal));
        var at = heading is null ? -1 : lines.IndexOf(heading);
        if (at < 0) return lines;
        return [.. lines.Take(at), .. text.SkipWhile(l => l != heading)];
    }

    private static string NoteLine(Row r) => $"- **{r.Measurement}**: {r.Note}";

    // Replaces the line starting with `prefix` in `section`, or inserts `line` after the section's last line that
    // matches `after` (its table or list).
    private static void Replace(List<string> lines, string prefix, string line, Predicate<string> after, string section)
    {
        var start = lines.IndexOf(section);
        if (start < 0) throw new InvalidOperationException($"docs/PERFORMANCE.md has no '{section}' section: run the whole bench once.");
        var end = lines.FindIndex(start + 1, l => l.StartsWith("## ", StringComparison.Ordinal));
        if (end < 0) end = lines.Count;
        var at = lines.FindIndex(start, end - start, l => l.StartsWith(prefix, StringComparison.Ordinal));
        if (at >= 0)
        {
            lines[at] = line;
            return;
        }

        var last = lines.FindLastIndex(end - 1, end - start, after);
        lines.Insert(last < 0 ? start + 2 : last + 1, line);
    }
}
