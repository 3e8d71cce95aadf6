using System.ComponentModel.DataAnnotations;
using EventBridge.Pipeline;

namespace EventBridge.DeadLetters;

/// <summary>Dead-letter review (configuration section <c>DeadLetters</c>; the broker comes from <c>RabbitMq:Uri</c>).</summary>
public sealed class DeadLetterOptions : IValidatableObject
{
    public const string SectionName = "DeadLetters";

    /// <summary>The review's own SQLite file (relative to the content root), apart from the intent store.</summary>
    [Required]
    public string Path { get; set; } = "data/eventbridge-deadletters.db";

    /// <summary>How long a write waits for another connection's lock (SQLite <c>busy_timeout</c>).</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:05:00")]
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The MassTransit error and skipped queues drained into the review; empty → those of the intake, settle and disconnect queues.</summary>
    [MinLength(1)]
    public List<string> Queues { get; set; } = [];

    /// <summary>Unacknowledged messages per error queue.</summary>
    [Range(1, 1000)]
    public ushort PrefetchCount { get; set; } = 20;

    /// <summary>
    /// How often a missing error queue (MassTransit declares it at the first fault) or an unreachable broker is tried again.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan RetryInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a retry waits for the broker to confirm the new intent before giving up (the letter stays Open).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// The pace of a group retry: one letter per interval (default 1 s: at most 60 intents a minute, a fifth of Genesys's
    /// 300/min per token, each costing about one call), and longer while requests queue for the budget.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan GroupRetryInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Longest message body a letter keeps (bytes); a longer one keeps its first bytes, its size and its SHA-256. An
    /// intent is at most 64 KiB, so a bigger body is never one that a retry could send again.
    /// </summary>
    [Range(4096, 16 * 1024 * 1024)]
    public int MaxStoredBodyBytes { get; set; } = 256 * 1024;

    /// <summary>How often the open letters are counted for the metrics (<c>eventbridge_dead_letters_open</c>).</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan GaugeInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Set from <c>RabbitMq:Uri</c>, the worker's broker.</summary>
    [Required]
    public Uri? RabbitMqUri { get; set; }

    /// <summary>The absolute database path: <see cref="Path"/> against <paramref name="baseDirectory"/> when relative.</summary>
    public string ResolvePath(string? baseDirectory) =>
        System.IO.Path.GetFullPath(Path, baseDirectory ?? Directory.GetCurrentDirectory());

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // Support's record of failures and of what they did about them must survive a restart.
        if (Path.Trim().Equals(":memory:", StringComparison.OrdinalIgnoreCase) || Path.Contains("mode=memory", StringComparison.OrdinalIgnoreCase))
            yield return new ValidationResult($"DeadLetters:Path '{Path}' is an in-memory database; give a file path.", [nameof(Path)]);
        if (Queues.Any(string.IsNullOrWhiteSpace))
            yield return new ValidationResult("DeadLetters:Queues has a blank queue name.", [nameof(Queues)]);
    }
}
