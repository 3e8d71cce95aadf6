using EventBridge.Contracts;
using MassTransit;

namespace EventBridge.Demo;

/// <summary>What a case's script can do: play the simulator, publish the intent as a gateway would.</summary>
public sealed class DemoRun(SimulatorControlClient simulator, IBus bus, CancellationToken cancellationToken)
{
    public SimulatorControlClient Simulator { get; } = simulator;

    public CancellationToken CancellationToken { get; } = cancellationToken;

    public string ConversationId { get; private set; } = "";

    public Guid IntentId { get; } = Guid.NewGuid();

    public async Task StartConversationAsync() => ConversationId = await Simulator.CreateAnsweredConversationAsync(CancellationToken);

    public Task PublishIntentAsync(string code, bool disconnect) => bus.Publish(new WrapUpIntent
    {
        IntentId = IntentId,
        ConversationId = ConversationId,
        WrapUpCode = code,
        Disconnect = disconnect,
        Notes = "EventBridge demo",
        RequestedBy = "deploy/run.sh demo",
    }, CancellationToken);
}
