using System.Text.RegularExpressions;

namespace EventBridge.Conformance.Tests.Support;

/// <summary>
/// What the official JS SDK declares, read from the installed package rather than written down here: the models of
/// <c>index.d.ts</c> (each field, its type, whether it is required) and every operation (HTTP method and path from
/// <c>src/purecloud-platform-client-v2/api/*.js</c>, body and answer types from <c>index.d.ts</c>). The JS SDK has no
/// runtime model classes (it sends what it is given), so these declarations are the SDK's whole notion of a shape.
/// </summary>
internal sealed partial class SdkDeclarations
{
    private readonly Dictionary<string, IReadOnlyDictionary<string, SdkField>> _interfaces;

    private SdkDeclarations(Dictionary<string, IReadOnlyDictionary<string, SdkField>> interfaces, IReadOnlyList<SdkOperation> operations)
    {
        _interfaces = interfaces;
        Operations = operations;
    }

    public IReadOnlyList<SdkOperation> Operations { get; }

    public static SdkDeclarations Load(string packageDirectory)
    {
        var typings = File.ReadAllText(Path.Combine(packageDirectory, "index.d.ts"));
        var interfaces = ReadInterfaces(typings);
        var signatures = ReadSignatures(typings);
        var operations = new List<SdkOperation>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(packageDirectory, "src", "purecloud-platform-client-v2", "api"), "*Api.js"))
        {
            var api = Path.GetFileNameWithoutExtension(file);
            foreach (Match call in OperationPattern().Matches(File.ReadAllText(file)))
            {
                var function = call.Groups["function"].Value;
                if (!signatures.TryGetValue($"{api}.{function}", out var signature)) continue;
                operations.Add(new SdkOperation(api, function, call.Groups["method"].Value, call.Groups["path"].Value,
                    BodyType(signature.Arguments, interfaces, $"{api}.{function}Options"), signature.Returns));
            }
        }

        return new SdkDeclarations(interfaces, operations);
    }

    /// <summary>The model's fields, or null when the SDK declares no such model.</summary>
    public IReadOnlyDictionary<string, SdkField>? Model(string name) =>
        _interfaces.GetValueOrDefault(name.StartsWith("Models.", StringComparison.Ordinal) ? name : "Models." + name);

    /// <summary>The SDK operation for a request the simulator logged ("PATCH", "/api/v2/conversations/messages/c1").</summary>
    /// When several templates match, the one with the most literal segments wins, as in Genesys's own routing.
    public SdkOperation? OperationFor(string method, string path) =>
        Operations.Where(o => o.HttpMethod.Equals(method, StringComparison.OrdinalIgnoreCase) && o.Matches(path))
            .OrderByDescending(o => o.LiteralSegments).FirstOrDefault();

    /// <summary>The SDK functions for a route template ("GET /api/v2/conversations/{conversationId}"), aliases included.</summary>
    public IEnumerable<SdkOperation> OperationsForRoute(string route) =>
        Operations.Where(o => SdkOperation.Normalise(o.Route) == SdkOperation.Normalise(route));

    // Every interface of every namespace (Models and the per-API option bags), keyed "Namespace.Name".
    private static Dictionary<string, IReadOnlyDictionary<string, SdkField>> ReadInterfaces(string typings)
    {
        var interfaces = new Dictionary<string, IReadOnlyDictionary<string, SdkField>>(StringComparer.Ordinal);
        var namespaces = NamespacePattern().Matches(typings);
        for (var i = 0; i < namespaces.Count; i++)
        {
            var start = namespaces[i].Index;
            var end = i + 1 < namespaces.Count ? namespaces[i + 1].Index : typings.Length;
            var name = namespaces[i].Groups["name"].Value;
            foreach (Match declared in InterfacePattern().Matches(typings[start..end]))
            {
                var fields = FieldPattern().Matches(declared.Groups["body"].Value)
                    .Select(f => new SdkField(f.Groups["name"].Value, f.Groups["type"].Value.Trim(), f.Groups["optional"].Length == 0))
                    .ToDictionary(f => f.Name, StringComparer.Ordinal);
                interfaces[$"{name}.{declared.Groups["name"].Value}"] = fields;
            }
        }

        return interfaces;
    }

    private static Dictionary<string, (string Arguments, string Returns)> ReadSignatures(string typings)
    {
        var signatures = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        var owner = "";
        foreach (var line in typings.Split('\n'))
        {
            var declaredClass = ClassPattern().Match(line);
            if (declaredClass.Success) owner = declaredClass.Groups["name"].Value;
            var method = MethodPattern().Match(line);
            if (method.Success && owner.EndsWith("Api", StringComparison.Ordinal))
                signatures[$"{owner}.{method.Groups["function"].Value}"] = (method.Groups["arguments"].Value, method.Groups["returns"].Value.Trim());
        }

        return signatures;
    }

    // A body is either a positional argument "body: T" or the "body" field of the operation's options bag.
    private static string? BodyType(string arguments, Dictionary<string, IReadOnlyDictionary<string, SdkField>> interfaces, string options)
    {
        var positional = BodyArgumentPattern().Match(arguments);
        if (positional.Success) return positional.Groups["type"].Value.Trim();
        return interfaces.TryGetValue(options, out var fields) && fields.TryGetValue("body", out var body) ? body.Type : null;
    }

    [GeneratedRegex(@"^declare namespace (?<name>\w+) \{", RegexOptions.Multiline)]
    private static partial Regex NamespacePattern();

    [GeneratedRegex(@"export interface (?<name>\w+) \{ *\n(?<body>.*?)\t\}", RegexOptions.Singleline)]
    private static partial Regex InterfacePattern();

    [GeneratedRegex(@"^\s*""(?<name>[^""]+)""(?<optional>\?)?: (?<type>.+);\s*$", RegexOptions.Multiline)]
    private static partial Regex FieldPattern();

    [GeneratedRegex(@"^declare class (?<name>\w+)")]
    private static partial Regex ClassPattern();

    [GeneratedRegex(@"^\s*(?<function>\w+)\((?<arguments>.*)\): Promise<(?<returns>.+)>;\s*$")]
    private static partial Regex MethodPattern();

    [GeneratedRegex(@"(?:^|, )body: (?<type>[^,]+)")]
    private static partial Regex BodyArgumentPattern();

    [GeneratedRegex(@"\n\t(?!constructor\()(?<function>\w+)\([^)]*\) \{.*?this\.apiClient\.callApi\(\s*'(?<path>[^']+)',\s*'(?<method>\w+)'", RegexOptions.Singleline)]
    private static partial Regex OperationPattern();
}

/// <summary>One field of an SDK model: its TypeScript type ("string", "Array&lt;Models.X&gt;", …) and whether it is required.</summary>
internal sealed record SdkField(string Name, string Type, bool Required);

/// <summary>One SDK function: where it goes, what body it sends (if any) and what it returns.</summary>
internal sealed partial record SdkOperation(string Api, string Function, string HttpMethod, string Path, string? BodyType, string Returns)
{
    public string Name => $"{Api}.{Function}";

    public string Route => $"{HttpMethod} {Path}";

    public int LiteralSegments => Path.Split('/').Count(s => !s.StartsWith('{'));

    public bool Matches(string path)
    {
        var template = Path.Split('/');
        var actual = path.Split('/');
        return template.Length == actual.Length &&
               template.Zip(actual).All(p => p.First.StartsWith('{') || p.First.Equals(p.Second, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Route templates name their parameters differently ({conversationId} vs {cid}); only the shape counts.</summary>
    public static string Normalise(string route) => ParameterPattern().Replace(route, "{}").ToUpperInvariant();

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex ParameterPattern();
}
