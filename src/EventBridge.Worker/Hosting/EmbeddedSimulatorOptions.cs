namespace EventBridge.Worker.Hosting;

public sealed class EmbeddedSimulatorOptions
{
    public const string Section = "EmbeddedSimulator";

    /// <summary>Where the embedded simulator listens when no Genesys credentials are configured.</summary>
    public string Url { get; set; } = "http://127.0.0.1:5077";
}
