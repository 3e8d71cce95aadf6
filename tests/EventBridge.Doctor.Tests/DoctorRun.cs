using EventBridge.Genesys.Simulator.Hosting;
using EventBridge.Genesys.Simulator.Oracle;
using EventBridge.Worker.Hosting;

namespace EventBridge.Doctor.Tests;

/// <summary>
/// <c>doctor</c> as the worker binary runs it (<see cref="DoctorCommand"/>, in process) against a simulator, with the
/// worker's configuration given as command-line settings; the oracle says what it cost and touched.
/// </summary>
internal sealed record DoctorRun(int ExitCode, IReadOnlyList<string> Lines, OracleSnapshot Oracle)
{
    public static async Task<DoctorRun> AgainstAsync(GenesysSimulator simulator, params string[] extra)
    {
        string[] args =
        [
            DoctorCommand.Verb,
            "--Genesys:ApiBaseUrl", simulator.BaseUri.ToString(),
            "--Genesys:ClientId", OAuthClientOptions.DemoClientId,
            "--Genesys:ClientSecret", OAuthClientOptions.DemoClientSecret,
            "--WrapUp:QueueIds:0", EventBridge.Genesys.Simulator.Organization.SeedData.DemoQueueId,
            .. extra,
        ];
        var output = new StringWriter();
        var exitCode = await DoctorCommand.RunAsync(args, output);
        return new DoctorRun(exitCode, output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries), simulator.Control.ReadOracle());
    }

    /// <summary>The finding lines of one check ("PASS  queues  …"), without the "→" advice lines.</summary>
    public IReadOnlyList<string> Of(string check) =>
        [.. Lines.Where(l => l.Length > 6 && l[6..].StartsWith(check + " ", StringComparison.Ordinal))];

    public string Verdict(string check) => Of(check) is [var only] ? only[..4] : string.Join("|", Of(check).Select(l => l[..4]));

    /// <summary>The "→ what to do" line right after the finding that contains <paramref name="text"/>.</summary>
    public string AdviceAfter(string text)
    {
        var index = Lines.ToList().FindIndex(l => l.Contains(text, StringComparison.Ordinal));
        return index >= 0 && index + 1 < Lines.Count && Lines[index + 1].TrimStart().StartsWith('→') ? Lines[index + 1].Trim() : "";
    }

    public string Summary => Lines[^1];

    /// <summary>Every call the simulator answered on the API and login paths.</summary>
    public int GenesysCalls => Oracle.Requests.Count(r => r.Path.StartsWith("/api/v2/", StringComparison.Ordinal) || r.Path == "/oauth/token");
}
