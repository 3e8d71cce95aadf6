using System.Diagnostics;

namespace EventBridge.Pipeline.Observability;

/// <summary>
/// Spans of an intent's handling: <c>intake</c>, <c>settle</c> and <c>disconnect</c>, tagged with the intent and
/// conversation ids only. A settle is usually started by a notification event, not by a message, so nothing links it to
/// the intake by itself: it takes the intake's context from <see cref="IntakeTraces"/> as its parent (or as a link,
/// when it already runs in a trace of its own, a sweeper's say), so one intent is one connected trace from intake
/// to its outcome.
/// </summary>
public static class WrapUpTracing
{
    public const string SourceName = "EventBridge.Pipeline";
    public const string IntentIdTag = "eventbridge.intent_id";
    public const string ConversationIdTag = "eventbridge.conversation_id";

    private static readonly ActivitySource Source = new(SourceName);

    public static Activity? StartIntake(Guid intentId, string? conversationId, IntakeTraces traces)
    {
        ArgumentNullException.ThrowIfNull(traces);
        var activity = Start("intake", intentId, conversationId, null);
        if (activity is not null) traces.Remember(intentId, activity.Context);
        return activity;
    }

    /// <param name="step"><c>settle</c> or <c>disconnect</c>.</param>
    public static Activity? StartFollowUp(string step, Guid intentId, string? conversationId, string? trigger, IntakeTraces traces)
    {
        ArgumentNullException.ThrowIfNull(traces);
        var activity = Start(step, intentId, conversationId, traces.Find(intentId));
        if (trigger is not null) activity?.SetTag("eventbridge.trigger", trigger);
        return activity;
    }

    private static Activity? Start(string step, Guid intentId, string? conversationId, ActivityContext? intake)
    {
        var current = Activity.Current;
        ActivityContext parent = default;
        ActivityLink[]? links = null;
        if (intake is { } context)
        {
            if (current is null) parent = context;
            else if (current.TraceId != context.TraceId) links = [new ActivityLink(context)];
        }

        var activity = Source.StartActivity(step, ActivityKind.Internal, parent, links: links);
        if (activity is null) return null;
        activity.SetTag(IntentIdTag, intentId.ToString("D"));
        if (!string.IsNullOrWhiteSpace(conversationId)) activity.SetTag(ConversationIdTag, conversationId);
        return activity;
    }
}
