using System.Text.RegularExpressions;
using EventBridge.Genesys.Simulator.Hosting;

namespace EventBridge.Genesys.Simulator.Notifications;

/// <summary>
/// Decides whether a topic is Permitted. Genesys accepts well-formed ids it cannot see (subscribing reveals nothing),
/// rejects unknown topic shapes, and rejects topics whose declared permissions the client's roles lack (plus any
/// <see cref="SimulatorOptions.ForbiddenTopics"/> rule a test sets).
/// </summary>
internal sealed partial class TopicValidator(SimulatorOptions options)
{
    // Before Available, which is built from it (static initialisers run in order).
    /// <summary>What every conversation topic requires, as <see cref="Available"/> declares it.</summary>
    public static IReadOnlyList<string> TopicPermissions { get; } = ["conversation:communication:view"];

    public static IReadOnlyList<AvailableTopicDto> Available { get; } =
    [
        Topic("v2.routing.queues.{id}.conversations", "Conversations in a queue (all media, generic shape)", "/api/v2/conversations/{id}"),
        Topic("v2.routing.queues.{id}.conversations.messages", "Message conversations in a queue", "/api/v2/conversations/messages/{id}"),
        Topic("v2.users.{id}.conversations", "Conversations of a user (all media, generic shape)", "/api/v2/conversations/{id}"),
        Topic("v2.users.{id}.conversations.messages", "Message conversations of a user", "/api/v2/conversations/messages/{id}"),
        Topic("v2.detail.events.conversation.{id}.user.end", "A user's segment of a conversation ended", "/api/v2/conversations/{id}"),
        Topic("v2.detail.events.conversation.{id}.acw", "A user's after-call work ended", "/api/v2/conversations/{id}"),
        Topic("v2.detail.events.conversation.{id}.wrapup", "A wrap-up code was applied", "/api/v2/conversations/{id}"),
        Topic("v2.detail.events.conversation.{id}.customer.end", "The customer's segment ended", "/api/v2/conversations/{id}"),
    ];

    /// <summary>What the client's roles grant (none for an unknown client).</summary>
    public IReadOnlyList<string> PermissionsOf(string clientId) => options.FindClient(clientId)?.Permissions ?? [];

    public ChannelTopicDto Validate(string? topic, IReadOnlyList<string> granted)
    {
        if (string.IsNullOrWhiteSpace(topic))
            return Rejected(topic ?? "", "Topic id is required");

        var match = KnownTopic().Match(topic);
        if (!match.Success)
            return Rejected(topic, "Topic not found or not supported");
        if (!Guid.TryParse(match.Groups["id"].Value, out _))
            return Rejected(topic, $"Invalid id '{match.Groups["id"].Value}' in topic");

        var missing = TopicPermissions.Where(p => !granted.Contains(p, StringComparer.OrdinalIgnoreCase)).ToList();
        if (missing.Count > 0)
            return Rejected(topic, "Missing permissions", missing);

        foreach (var rule in options.ForbiddenTopics)
        {
            if (Regex.IsMatch(topic, $"^(?:{rule.Pattern})$", RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1)))
                return Rejected(topic, "Missing permissions", rule.MissingPermissions);
        }

        return new ChannelTopicDto(topic, "Permitted");
    }

    private static ChannelTopicDto Rejected(string topic, string reason, IReadOnlyList<string>? missing = null) =>
        new(topic, "Rejected", reason, missing);

    private static AvailableTopicDto Topic(string id, string description, string apiPath) =>
        new(id, description, TopicPermissions, ["id"], ["All"], [apiPath]);

    [GeneratedRegex(
        @"^v2\.(?:routing\.queues\.(?<id>[^.]+)\.conversations(?:\.messages)?|users\.(?<id>[^.]+)\.conversations(?:\.messages)?|detail\.events\.conversation\.(?<id>[^.]+)\.(?:user\.end|acw|wrapup|customer\.end))$",
        RegexOptions.IgnoreCase | RegexOptions.ExplicitCapture)]
    private static partial Regex KnownTopic();
}
