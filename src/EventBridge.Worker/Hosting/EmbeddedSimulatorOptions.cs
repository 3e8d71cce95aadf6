using System.Net;

namespace EventBridge.Worker.Hosting;

public sealed class EmbeddedSimulatorOptions
{
    public const string Section = "EmbeddedSimulator";

    /// <summary>Where the embedded simulator listens when no Genesys credentials are configured; loopback only.</summary>
    public string Url { get; set; } = "http://127.0.0.1:5077";

    /// <summary>
    /// Null when <see cref="Url"/> is a loopback address; else why the worker refuses to start. The simulator's control
    /// API (<c>/sim</c>) has no authentication — it starts conversations, injects faults and reads the oracle — and its
    /// notification sockets take any channel id: it is a demo on one machine, never a service on a network.
    /// </summary>
    public string? LoopbackProblem()
    {
        if (!Uri.TryCreate(Url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            return $"EmbeddedSimulator:Url '{Url}' is not an http:// address.";
        var host = uri.Host.Trim('[', ']');
        var loopback = host.Equals("localhost", StringComparison.OrdinalIgnoreCase) ||
                       (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
        return loopback ? null
            : $"EmbeddedSimulator:Url '{Url}' is not a loopback address: the simulator's control API has no authentication, so it listens on 127.0.0.1 or ::1 only.";
    }
}
