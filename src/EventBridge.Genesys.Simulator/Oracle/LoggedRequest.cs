using System.Text.Json;

namespace EventBridge.Genesys.Simulator.Oracle;

/// <summary>One API call as received. <c>AuthKind</c>: bearer | basic | none. <c>Body</c> is null unless JSON.</summary>
public sealed record LoggedRequest(
    string Method,
    string Path,
    string Query,
    JsonElement? Body,
    string AuthKind,
    int Status,
    DateTimeOffset At);
