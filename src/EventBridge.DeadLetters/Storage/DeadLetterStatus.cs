using System.Text.Json.Serialization;

namespace EventBridge.DeadLetters.Storage;

[JsonConverter(typeof(JsonStringEnumConverter<DeadLetterStatus>))]
public enum DeadLetterStatus
{
    /// <summary>Waiting for support.</summary>
    Open,

    /// <summary>Sent again as a new intent (<see cref="DeadLetter.RetriedAsIntentId"/>).</summary>
    Retried,

    /// <summary>Discarded by support; kept for the record.</summary>
    Archived,
}
