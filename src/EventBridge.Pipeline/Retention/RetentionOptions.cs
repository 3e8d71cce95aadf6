using System.ComponentModel.DataAnnotations;

namespace EventBridge.Pipeline.Retention;

/// <summary>
/// How long the stores keep what is finished (configuration section <c>Retention</c>; docs/OPERATIONS.md). Open intents and
/// open dead letters are never purged: they are work still to do.
/// </summary>
public sealed class RetentionOptions : IValidatableObject
{
    public const string Section = "Retention";

    /// <summary>Off: nothing is ever purged and the stores only grow.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Applied and failed intents, by their last change. Also how long an intent id stays taken: a copy of a purged
    /// intent arriving later is a new intent, so this must outlast any redelivery or resend.
    /// </summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00")]
    public TimeSpan FinishedIntents { get; set; } = TimeSpan.FromDays(30);

    /// <summary>The attempt journal (every Genesys call made for an intent), by when the call was made.</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00")]
    public TimeSpan Attempts { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Dead letters support retried or discarded, by when they did.</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00")]
    public TimeSpan ResolvedDeadLetters { get; set; } = TimeSpan.FromDays(90);

    /// <summary>Support's audit entries; kept longest, so who did what outlives the records it was done to.</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00")]
    public TimeSpan AuditEntries { get; set; } = TimeSpan.FromDays(365);

    /// <summary>Rows one delete removes: small, so the pipeline's writes never wait long behind a purge.</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 500;

    /// <summary>Pause between two batches, so a purge of a large backlog leaves the database to the pipeline in between.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan BatchPause { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How long after start the first pass runs (the worker's start-up has the database first).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan FirstPassAfter { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Time between purge passes.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How often the stores' size and rows are read for the dashboard and <c>eventbridge_store_bytes</c> (a count of
    /// each table: cheap next to the pipeline's writes, but not something a page poll should run).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan MeasureInterval { get; set; } = TimeSpan.FromMinutes(1);

    public TimeSpan AgeOf(RetainedRecords records) => records switch
    {
        RetainedRecords.FinishedIntents => FinishedIntents,
        RetainedRecords.Attempts => Attempts,
        RetainedRecords.ResolvedDeadLetters => ResolvedDeadLetters,
        RetainedRecords.AuditEntries => AuditEntries,
        _ => throw new ArgumentOutOfRangeException(nameof(records), records, "Not a kind of retained record."),
    };

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var longest = new[] { FinishedIntents, Attempts, ResolvedDeadLetters }.Max();
        if (AuditEntries < longest)
            yield return new ValidationResult(
                $"Retention:AuditEntries ({AuditEntries.TotalDays:0.##} days) is shorter than the longest other age ({longest.TotalDays:0.##} days): " +
                "the audit is kept longest, so support's record of an action outlives what it was done to.", [nameof(AuditEntries)]);
    }
}
