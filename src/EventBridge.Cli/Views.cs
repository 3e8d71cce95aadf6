using System.Globalization;
using System.Text.Json;

namespace EventBridge.Cli;

/// <summary>The API's answers as table rows: the same columns, names and time format as the dashboard.</summary>
internal static class Views
{
    public static readonly string[] IntentHeaders = ["received (UTC)", "status", "code", "conversation", "intent", "reason"];
    public static readonly string[] LetterHeaders = ["letter", "failed (UTC)", "reason", "status", "conversation", "intent", "code"];
    public static readonly string[] StoryHeaders = ["at (UTC)", "who", "what", "detail"];

    public static string? Text(this JsonElement json, string name) =>
        json.ValueKind == JsonValueKind.Object && json.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText()
            : null;

    public static IEnumerable<JsonElement> Items(this JsonElement json, string name) =>
        json.ValueKind == JsonValueKind.Object && json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray()
            : [];

    /// <summary>"2026-12-07 14:00:44Z": the date and the zone always, as on the dashboard.</summary>
    public static string? Time(this JsonElement json, string name) =>
        json.Text(name) is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)
            ? at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture)
            : json.Text(name);

    public static string?[] Intent(JsonElement intent) =>
    [
        intent.Time("receivedAt"), intent.Text("status"), intent.Text("codeName") ?? intent.Text("requestedCode"),
        intent.Text("conversationId"), intent.Text("intentId"), intent.Text("failureReason"),
    ];

    /// <param name="codeNames">The answer's <c>codeNames</c> (code id → name): Genesys speaks of codes by id.</param>
    public static string?[] Letter(JsonElement letter, JsonElement codeNames) =>
    [
        letter.Text("id"), letter.Time("failedAt"), letter.Text("reason"), letter.Text("status"), letter.Text("conversationId"),
        letter.Text("intentId"), Named(letter.Text("wrapUpCode"), codeNames),
    ];

    public static string?[] StoryEvent(JsonElement step, JsonElement codeNames) =>
        [step.Time("at"), Source(step.Text("source")), Named(step.Text("text"), codeNames), Named(step.Text("detail"), codeNames)];

    /// <summary>Each code id the text mentions as "Name (id)", as the dashboard shows it.</summary>
    public static string? Named(string? text, JsonElement codeNames)
    {
        if (text is null || codeNames.ValueKind != JsonValueKind.Object) return text;
        foreach (var code in codeNames.EnumerateObject())
            if (code.Value.GetString() is { } name) text = text.Replace(code.Name, $"{name} ({code.Name})", StringComparison.Ordinal);
        return text;
    }

    public static JsonElement CodeNames(this JsonElement answer) =>
        answer.ValueKind == JsonValueKind.Object && answer.TryGetProperty("codeNames", out var names) ? names : default;

    // Who spoke, in the dashboard's words: only an answer Genesys gave is labelled as Genesys's.
    private static string? Source(string? source) => source switch
    {
        "genesys" => "Genesys answered",
        "eventbridge" => "EventBridge",
        _ => source,
    };
}
