namespace EventBridge.Worker.Tests.NodeGateway;

/// <summary>
/// examples/node-gateway codes against TypeScript types generated from docs/schemas/v1 (json-schema-to-typescript):
/// <c>npm run check</c> regenerates them and fails on any difference from the committed file, then type-checks the
/// gateway's JavaScript against them (tsc, checkJs), so a misspelt intent field fails here, not at the broker.
/// </summary>
public sealed class When_the_node_gateway_is_type_checked
{
    [Test]
    public async Task Should_match_the_types_generated_from_the_published_schemas()
    {
        var gateway = Path.Combine(WorkerProcess.RepositoryRoot(), "examples", "node-gateway");
        await NodePackages.EnsureInstalledAsync(gateway);

        var (exitCode, output) = await Command.RunAsync("npm", ["run", "--silent", "check"], gateway, TimeSpan.FromMinutes(3));

        Assert.That(exitCode, Is.Zero, output);
        Assert.That(output, Does.Contain("types match the schemas"));
    }
}
