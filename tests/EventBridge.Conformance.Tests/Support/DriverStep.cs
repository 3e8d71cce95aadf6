using System.Text.Json;

namespace EventBridge.Conformance.Tests.Support;

/// <summary>One line of the driver's output: which SDK call, whether it resolved, the HTTP status, what it saw.</summary>
internal sealed record DriverStep(string Step, bool Ok, int? Status, JsonElement Summary);
