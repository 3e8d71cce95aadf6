namespace EventBridge.Genesys;

/// <summary>Genesys Cloud domains (API host <c>api.{domain}</c>, login <c>login.{domain}</c>).</summary>
public static class GenesysRegions
{
    public static IReadOnlyList<string> Domains { get; } =
    [
        "mypurecloud.com", "mypurecloud.ie", "mypurecloud.de", "mypurecloud.jp", "mypurecloud.com.au",
        "usw2.pure.cloud", "cac1.pure.cloud", "apne2.pure.cloud", "euw2.pure.cloud", "aps1.pure.cloud",
        "use2.us-gov-pure.cloud", "sae1.pure.cloud", "mec1.pure.cloud", "apne3.pure.cloud", "euc2.pure.cloud",
        "mxc1.pure.cloud", "apse1.pure.cloud",
    ];

    public static bool IsKnown(string? domain) =>
        domain is not null && Domains.Contains(domain.Trim(), StringComparer.OrdinalIgnoreCase);
}
