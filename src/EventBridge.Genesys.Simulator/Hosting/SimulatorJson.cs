using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace EventBridge.Genesys.Simulator.Hosting;

/// <summary>Genesys speaks camelCase JSON and leaves absent fields out rather than sending nulls.</summary>
public static class SimulatorJson
{
    public static JsonSerializerOptions Options { get; } = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        options.PropertyNameCaseInsensitive = true;
        options.Converters.Add(new JsonStringEnumConverter());
        return options;
    }

    /// <summary>Genesys timestamps: ISO-8601 UTC with milliseconds, e.g. 2026-01-01T10:00:00.000Z.</summary>
    public static string? Iso(DateTimeOffset? time) =>
        time?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
