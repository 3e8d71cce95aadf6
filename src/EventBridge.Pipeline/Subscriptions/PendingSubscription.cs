namespace EventBridge.Pipeline.Subscriptions;

/// <summary>One <see cref="ChannelPool.EnsureAsync"/> call waiting for the next bulk subscription.</summary>
internal sealed class PendingSubscription(IReadOnlyList<string> topics)
{
    public IReadOnlyList<string> Topics { get; } = topics;

    public TaskCompletionSource<bool> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
