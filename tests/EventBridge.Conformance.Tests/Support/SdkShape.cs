using System.Text.Json;
using System.Text.RegularExpressions;

namespace EventBridge.Conformance.Tests.Support;

/// <summary>
/// Checks a JSON value against a type the SDK declares, field by field: no field the model lacks, the declared JSON
/// type for every value, every required field present. Genesys leaves absent fields out, so a JSON null is a problem
/// too (the SDK's types have no null). Returns every problem with its JSON path, so one run shows them all.
/// </summary>
/// <param name="partial">
/// Required fields are not demanded: a PATCH sends only what it changes (Genesys documents
/// <c>{"state":"disconnected"}</c> as the body of a PATCH whose model, Conversation, requires startTime and participants).
/// </param>
internal sealed partial class SdkShape(SdkDeclarations sdk, bool partial = false)
{
    public IReadOnlyList<string> Problems(JsonElement value, string type, string path = "$")
    {
        var problems = new List<string>();
        Check(value, type.Trim(), path, problems);
        return problems;
    }

    private void Check(JsonElement value, string type, string path, List<string> problems)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            problems.Add($"{path}: null where the SDK declares {type} (Genesys leaves absent fields out)");
            return;
        }

        var array = ArrayPattern().Match(type);
        var map = MapPattern().Match(type);
        if (array.Success) CheckItems(value, array.Groups["item"].Value, path, problems);
        else if (map.Success) CheckEntries(value, map.Groups["value"].Value, path, problems);
        else if (type.StartsWith("Models.", StringComparison.Ordinal)) CheckModel(value, type, path, problems);
        else CheckScalar(value, type, path, problems);
    }

    private void CheckItems(JsonElement value, string itemType, string path, List<string> problems)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            problems.Add($"{path}: {value.ValueKind} where the SDK declares an array");
            return;
        }

        var i = 0;
        foreach (var item in value.EnumerateArray()) Check(item, itemType.Trim(), $"{path}[{i++}]", problems);
    }

    private void CheckEntries(JsonElement value, string valueType, string path, List<string> problems)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            problems.Add($"{path}: {value.ValueKind} where the SDK declares a map");
            return;
        }

        foreach (var entry in value.EnumerateObject()) Check(entry.Value, valueType.Trim(), $"{path}.{entry.Name}", problems);
    }

    private void CheckModel(JsonElement value, string type, string path, List<string> problems)
    {
        var fields = sdk.Model(type);
        if (fields is null)
        {
            problems.Add($"{path}: the SDK declares no {type}");
            return;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            problems.Add($"{path}: {value.ValueKind} where the SDK declares {type}");
            return;
        }

        foreach (var property in value.EnumerateObject())
        {
            if (fields.TryGetValue(property.Name, out var field)) Check(property.Value, field.Type, $"{path}.{property.Name}", problems);
            else problems.Add($"{path}.{property.Name}: {type} has no such field");
        }

        foreach (var missing in fields.Values.Where(f => f.Required && !partial && !value.TryGetProperty(f.Name, out _)))
            problems.Add($"{path}.{missing.Name}: required by {type}, missing");
    }

    private static void CheckScalar(JsonElement value, string type, string path, List<string> problems)
    {
        var fits = type switch
        {
            "string" => value.ValueKind == JsonValueKind.String,
            "number" => value.ValueKind == JsonValueKind.Number,
            "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
            "object" or "any" => true,
            _ => false,
        };
        if (!fits) problems.Add($"{path}: {value.ValueKind} where the SDK declares {type}");
    }

    [GeneratedRegex(@"^Array<(?<item>.+)>$")]
    private static partial Regex ArrayPattern();

    [GeneratedRegex(@"^(?:\{ \[key: string\]: (?<value>.+); \}|Record<string, (?<value>.+)>)$")]
    private static partial Regex MapPattern();
}
