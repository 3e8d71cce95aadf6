using EventBridge.Worker.Hosting;
using Serilog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Compact;
using Serilog.Formatting.Display;

namespace EventBridge.Worker.Tests.Hosting;

/// <summary>
/// A wrap-up code or user name with CR/LF or ESC must not forge a log line or drive an operator's terminal, in the text
/// format deploy/run.sh uses as in JSON; huge values are cut with their length said.
/// </summary>
public sealed class When_a_log_value_carries_control_characters
{
    private const string Forged = "Resolved\r\n12:00:00 INF EventBridge: intent applied\u001b[2J\u0085";

    [Test]
    public void Should_write_one_text_line_with_the_controls_escaped()
    {
        var line = RenderText(logger => logger.Warning("Intent refused: unknown code {Code}", Forged));

        Assert.Multiple(() =>
        {
            Assert.That(line.TrimEnd('\n', '\r').Split('\n'), Has.Length.EqualTo(1), line);
            Assert.That(line, Does.Contain(@"Resolved\u000D\u000A12:00:00 INF"));
            Assert.That(line, Does.Not.Contain("\u001b").And.Not.Contain("\u0085"));
            Assert.That(line, Does.Contain(@"\u001B[2J"), "shown, not obeyed");
        });
    }

    [Test]
    public void Should_clean_values_inside_collections_and_structures_too()
    {
        var line = RenderText(logger => logger.Warning("Codes {@Codes} for {@Agent}", new[] { "ok", "bad\nline" }, new { Name = "a\rb" }));

        Assert.That(line.TrimEnd('\n', '\r').Split('\n'), Has.Length.EqualTo(1), line);
        // Nested values are rendered as JSON, which escapes the escape's backslash once more: still one line, still visible.
        Assert.That(line, Does.Contain(@"u000Aline").And.Contain(@"a\\u000Db").And.Not.Contain("\r"));
    }

    [Test]
    public void Should_cut_a_huge_value_and_say_how_long_it_was()
    {
        var line = RenderText(logger => logger.Warning("Notes {Notes}", new string('x', 100_000)));

        Assert.That(line, Has.Length.LessThan(SafeLogValues.MaxLength + 200));
        Assert.That(line, Does.Contain("(cut, 100000 chars)"));
    }

    [Test]
    public void Should_indent_every_line_of_an_exception_and_escape_its_controls()
    {
        var text = RenderText(logger => logger.Error(new InvalidOperationException($"Genesys answered {Forged}\nmore"), "Call failed"));
        var lines = text.TrimEnd('\n').Split('\n');

        Assert.Multiple(() =>
        {
            Assert.That(lines[0], Does.EndWith("Call failed"));
            Assert.That(lines.Skip(1), Is.Not.Empty.And.All.StartWith("    "), "no line of the exception starts like a log line");
            Assert.That(text, Does.Contain(@"Resolved\u000D").And.Contain(@"\u001B[2J").And.Not.Contain("\u001b").And.Not.Contain("\r"));
            Assert.That(text, Does.Contain("    12:00:00 INF EventBridge: intent applied"), "the forged line is shown indented");
        });
    }

    [Test]
    public void Should_render_nothing_in_place_of_a_missing_exception()
    {
        var line = RenderText(logger => logger.Information("Applied {Code}", "Resolved"));

        Assert.That(line, Does.EndWith("Applied Resolved" + Environment.NewLine));
    }

    [Test]
    public void Should_keep_ordinary_values_untouched_in_json()
    {
        var json = Render(new RenderedCompactJsonFormatter(), logger => logger.Information("Applied {Code} for {ConversationId}", "Resolved", "c-1"));

        Assert.That(json, Does.Contain("\"Code\":\"Resolved\"").And.Contain("\"ConversationId\":\"c-1\""));
    }

    private static string RenderText(Action<ILogger> write) =>
        Render(new MessageTemplateTextFormatter(LoggingSetup.TextTemplate), write);

    private static string Render(Serilog.Formatting.ITextFormatter formatter, Action<ILogger> write)
    {
        var sink = new Collecting();
        using (var logger = new LoggerConfiguration().Enrich.With<SafeLogValues>().Enrich.With<ConsoleExceptionText>().WriteTo.Sink(sink).CreateLogger())
            write(logger);
        using var text = new StringWriter();
        foreach (var logEvent in sink.Events) formatter.Format(logEvent, text);
        return text.ToString();
    }

    private sealed class Collecting : ILogEventSink
    {
        public List<LogEvent> Events { get; } = [];

        public void Emit(LogEvent logEvent) => Events.Add(logEvent);
    }
}
