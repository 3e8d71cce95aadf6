namespace EventBridge.Demo;

/// <summary>The scripted conversations: the gateway's race beaten, late intents, and the failures a caller must see.</summary>
public static class DemoScript
{
    public static IReadOnlyList<DemoCase> Cases { get; } =
    [
        Terminate("gateway terminates, EventBridge disconnects", "Resolved"),
        Terminate("gateway terminates, EventBridge disconnects", "QA_Review"),
        Terminate("gateway terminates, EventBridge disconnects", "Escalated"),
        new("late intent, agent already in wrap-up", "QA_Review", "applied", async run =>
        {
            await run.StartConversationAsync();
            await run.Simulator.CustomerEndsAsync(run.ConversationId, run.CancellationToken);
            await run.Simulator.UntilAcwPendingAsync(run.ConversationId, run.CancellationToken);
            await run.PublishIntentAsync("QA_Review", disconnect: false);
        }),
        new("transfer, code goes to the second agent", "Escalated", "applied", async run =>
        {
            await run.StartConversationAsync();
            await run.PublishIntentAsync("Escalated", disconnect: false);
            var second = await run.Simulator.TransferAsync(run.ConversationId, SimulatorControlClient.SecondAgentId, run.CancellationToken);
            await run.Simulator.AnswerAsync(run.ConversationId, second, run.CancellationToken);
            await run.Simulator.CustomerEndsAsync(run.ConversationId, run.CancellationToken);
        }),
        new("agent picked another code first", "QA_Review", "failed: already-wrapped-up", async run =>
        {
            await run.StartConversationAsync();
            await run.Simulator.CustomerEndsAsync(run.ConversationId, run.CancellationToken);
            await run.Simulator.UntilAcwPendingAsync(run.ConversationId, run.CancellationToken);
            await run.Simulator.AgentWrapsUpAsync(run.ConversationId, "Resolved", run.CancellationToken);
            await run.PublishIntentAsync("QA_Review", disconnect: false);
        }),
        new("invalid code (agent stays connected)", "Refund_Given", "failed: invalid-code", async run =>
        {
            await run.StartConversationAsync();
            await run.PublishIntentAsync("Refund_Given", disconnect: true);
        }),
    ];

    private static DemoCase Terminate(string name, string code) => new(name, code, "applied", async run =>
    {
        await run.StartConversationAsync();
        await run.PublishIntentAsync(code, disconnect: true);
    });
}
