using System.Text.Json.Serialization;

namespace EventBridge.Pipeline.Retention;

/// <summary>The kinds of record the stores purge once they are older than their <see cref="RetentionOptions"/> age.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RetainedRecords>))]
public enum RetainedRecords
{
    FinishedIntents,
    Attempts,
    ResolvedDeadLetters,
    AuditEntries,
}
