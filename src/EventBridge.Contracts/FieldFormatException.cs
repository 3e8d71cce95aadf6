using System.Text.Json;

namespace EventBridge.Contracts;

/// <summary>
/// A field the contract's own converters cannot read, with what the field must look like in words meant for the
/// caller (no type names), so the HTTP API can answer with them and a log can say them.
/// </summary>
public sealed class FieldFormatException : JsonException
{
    public FieldFormatException() : this("the field is not in the expected format")
    {
    }

    public FieldFormatException(string requirement) : base(requirement) => Requirement = requirement;

    public FieldFormatException(string requirement, Exception innerException) : base(requirement, innerException) => Requirement = requirement;

    /// <summary>What the field must be, e.g. "must be an ISO 8601 time with a UTC offset".</summary>
    public string Requirement { get; }
}
