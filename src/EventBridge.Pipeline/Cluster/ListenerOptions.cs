using System.ComponentModel.DataAnnotations;

namespace EventBridge.Pipeline.Cluster;

/// <summary>
/// The listener lease of replicas sharing a PostgreSQL store (section <c>Listener</c>). A stand-by takes over at most
/// <see cref="LeaseDuration"/> + <see cref="RenewInterval"/> after the holder's last renewal: 12 s by default, inside
/// the 15 s an agent's ACW clock can spare.
/// </summary>
public sealed class ListenerOptions : IValidatableObject
{
    public const string Section = "Listener";

    /// <summary>How long a renewal holds the lease (on the database's clock).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(9);

    /// <summary>How often the holder renews and a stand-by tries to take over.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan RenewInterval { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// How long intake waits for the holder to subscribe an intent's topics before the message is retried: long enough
    /// to ride out a take-over, short against RabbitMQ's consumer timeout.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan HandOverTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // Two renewals must fit in one lease, or a single slow answer hands the channels over.
        if (RenewInterval * 2 >= LeaseDuration)
            yield return new ValidationResult($"Listener:RenewInterval ({RenewInterval}) must be less than half of Listener:LeaseDuration ({LeaseDuration}).",
                [nameof(RenewInterval)]);
    }
}
