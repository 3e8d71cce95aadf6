using System.Globalization;
using System.Text;
using Serilog.Core;
using Serilog.Events;

namespace EventBridge.Worker.Hosting;

/// <summary>
/// Every string a log line carries comes from somewhere (a caller's wrap-up code, a user name, a Genesys answer), so
/// before any sink sees it, control characters (C0, DEL, C1: CR/LF that would forge a line, ESC that would drive a
/// terminal) are written as <c>\uXXXX</c>, and long values are cut with their length said. The JSON format escapes
/// controls already; the text format (<c>deploy/run.sh</c>) writes strings raw, so without this it would not be safe.
/// </summary>
public sealed class SafeLogValues : ILogEventEnricher
{
    /// <summary>Longest string value kept whole; ids and codes are far shorter, bodies and notes are cut.</summary>
    public const int MaxLength = 512;

    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        List<LogEventProperty>? changed = null;
        foreach (var (name, value) in logEvent.Properties)
        {
            var safe = Clean(value);
            if (!ReferenceEquals(safe, value)) (changed ??= []).Add(new LogEventProperty(name, safe));
        }

        foreach (var property in changed ?? []) logEvent.AddOrUpdateProperty(property);
    }

    /// <summary><paramref name="text"/> with controls escaped and cut to <see cref="MaxLength"/>; the same instance when already safe.</summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length <= MaxLength && !text.Any(IsControl)) return text;
        var kept = text.Length <= MaxLength ? text : text[..MaxLength];
        var safe = new StringBuilder(kept.Length + 16);
        foreach (var c in kept)
        {
            if (IsControl(c)) safe.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            else safe.Append(c);
        }

        if (text.Length > MaxLength) safe.Append(CultureInfo.InvariantCulture, $"…(cut, {text.Length} chars)");
        return safe.ToString();
    }

    internal static bool IsControl(char c) => c < 0x20 || c is >= '\u007F' and <= '\u009F';

    private static LogEventPropertyValue Clean(LogEventPropertyValue value) => value switch
    {
        ScalarValue { Value: string text } when Escape(text) is var safe && !ReferenceEquals(safe, text) => new ScalarValue(safe),
        SequenceValue sequence when sequence.Elements.Select(Clean).ToList() is var elements && !elements.SequenceEqual(sequence.Elements) =>
            new SequenceValue(elements),
        StructureValue structure when structure.Properties.Select(p => new LogEventProperty(p.Name, Clean(p.Value))).ToList() is var properties
                                      && !properties.Select(p => p.Value).SequenceEqual(structure.Properties.Select(p => p.Value)) =>
            new StructureValue(properties, structure.TypeTag),
        DictionaryValue dictionary when dictionary.Elements.Select(e => KeyValuePair.Create(e.Key, Clean(e.Value))).ToList() is var entries
                                        && !entries.Select(e => e.Value).SequenceEqual(dictionary.Elements.Select(e => e.Value)) =>
            new DictionaryValue(entries),
        _ => value,
    };
}
