using System.Collections;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using RabbitMQ.Client;

namespace EventBridge.DeadLetters.Ingesting;

/// <summary>AMQP header tables as text and JSON. Headers named like a credential are dropped before anything is kept.</summary>
internal static class AmqpHeaders
{
    private static readonly string[] SecretNameParts = ["authorization", "token", "secret", "password", "passwd", "apikey", "api-key", "cookie", "credential"];

    public static bool IsSecretName(string name) => SecretNameParts.Any(part => name.Contains(part, StringComparison.OrdinalIgnoreCase));

    public static string? Text(IDictionary<string, object?>? headers, string name)
    {
        if (headers is null) return null;
        foreach (var (key, value) in headers)
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase)) return Text(value);
        return null;
    }

    public static string? Text(object? value) => value switch
    {
        null => null,
        byte[] bytes => Encoding.UTF8.GetString(bytes),
        string text => text,
        AmqpTimestamp timestamp => DateTimeOffset.FromUnixTimeSeconds(timestamp.UnixTime).ToString("O", CultureInfo.InvariantCulture),
        DateTime instant => instant.ToString("O", CultureInfo.InvariantCulture),
        DateTimeOffset instant => instant.ToString("O", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    public static string ToJson(IDictionary<string, object?>? headers)
    {
        var json = new JsonObject();
        if (headers is not null)
            foreach (var (key, value) in headers.OrderBy(h => h.Key, StringComparer.Ordinal))
                if (!IsSecretName(key)) json[key] = ToNode(value);
        return json.ToJsonString();
    }

    private static JsonNode? ToNode(object? value) => value switch
    {
        null => null,
        bool flag => JsonValue.Create(flag),
        int or long or short or byte or sbyte or uint or ushort or ulong => JsonValue.Create(Convert.ToInt64(value, CultureInfo.InvariantCulture)),
        float or double or decimal => JsonValue.Create(Convert.ToDouble(value, CultureInfo.InvariantCulture)),
        IDictionary<string, object?> table => new JsonObject(table.Where(h => !IsSecretName(h.Key)).Select(h => KeyValuePair.Create(h.Key, ToNode(h.Value)))),
        byte[] or string or AmqpTimestamp or DateTime or DateTimeOffset => JsonValue.Create(Text(value)),
        IEnumerable list => new JsonArray([.. list.Cast<object?>().Select(ToNode)]),
        _ => JsonValue.Create(Text(value)),
    };
}
