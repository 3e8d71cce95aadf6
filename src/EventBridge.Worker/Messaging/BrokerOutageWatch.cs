using MassTransit;
using Microsoft.Extensions.Options;

namespace EventBridge.Worker.Messaging;

/// <summary>
/// While <see cref="BrokerOutageLog"/> holds an outage: one line when it starts, one summary per
/// <see cref="RabbitMqOptions.OutageSummaryInterval"/>, one line when MassTransit's bus is healthy again.
/// </summary>
public sealed partial class BrokerOutageWatch(
    BrokerOutageLog outage,
    IBusControl bus,
    IOptions<RabbitMqOptions> options,
    TimeProvider time,
    ILogger<BrokerOutageWatch> logger) : BackgroundService
{
    private static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var nextSummary = DateTimeOffset.MaxValue;
        using var timer = new PeriodicTimer(CheckInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            if (outage.Since is not { } since) continue;
            var now = time.GetUtcNow();
            if (bus.CheckHealth().Status == BusHealthStatus.Healthy)
            {
                // A blip healed before the next check was never announced: it gets no "back" line, only its count.
                var announced = outage.End();
                var heldBack = outage.TakeReport().HeldBack;
                if (announced) LogBack(now - since, heldBack);
                else if (heldBack > 0) Blip(logger, heldBack);
                nextSummary = DateTimeOffset.MaxValue;
                continue;
            }

            if (outage.TakeReport() is { Announce: true, HeldBack: var early })
            {
                LogLost(options.Value.OutageSummaryInterval, early);
                nextSummary = now + options.Value.OutageSummaryInterval;
            }
            else if (now >= nextSummary)
            {
                LogStillDown(now - since, outage.TakeReport().HeldBack);
                nextSummary = now + options.Value.OutageSummaryInterval;
            }
        }
    }

    private void LogLost(TimeSpan summaryInterval, long heldBack) => Lost(logger, summaryInterval, heldBack);

    private void LogStillDown(TimeSpan outageLength, long heldBack) => StillDown(logger, Math.Round(outageLength.TotalSeconds), heldBack);

    private void LogBack(TimeSpan outageLength, long heldBack) => Back(logger, Math.Round(outageLength.TotalSeconds), heldBack);

    [LoggerMessage(Level = LogLevel.Warning, Message = "RabbitMQ is unreachable: intents are not taken (HTTP answers 503) until it is back; " +
        "MassTransit's reconnect lines are counted instead of written, with a summary every {SummaryInterval}; {HeldBack} reconnect lines held back so far")]
    private static partial void Lost(ILogger logger, TimeSpan summaryInterval, long heldBack);

    [LoggerMessage(Level = LogLevel.Warning, Message = "RabbitMQ still unreachable after {OutageSeconds} s; {HeldBack} reconnect lines held back since the last summary")]
    private static partial void StillDown(ILogger logger, double outageSeconds, long heldBack);

    [LoggerMessage(Level = LogLevel.Information, Message = "RabbitMQ reachable again after {OutageSeconds} s; {HeldBack} reconnect lines held back since the last summary")]
    private static partial void Back(ILogger logger, double outageSeconds, long heldBack);

    [LoggerMessage(Level = LogLevel.Information, Message = "RabbitMQ connection failed for a moment and recovered; {HeldBack} reconnect lines held back")]
    private static partial void Blip(ILogger logger, long heldBack);
}
