using EventBridge.Genesys.Simulator.Hosting;
using EventBridge.Genesys.Simulator.Organization;

namespace EventBridge.Genesys.Simulator.Routing;

/// <summary>The JS SDK's <c>Queue</c>, as far as the simulator knows one: every queue takes the org's ACW defaults.</summary>
internal sealed record QueueDto(string Id, string Name, AcwSettingsDto AcwSettings, string SelfUri)
{
    public static QueueDto From(SimQueue queue, AcwDefaults acw) =>
        new(queue.Id, queue.Name, new AcwSettingsDto(acw.WrapupPrompt, acw.WrapupTimeoutMs), $"/api/v2/routing/queues/{queue.Id}");
}

/// <summary>The JS SDK's <c>AcwSettings</c>.</summary>
internal sealed record AcwSettingsDto(string WrapupPrompt, int TimeoutMs);
