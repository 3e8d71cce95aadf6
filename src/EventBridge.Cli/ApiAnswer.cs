using System.Text.Json;

namespace EventBridge.Cli;

/// <summary>One answer of the worker's API: its status and JSON body, or why no answer came (Status 0).</summary>
public sealed record ApiAnswer(int Status, JsonElement? Body, string? Failure = null)
{
    public bool IsOk => Status is >= 200 and < 300;

    public int ExitCode => Status == 0 ? ExitCodes.Unavailable : ExitCodes.ForStatus(Status);

    public JsonElement Json => Body ?? default;

    /// <summary>The problem body's title and detail (what EventBridge said), else the status, else why nothing answered.</summary>
    public string Problem
    {
        get
        {
            if (Status == 0) return Failure ?? "no answer";
            if (Body is { ValueKind: JsonValueKind.Object } body)
            {
                var title = body.TryGetProperty("title", out var t) ? t.GetString() : null;
                var detail = body.TryGetProperty("detail", out var d) ? d.GetString() : null;
                var errors = body.TryGetProperty("errors", out var e) && e.ValueKind == JsonValueKind.Object
                    ? string.Join("; ", e.EnumerateObject().Select(p => $"{p.Name}: {string.Join(" ", p.Value.EnumerateArray().Select(v => v.GetString()))}"))
                    : null;
                var text = string.Join(": ", new[] { title, detail, errors }.Where(s => !string.IsNullOrEmpty(s)));
                if (text.Length > 0) return $"{Status} {text}";
            }

            return $"{Status} {Failure}".Trim();
        }
    }
}
