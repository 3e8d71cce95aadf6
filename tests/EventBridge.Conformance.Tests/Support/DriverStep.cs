using System.Text.Json;

namespace EventBridge.Conformance.Tests.Support;

/// <summary>
/// One line of the driver's output: which step and SDK function ("ConversationsApi.getConversation"), whether it
/// resolved, the HTTP status, what it saw, and the answer's body as the SDK parsed it.
/// </summary>
internal sealed record DriverStep(string Step, bool Ok, int? Status, JsonElement Summary, JsonElement Body, string? SdkFunction);
