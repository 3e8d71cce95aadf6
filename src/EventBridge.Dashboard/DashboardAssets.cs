using System.Collections.Frozen;
using System.Reflection;

namespace EventBridge.Dashboard;

/// <summary>
/// The dashboard's files, embedded in this assembly under the logical names <c>dashboard/{path}</c>. Only names found
/// in the manifest are served, so a request path can never reach the file system.
/// </summary>
internal static class DashboardAssets
{
    private const string Prefix = "dashboard/";
    private static readonly Assembly Assembly = typeof(DashboardAssets).Assembly;

    private static readonly FrozenDictionary<string, string> ContentTypes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml",
        [".png"] = "image/png",
        [".ico"] = "image/x-icon",
        [".json"] = "application/json; charset=utf-8",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    // RecursiveDir uses '\' when the assembly is built on Windows.
    private static readonly FrozenDictionary<string, string> Resources = Assembly.GetManifestResourceNames()
        .Where(name => name.Replace('\\', '/').StartsWith(Prefix, StringComparison.Ordinal))
        .ToFrozenDictionary(name => name.Replace('\\', '/')[Prefix.Length..], name => name, StringComparer.Ordinal);

    public static bool TryOpen(string path, out Stream content, out string contentType)
    {
        content = Stream.Null;
        contentType = "application/octet-stream";
        if (!Resources.TryGetValue(path, out var resource) || Assembly.GetManifestResourceStream(resource) is not { } stream) return false;
        content = stream;
        contentType = ContentTypes.GetValueOrDefault(Path.GetExtension(path), "application/octet-stream");
        return true;
    }
}
