namespace EventBridge.Genesys.Models;

/// <summary>One element of a subscription request body: <c>{"id":"v2.users.{id}.conversations"}</c>.</summary>
public sealed record TopicSubscription(string Id);
