using System.Diagnostics;

namespace EventBridge.Genesys;

/// <summary>
/// One span per Genesys call (retries and <c>Retry-After</c> waits inside it), named by the call's route, not its
/// path: the only id a span carries is the conversation's. A path's other ids (participant, communication, user) are
/// no one's business in a trace backend, and a notification channel id is a credential (whoever has it reads the
/// events), so every segment that is not a literal word of the API becomes <c>{id}</c>.
/// </summary>
public static class GenesysTracing
{
    public const string SourceName = "EventBridge.Genesys";
    public const string ConversationIdTag = "genesys.conversation_id";

    internal static readonly ActivitySource Source = new(SourceName);

    /// <summary><c>api/v2/conversations/messages/c1/participants/p1</c> → <c>/api/v2/conversations/messages/{id}/participants/{id}</c>; the query is dropped.</summary>
    public static string Template(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var end = path.IndexOf('?', StringComparison.Ordinal);
        var segments = (end < 0 ? path : path[..end]).Trim('/').Split('/');
        return "/" + string.Join('/', segments.Select(s => IsLiteral(s) ? s : "{id}"));
    }

    /// <summary>The conversation a call is about (<c>/api/v2/conversations/[messages/]{id}…</c>), or null.</summary>
    public static string? ConversationIdIn(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var segments = path.Split('?')[0].Trim('/').Split('/');
        if (segments.Length < 4 || segments[2] != "conversations") return null;
        var index = segments[3] == "messages" ? 4 : 3;
        return index < segments.Length ? Uri.UnescapeDataString(segments[index]) : null;
    }

    /// <summary>API words are lower-case letters (and <c>v2</c>); ids have digits, dashes or capitals.</summary>
    private static bool IsLiteral(string segment) =>
        segment.Length > 0 && (segment == "v2" || segment.All(c => c is >= 'a' and <= 'z'));

    internal static Activity? StartCall(HttpMethod method, string path)
    {
        var route = Template(path);
        var activity = Source.StartActivity($"genesys {method.Method} {route}", ActivityKind.Client);
        if (activity is null) return null;
        activity.SetTag("http.request.method", method.Method);
        activity.SetTag("url.template", route);
        if (ConversationIdIn(path) is { } conversationId) activity.SetTag(ConversationIdTag, conversationId);
        return activity;
    }
}
