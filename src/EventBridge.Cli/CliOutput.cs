using System.Globalization;
using System.Text;
using System.Text.Json;

namespace EventBridge.Cli;

public enum OutputFormat
{
    Table,
    Json,
}

/// <summary>
/// Where a verb writes: the API's JSON as it came (for scripts and jq), or tables for a person. Values in tables have
/// control characters escaped (a note with ESC or a newline cannot rewrite the terminal or forge a row) and long free
/// text cut; ids are never cut.
/// </summary>
public sealed class CliOutput(TextWriter output, TextWriter error, OutputFormat format)
{
    private const int MaxTextWidth = 100;
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public OutputFormat Format => format;

    public void Json(JsonElement json) => output.WriteLine(JsonSerializer.Serialize(json, Indented));

    public void Line(string text) => output.WriteLine(Printable(text, int.MaxValue));

    public void Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string?>> rows)
    {
        var cells = rows.Select(row => row.Select(value => Printable(value ?? "", MaxTextWidth)).ToArray()).ToList();
        var widths = headers.Select((header, i) => Math.Max(header.Length, cells.Count == 0 ? 0 : cells.Max(row => row[i].Length))).ToArray();
        output.WriteLine(Row(headers, widths));
        foreach (var row in cells) output.WriteLine(Row(row, widths));
    }

    /// <summary>Writes why a call failed to stderr and gives the exit code for it.</summary>
    public int Fail(ApiAnswer answer, string doing)
    {
        error.WriteLine(Printable($"{doing}: {answer.Problem}", int.MaxValue));
        return answer.ExitCode;
    }

    public static string Printable(string text, int maxLength)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsControl(c)) builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            else builder.Append(c);
        }

        return builder.Length <= maxLength ? builder.ToString() : builder.ToString(0, maxLength - 1) + "…";
    }

    private static string Row(IReadOnlyList<string> values, int[] widths) =>
        string.Join("  ", values.Select((value, i) => i == values.Count - 1 ? value : value.PadRight(widths[i]))).TrimEnd();
}
