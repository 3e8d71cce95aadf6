namespace EventBridge.Conformance.Tests.Support;

/// <summary>
/// The driver runs from the source tree, not from bin: node_modules is installed there (gitignored) and copying it
/// into every build output would be slow and pointless.
/// </summary>
internal static class RepositoryPaths
{
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "EventBridge.sln")))
                return dir.FullName;
        }

        throw new InvalidOperationException(
            $"No EventBridge.sln found above {AppContext.BaseDirectory}; run the conformance tests from a checkout of the repository.");
    }

    public static string SdkDriverDirectory() =>
        Path.Combine(RepositoryRoot(), "tests", "EventBridge.Conformance.Tests", "sdk-driver");
}
