using System.Text.Json;

namespace EventBridge.Conformance.Tests.Support;

/// <summary>The JSON bodies of the three calls whose shape Genesys is strict about (wrong body → 400, extra fields → 403).</summary>
internal sealed record WrapupAndSubscriptionBodies(JsonElement ParticipantPatch, JsonElement CommunicationWrapup, JsonElement SubscriptionsPut);
