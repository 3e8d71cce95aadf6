using EventBridge.Contracts;
using EventBridge.Genesys.Simulator.Hosting;
using MassTransit;

namespace EventBridge.Pipeline.Tests.Faults;

/// <summary>Where a <see cref="RestartLoad"/> runs: one worker process, or a cluster of them, behind one simulator and one caller.</summary>
internal interface IWorkerLoadTarget
{
    GenesysSimulator Sim { get; }

    /// <summary>The caller's bus: intents published here reach the worker (or every replica's shared queues).</summary>
    IBus Bus { get; }

    OutcomeCollector Outcomes { get; }

    bool WasApplied(Guid intentId) => Outcomes.For(intentId).OfType<WrapUpApplied>().Any();
}
