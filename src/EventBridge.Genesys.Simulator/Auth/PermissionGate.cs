using EventBridge.Genesys.Simulator.Errors;
using EventBridge.Genesys.Simulator.Hosting;
using Microsoft.AspNetCore.Http;

namespace EventBridge.Genesys.Simulator.Auth;

/// <summary>
/// A call the caller's roles do not grant gets 403 <c>missing.permissions</c> before Genesys looks anything up, so a
/// refused client cannot tell which ids exist (what <c>doctor</c> relies on to probe without touching real data).
/// </summary>
internal static class PermissionGate
{
    public const string ConversationView = "conversation:communication:view";
    public const string QueueView = "routing:queue:view";

    public static void Require(HttpContext http, SimulatorOptions options, string permission)
    {
        var granted = options.FindClient(ApiCaller.Get(http).ClientId)?.Permissions ?? [];
        if (!granted.Contains(permission, StringComparer.OrdinalIgnoreCase))
            throw new GenesysApiException(403, "missing.permissions", $"Unable to perform the requested action. You are missing the following permission(s): [{permission}]");
    }
}
