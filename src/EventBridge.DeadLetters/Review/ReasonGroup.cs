using EventBridge.DeadLetters.Storage;

namespace EventBridge.DeadLetters.Review;

/// <summary>Open letters sharing a reason, with the reason in plain words and whether the whole group can go again.</summary>
public sealed record ReasonGroup(string Reason, int Count, DateTimeOffset Oldest, DateTimeOffset Newest, ReasonAdvice Advice)
{
    public static ReasonGroup Of(DeadLetterGroup group, ReasonAdvice advice) => new(group.Reason, group.Count, group.Oldest, group.Newest, advice);
}
