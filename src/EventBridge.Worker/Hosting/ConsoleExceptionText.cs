using System.Globalization;
using System.Text;
using Serilog.Core;
using Serilog.Events;

namespace EventBridge.Worker.Hosting;

/// <summary>
/// The text format's exception, as <c>ExceptionText</c>: an exception's message can carry what a caller or Genesys
/// sent (a JSON reader quoting a body, an HTTP answer), and Serilog's <c>{Exception}</c> writes it raw. Here every line
/// is indented, so no line of it can pass for a log line of its own, controls other than the line break are escaped,
/// and a huge text is cut. The JSON format needs none of this: it escapes the exception as one string.
/// </summary>
public sealed class ConsoleExceptionText : ILogEventEnricher
{
    public const string PropertyName = "ExceptionText";

    /// <summary>Longest exception text kept: a deep stack trace fits, a message quoting a megabyte does not.</summary>
    public const int MaxLength = 16 * 1024;

    private const string Indent = "    ";

    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        if (logEvent.Exception is null) return;
        logEvent.AddOrUpdateProperty(new LogEventProperty(PropertyName, new ScalarValue(Render(logEvent.Exception.ToString()))));
    }

    public static string Render(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var kept = text.Length <= MaxLength ? text : text[..MaxLength];
        var safe = new StringBuilder(kept.Length + 64).Append(Indent);
        foreach (var c in kept)
        {
            if (c == '\n') safe.Append('\n').Append(Indent);
            else if (SafeLogValues.IsControl(c) && c != '\t') safe.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            else safe.Append(c);
        }

        if (text.Length > MaxLength) safe.Append(CultureInfo.InvariantCulture, $"…(cut, {text.Length} chars)");
        return safe.Append('\n').ToString();
    }
}
