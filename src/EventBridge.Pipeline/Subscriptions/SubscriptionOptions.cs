using System.ComponentModel.DataAnnotations;

namespace EventBridge.Pipeline.Subscriptions;

/// <summary>Settings of the configuration section <c>Subscriptions</c>: notification channels and their upkeep.</summary>
public sealed class SubscriptionOptions : IValidatableObject
{
    public const string Section = "Subscriptions";

    /// <summary>Genesys refuses a subscription list longer than 1,000 topics on one channel (400).</summary>
    [Range(1, 1000)]
    public int MaxTopicsPerChannel { get; set; } = 1000;

    /// <summary>
    /// This worker's share of the 20 channels Genesys allows per OAuth client: the 21st silently evicts the oldest, so
    /// replicas and other tools on the same client must fit in the rest. Topics beyond the share are left to REST
    /// reconciliation. Keep one spare: renewal that cannot extend a channel opens its successor before dropping it.
    /// </summary>
    [Range(1, 20)]
    public int MaxChannels { get; set; } = 5;

    /// <summary>No frame at all (heartbeats included) for this long → ping. Genesys heartbeats about every 30 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:30:00")]
    public TimeSpan SilenceTimeout { get; set; } = TimeSpan.FromSeconds(75);

    /// <summary>A ping unanswered for this long means the socket is dead (half-open TCP): reconnect.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan PongTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>First reconnect delay after a drop; doubles per failed attempt, with jitter, up to <see cref="ReconnectMaxDelay"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan ReconnectBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    [Range(typeof(TimeSpan), "00:00:00.010", "00:30:00")]
    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Re-subscribe (which extends a channel's 24 h life) once this share of the remaining life has passed; 0.5 renews
    /// a 24 h channel after 12 h, leaving 12 h to retry or replace it.
    /// </summary>
    [Range(0.1, 0.9)]
    public double RenewAtFraction { get; set; } = 0.5;

    /// <summary>Subscription requests arriving within this window become one bulk call per channel.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:05")]
    public TimeSpan DebounceWindow { get; set; } = TimeSpan.FromMilliseconds(100);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (ReconnectMaxDelay < ReconnectBaseDelay)
            yield return new ValidationResult(
                $"Subscriptions:ReconnectMaxDelay ({ReconnectMaxDelay}) must not be shorter than Subscriptions:ReconnectBaseDelay ({ReconnectBaseDelay}).",
                [nameof(ReconnectMaxDelay)]);
        if (PongTimeout >= SilenceTimeout)
            yield return new ValidationResult(
                $"Subscriptions:PongTimeout ({PongTimeout}) must be shorter than Subscriptions:SilenceTimeout ({SilenceTimeout}).",
                [nameof(PongTimeout)]);
    }
}
