namespace EventBridge.Conformance.Tests.Support;

/// <summary>The JSON file <c>sdk-driver/drive-simulator.js</c> reads (camelCase): where to go and which ids to use.</summary>
internal sealed record DriverPlan(
    GatewayPlan Gateway,
    string ClientId,
    string ClientSecret,
    string QueueId,
    ConversationInAcw ConversationA,
    ConversationInAcw ConversationB,
    string CodeId,
    string CodeName,
    string Notes,
    IReadOnlyList<string> PutTopics,
    string AddedTopic,
    string UnknownConversationId,
    DisconnectTargets ToDisconnect);
