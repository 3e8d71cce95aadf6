using EventBridge.Contracts;
using EventBridge.Genesys.Simulator.Conversations;
using EventBridge.Genesys.Simulator.Organization;
using EventBridge.Pipeline.Tests.Support;

namespace EventBridge.Pipeline.Tests.Faults;

/// <summary>
/// The load of the worker-process rows: intents whose agents are not yet in wrap-up (code Resolved) and intents
/// asking EventBridge to disconnect (code Escalated, in flight when the worker goes), and the code each agent must end with.
/// </summary>
internal sealed record RestartLoad(IReadOnlyList<CreatedConversation> Waiting, IReadOnlyList<CreatedConversation> InFlight, IReadOnlyList<WrapUpIntent> Intents)
{
    public IReadOnlyList<CreatedConversation> Conversations => [.. Waiting, .. InFlight];

    public IReadOnlyDictionary<string, string> ExpectedCode =>
        Conversations.ToDictionary(c => c.ConversationId, c => Waiting.Contains(c) ? SeedData.ResolvedCodeId : SeedData.EscalatedCodeId);

    public string Description => $"{Waiting.Count} intents waiting for wrap-up, {InFlight.Count} asking EventBridge to disconnect (in flight); mandatory ACW, no timeout (a timeout would only measure how long the worker was down)";

    /// <summary>Publishes the waiting intents (until accepted), then the in-flight ones, and returns once the first wrap-up landed.</summary>
    public static Task<RestartLoad> PublishUntilFirstAppliedAsync(IWorkerLoadTarget scenario, int waiting, int inFlight, string why) =>
        PublishUntilAsync(scenario, waiting, inFlight, load => load.Intents.Any(i => scenario.WasApplied(i.IntentId)), why);

    /// <summary>Publishes the waiting intents (until accepted), then the in-flight ones, and returns once <paramref name="until"/> holds.</summary>
    public static async Task<RestartLoad> PublishUntilAsync(IWorkerLoadTarget scenario, int waiting, int inFlight, Func<RestartLoad, bool> until, string why)
    {
        var sim = scenario.Sim;
        var waitingConversations = Enumerable.Range(0, waiting).Select(_ => sim.ConnectedConversation()).ToList();
        var inFlightConversations = Enumerable.Range(0, inFlight).Select(_ => sim.ConnectedConversation()).ToList();
        var load = new RestartLoad(waitingConversations, inFlightConversations,
            [.. waitingConversations.Select(c => Scenarios.IntentFor(c.ConversationId, "Resolved")),
             .. inFlightConversations.Select(c => Scenarios.IntentFor(c.ConversationId, "Escalated", disconnect: true))]);
        foreach (var intent in load.Intents.Take(waiting)) await scenario.Bus.Publish(intent);
        foreach (var intent in load.Intents.Take(waiting)) await scenario.Outcomes.UntilAcceptedAsync(intent.IntentId);
        foreach (var intent in load.Intents.Skip(waiting)) await scenario.Bus.Publish(intent);
        await Eventually.TrueAsync(() => until(load), Scenarios.Patience, why);
        return load;
    }

    public int AppliedSoFar(IWorkerLoadTarget scenario) => Intents.Count(i => scenario.WasApplied(i.IntentId));

    /// <summary>
    /// With no worker running, the waiting agents enter wrap-up; then a new worker on the same store must bring every
    /// intent to its final outcome. The verdict is read while it still runs.
    /// </summary>
    public async Task<RestartVerdict> RestartAndJudgeAsync(WorkerProcessScenario scenario)
    {
        foreach (var conversation in Waiting) scenario.Sim.Control.CustomerEnds(conversation.ConversationId);
        using var second = scenario.StartWorker("worker-2");
        await WorkerProcess.WaitReadyAsync(second, scenario.Port);
        foreach (var intent in Intents) await scenario.Outcomes.FinalAsync(intent.IntentId, TimeSpan.FromSeconds(60));
        return RestartVerdict.Read(scenario, this);
    }
}
