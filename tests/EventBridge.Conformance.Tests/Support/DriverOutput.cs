using System.Text.Json;

namespace EventBridge.Conformance.Tests.Support;

/// <summary>The parsed stdout of one driver run; stderr is kept only to explain failures.</summary>
internal sealed class DriverOutput
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private DriverOutput(IReadOnlyList<DriverStep> steps, ProcessResult process)
    {
        Steps = steps;
        Process = process;
    }

    public IReadOnlyList<DriverStep> Steps { get; }

    public ProcessResult Process { get; }

    public static DriverOutput Parse(ProcessResult process)
    {
        var steps = new List<DriverStep>();
        foreach (var line in process.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            try
            {
                steps.Add(JsonSerializer.Deserialize<DriverStep>(line, Json)
                    ?? throw new InvalidOperationException($"The driver printed null: {line}"));
            }
            catch (JsonException e)
            {
                throw new InvalidOperationException($"The driver printed a line that is not a step ({e.Message}): {line}\nstderr: {process.StandardError}", e);
            }
        }

        return new DriverOutput(steps, process);
    }

    public DriverStep Step(string name) =>
        Steps.SingleOrDefault(s => s.Step == name)
        ?? throw new AssertionException(
            $"The driver reported no step '{name}' (got: {string.Join(", ", Steps.Select(s => s.Step))}). stderr: {Process.StandardError}");
}
