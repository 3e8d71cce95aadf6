namespace EventBridge.Testing;

public sealed record BrokerMessage(string Body, IReadOnlyDictionary<string, string?> Headers);
