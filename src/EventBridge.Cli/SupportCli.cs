using System.CommandLine;
using System.Text.Json;

namespace EventBridge.Cli;

/// <summary>
/// <c>eventbridge</c>: support's verbs over the worker's HTTP API (search, show, letters, retry, retry a group after a
/// preview, discard, restore), authenticated with an API key, printing tables or the API's JSON, with exit codes a
/// script can branch on (<see cref="ExitCodes"/>). It holds no state and talks to nothing but the API, so what it may
/// do is exactly what the key's role may do.
/// </summary>
public static class SupportCli
{
    public const string UrlVariable = "EVENTBRIDGE_URL";
    public const string ApiKeyVariable = "EVENTBRIDGE_API_KEY";
    public const string DefaultUrl = "http://127.0.0.1:5080";

    private static readonly Option<string> Url = new("--url")
    {
        Description = $"The worker's HTTP address (default ${UrlVariable}, else {DefaultUrl}).",
        Recursive = true,
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable(UrlVariable) is { Length: > 0 } url ? url : DefaultUrl,
    };

    private static readonly Option<string?> ApiKey = new("--api-key")
    {
        Description = $"An API key of role support (to act) or viewer (to read). Prefer ${ApiKeyVariable}: a command line is visible to every user of the machine.",
        Recursive = true,
    };

    private static readonly Option<OutputFormat> Output = new("--output", "-o")
    {
        Description = "table (for people) or json (the API's answer as it came, for scripts).",
        Recursive = true,
        DefaultValueFactory = _ => OutputFormat.Table,
    };

    private static readonly Option<int> TimeoutSeconds = new("--timeout")
    {
        Description = "Seconds to wait for each answer.",
        Recursive = true,
        DefaultValueFactory = _ => 30,
    };

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var root = new RootCommand("Support's EventBridge commands: find an intent's story, review dead letters, retry, discard, restore.");
        foreach (var option in new Option[] { Url, ApiKey, Output, TimeoutSeconds }) root.Options.Add(option);
        foreach (var verb in ReadVerbs.All().Concat(ActionVerbs.All()))
        {
            var command = verb.Command;
            command.SetAction((parsed, token) => InvokeAsync(verb, parsed, output, error, token));
            root.Subcommands.Add(command);
        }

        var result = root.Parse(args);
        return await result.InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, cancellationToken);
    }

    private static async Task<int> InvokeAsync(Verb verb, ParseResult parsed, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var timeout = parsed.GetValue(TimeoutSeconds);
        if (timeout is < 1 or > 3600)
        {
            await error.WriteLineAsync("--timeout must be between 1 and 3600 seconds.");
            return ExitCodes.Usage;
        }

        if (!Uri.TryCreate(parsed.GetValue(Url), UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            await error.WriteLineAsync($"--url (or ${UrlVariable}) must be the worker's http or https address, such as {DefaultUrl}.");
            return ExitCodes.Usage;
        }

        var key = parsed.GetValue(ApiKey) ?? Environment.GetEnvironmentVariable(ApiKeyVariable);
        using var http = SupportApi.CreateClient(url, key, TimeSpan.FromSeconds(timeout));
        var context = new VerbContext(new SupportApi(http), new CliOutput(output, error, parsed.GetValue(Output)), parsed);
        return await verb.RunAsync(context, cancellationToken);
    }
}

/// <summary>What a verb gets: the API, where to write, and its parsed command line.</summary>
public sealed record VerbContext(SupportApi Api, CliOutput Output, ParseResult Parsed)
{
    /// <summary>The one way a verb ends: a failure to stderr with its exit code, else the JSON as it came or the verb's table.</summary>
    public int Print(ApiAnswer answer, string doing, Action<JsonElement> asTable)
    {
        if (!answer.IsOk) return Output.Fail(answer, doing);
        if (Output.Format == OutputFormat.Json) Output.Json(answer.Json);
        else asTable(answer.Json);
        return ExitCodes.Ok;
    }
}

/// <summary>One verb: its command line and what it does, answering an exit code.</summary>
public sealed record Verb(Command Command, Func<VerbContext, CancellationToken, Task<int>> RunAsync);
