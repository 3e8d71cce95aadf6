using System.Text.Json;
using System.Text.RegularExpressions;
using EventBridge.Genesys.Simulator.Errors;
using EventBridge.Genesys.Simulator.Oracle;
using Microsoft.AspNetCore.Http;

namespace EventBridge.Genesys.Simulator.Hosting;

/// <summary>
/// Recognises the wrap-up calls among the API calls, so the oracle sees every one that reached the simulator — also
/// those refused before a handler ran (rate limit, injected burst, auth): a second call for a participant that is
/// already wrapped up is a duplicate attempt whatever Genesys answered it, and it must be countable.
/// </summary>
internal static partial class WrapupCallLog
{
    private const string EffectKey = "sim.wrapup-effect";

    /// <summary>The handler says what the call did; a call without a wrap-up part (a plain disconnect PATCH) sets null.</summary>
    public static void SetEffect(HttpContext context, string? effect) => context.Items[EffectKey] = effect ?? "";

    public static WrapupCall? Read(HttpContext context, string path, JsonElement? body, DateTimeOffset arrivedAt)
    {
        var method = context.Request.Method;
        string conversationId, participantId, via;
        if (HttpMethods.IsPost(method) && CommunicationWrapup().Match(path) is { Success: true } post)
        {
            (conversationId, participantId, via) = (post.Groups[1].Value, post.Groups[2].Value, "communicationWrapup");
        }
        else if (HttpMethods.IsPatch(method) && ParticipantPatch().Match(path) is { Success: true } patch && CarriesWrapup(body))
        {
            (conversationId, participantId, via) = (patch.Groups[1].Value, patch.Groups[2].Value, "participantPatch");
        }
        else
        {
            return null;
        }

        var status = context.Response.StatusCode;
        var effect = context.Items[EffectKey] as string;
        if (effect == "") return null;
        // A handler that ran says what it did, even when an after-effect burst then lost its answer.
        effect ??= WrapupEffects.Refused;
        var why = status >= 400 ? (context.Items[ErrorResponses.ItemKey] as ErrorBody)?.Message : null;
        return new WrapupCall(conversationId, participantId, CodeOf(body, via), via, effect, status, why, arrivedAt);
    }

    private static bool CarriesWrapup(JsonElement? body) =>
        body is { ValueKind: JsonValueKind.Object } b && (b.TryGetProperty("wrapup", out _) || b.TryGetProperty("wrapupSkipped", out _));

    private static string? CodeOf(JsonElement? body, string via)
    {
        if (body is not { ValueKind: JsonValueKind.Object } b) return null;
        var input = via == "participantPatch" && b.TryGetProperty("wrapup", out var wrapup) ? wrapup : b;
        return input.ValueKind == JsonValueKind.Object && input.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.String
            ? code.GetString()
            : null;
    }

    [GeneratedRegex("^/api/v2/conversations/messages/([^/]+)/participants/([^/]+)/communications/[^/]+/wrapup$", RegexOptions.IgnoreCase)]
    private static partial Regex CommunicationWrapup();

    [GeneratedRegex("^/api/v2/conversations/(?:messages/)?([^/]+)/participants/([^/]+)$", RegexOptions.IgnoreCase)]
    private static partial Regex ParticipantPatch();
}
