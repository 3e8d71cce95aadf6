using System.Security.Cryptography;
using System.Text;

namespace EventBridge.Genesys.Notifications;

/// <summary>
/// How a notification channel is named outside the process. A channel id is a credential: Genesys's streaming host
/// lets anyone who knows it open the channel's socket, read its conversation events and push our socket off. Logs,
/// health, the API and the dashboard therefore show a short tag that cannot be turned back into the id.
/// </summary>
public static class ChannelTag
{
    /// <summary><c>ch-</c> and the first 8 hex digits of the id's SHA-256; null for no channel.</summary>
    public static string? Of(string? channelId) =>
        channelId is null ? null : "ch-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(channelId)))[..8];

    /// <summary>
    /// <paramref name="text"/> with every occurrence of the given ids replaced by their tags: error messages carry
    /// request paths (<c>…/channels/{id}/subscriptions</c>) and Genesys's own answers may echo the id.
    /// </summary>
    public static string Redact(string text, params ReadOnlySpan<string?> channelIds)
    {
        foreach (var id in channelIds)
        {
            if (!string.IsNullOrEmpty(id))
                text = text.Replace(id, Of(id), StringComparison.OrdinalIgnoreCase);
        }

        return text;
    }
}
