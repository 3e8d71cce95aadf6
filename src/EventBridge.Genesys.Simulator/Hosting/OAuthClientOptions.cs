using System.ComponentModel.DataAnnotations;

namespace EventBridge.Genesys.Simulator.Hosting;

/// <summary>One client-credentials OAuth client. Defaults are the documented demo client.</summary>
public sealed class OAuthClientOptions
{
    public const string DemoClientId = "eventbridge-demo";
    public const string DemoClientSecret = "eventbridge-demo-secret";

    [Required]
    public string ClientId { get; set; } = DemoClientId;

    [Required]
    public string ClientSecret { get; set; } = DemoClientSecret;
}
