namespace EventBridge.Conformance.Tests.Support;

/// <summary>What the SDK's <c>ApiClient.setGateway</c> takes: login and API then both go to protocol://host:port.</summary>
internal sealed record GatewayPlan(string Host, string Protocol, int Port);
