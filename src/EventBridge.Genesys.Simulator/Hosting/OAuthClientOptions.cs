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

    /// <summary>
    /// What the client's roles grant. Enforced on topic subscriptions: a topic whose required permissions (as
    /// <c>GET /api/v2/notifications/availabletopics</c> declares them) are not all here is Rejected with them as
    /// <c>missingPermissions</c>; and on conversation and queue reads (403 without the view permission). The default
    /// grants what EventBridge needs.
    /// </summary>
    public List<string> Permissions { get; set; } = [.. DefaultPermissions];

    /// <summary>The demo client's grants: conversation view (every conversation topic and read requires it) and queue view.</summary>
    public static IReadOnlyList<string> DefaultPermissions { get; } = ["conversation:communication:view", "routing:queue:view"];
}
