namespace EventBridge.Pipeline.Subscriptions;

/// <summary>
/// How many of the configured <c>MaxChannels</c> one listener may open. In a cluster a new lease holder opens its
/// channels while the dead holder's still count against Genesys's 20 per OAuth client (until they expire or the 21st
/// evicts them): each holder then takes half, so the two together stay inside the share.
/// </summary>
public sealed record ChannelShare(bool SharedWithSuccessor)
{
    public static readonly ChannelShare Whole = new(false);

    public int ChannelsFor(SubscriptionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return SharedWithSuccessor ? Math.Max(1, options.MaxChannels / 2) : options.MaxChannels;
    }
}
