namespace EventBridge.Pipeline.Tests.Support;

/// <summary>One pipeline (worker in-process, real broker, simulator) shared by the tests of a fixture.</summary>
public abstract class PipelineTest
{
    protected PipelineHost Pipeline { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task StartPipeline() => Pipeline = await StartAsync();

    [OneTimeTearDown]
    public async Task StopPipeline() => await Pipeline.DisposeAsync();

    /// <summary>Override to start with other simulator options or settings.</summary>
    protected virtual Task<PipelineHost> StartAsync() => PipelineHost.StartAsync();
}
