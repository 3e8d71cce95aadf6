using System.Diagnostics;

namespace EventBridge.Testing;

/// <summary>
/// Restarts the suite's RabbitMQ node in place (same data) through the script deploy/broker.sh exports as
/// <c>EVENTBRIDGE_BROKER_CTL</c> (rabbitmqctl bound to the throwaway node). Durable queues and persistent messages
/// survive; connections, channels and non-durable queues do not.
/// </summary>
public static class BrokerControl
{
    public const string CtlVariable = "EVENTBRIDGE_BROKER_CTL";

    public static string Script
    {
        get
        {
            var value = Environment.GetEnvironmentVariable(CtlVariable);
            if (string.IsNullOrWhiteSpace(value) || !File.Exists(value))
                Assert.Fail($"{CtlVariable} is not set (or not a file): run the suite with 'bash deploy/test.sh', whose broker_start exports it.");
            return value!;
        }
    }

    /// <summary>Stops the RabbitMQ application (the Erlang node stays up): every connection drops.</summary>
    public static Task StopAppAsync(CancellationToken cancellationToken = default) => RunAsync("stop_app", cancellationToken);

    /// <summary>Starts the RabbitMQ application again and waits until it accepts connections.</summary>
    public static async Task StartAppAsync(CancellationToken cancellationToken = default)
    {
        await RunAsync("start_app", cancellationToken);
        await RunAsync("await_startup", cancellationToken);
    }

    /// <summary>The queues of <paramref name="vhost"/> as <c>rabbitmqctl list_queues name type arguments</c> reports them (JSON).</summary>
    public static Task<string> ListQueuesAsync(string vhost, CancellationToken cancellationToken = default) =>
        RunAsync(cancellationToken, "list_queues", "-p", vhost, "name", "type", "arguments", "--formatter", "json", "--quiet");

    /// <summary>The exchanges bindings start from on <paramref name="vhost"/> (<c>rabbitmqctl list_bindings source_name</c>).</summary>
    public static async Task<IReadOnlyList<string>> BindingSourcesAsync(string vhost, CancellationToken cancellationToken = default)
    {
        var json = await RunAsync(cancellationToken, "list_bindings", "-p", vhost, "source_name", "--formatter", "json", "--quiet");
        using var document = System.Text.Json.JsonDocument.Parse(json);
        return [.. document.RootElement.EnumerateArray().Select(b => b.GetProperty("source_name").GetString() ?? "").Distinct()];
    }

    private static Task<string> RunAsync(string command, CancellationToken cancellationToken) => RunAsync(cancellationToken, command);

    private static async Task<string> RunAsync(CancellationToken cancellationToken, params string[] arguments)
    {
        var command = string.Join(' ', arguments);
        var start = new ProcessStartInfo("bash", [Script, .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {Script} {command}.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{Script} {command}' did not finish within 60 s.");
        }

        if (process.ExitCode != 0)
            throw new InvalidOperationException($"'{Script} {command}' exited with {process.ExitCode}: {await errors}{await output}");
        return await output;
    }
}
