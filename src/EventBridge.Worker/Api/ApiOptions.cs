using System.ComponentModel.DataAnnotations;

namespace EventBridge.Worker.Api;

/// <summary>Settings of the configuration section <c>Api</c>.</summary>
public sealed class ApiOptions : IValidatableObject
{
    public const string Section = "Api";

    /// <summary>
    /// How long <c>POST /api/intents</c> waits for the broker to take the intent before answering 503 with
    /// <c>Retry-After</c>. MassTransit waits for a lost broker indefinitely; a gateway must hear "not taken" instead.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan BrokerConfirmTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The <c>Retry-After</c> of that 503, in whole seconds.</summary>
    [Range(1, 300)]
    public int BrokerRetryAfterSeconds { get; set; } = 5;

    /// <summary>
    /// Reverse proxies (addresses or CIDR networks, e.g. <c>10.0.0.5</c>, <c>10.0.0.0/24</c>) whose
    /// <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> are believed. Empty (the default): those headers are ignored,
    /// because anyone can send them — a guesser would otherwise pick a new client address for every login.
    /// </summary>
    public List<string> TrustedProxies { get; set; } = [];

    /// <summary>The parsed <see cref="TrustedProxies"/>; a bare address is a network of one.</summary>
    public IEnumerable<System.Net.IPNetwork> TrustedProxyNetworks() =>
        TrustedProxies.Select(entry => TryParseNetwork(entry, out var network) ? network : throw new FormatException(entry));

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (entry, index) in TrustedProxies.Select((e, i) => (e, i)))
            if (!TryParseNetwork(entry, out _))
                yield return new ValidationResult(
                    $"Api:TrustedProxies:{index} ('{entry}') is neither an IP address nor a CIDR network such as 10.0.0.0/24.",
                    [nameof(TrustedProxies)]);
    }

    private static bool TryParseNetwork(string? entry, out System.Net.IPNetwork network)
    {
        network = default;
        var text = entry?.Trim() ?? "";
        if (System.Net.IPNetwork.TryParse(text, out network)) return true;
        if (!System.Net.IPAddress.TryParse(text, out var address)) return false;
        network = new System.Net.IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
        return true;
    }
}
