using EventBridge.Pipeline.Intake;

namespace EventBridge.DeadLetters.Review;

/// <summary>
/// The codes support can pick for an edit-and-retry: the agent's queue's codes when the queue is known (Genesys refuses
/// any other with 400), else the org's catalogue (<see cref="Scope"/> says which, <see cref="Note"/> why).
/// </summary>
public sealed record RetryCodeChoices(string Scope, string? QueueId, IReadOnlyList<ResolvedWrapUpCode> Codes, string Note)
{
    public const string QueueScope = "queue";
    public const string OrgScope = "org";
}
