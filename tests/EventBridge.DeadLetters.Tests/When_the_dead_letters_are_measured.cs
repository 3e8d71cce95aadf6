using System.Diagnostics.Metrics;
using EventBridge.Contracts;
using EventBridge.DeadLetters.Observability;
using EventBridge.DeadLetters.Tests.Support;
using EventBridge.Pipeline.Observability;
using Microsoft.Extensions.DependencyInjection;

namespace EventBridge.DeadLetters.Tests;

/// <summary>
/// The series docs/ALERTS.md alerts on, read as Prometheus would (the meter's observable gauges), after real letters
/// reached the store through the error queues.
/// </summary>
[TestFixture(StoreEngine.Sqlite)]
[TestFixture(StoreEngine.Postgres)]
public sealed class When_the_dead_letters_are_measured(StoreEngine engine)
{
    [Test]
    public async Task Should_count_open_letters_by_reason_and_age_the_oldest()
    {
        var vhost = await IsolatedVhost.CreateAsync("deadletters-gauges");
        try
        {
            await using var host = await DeadLetterHost.StartAsync(vhost, engine);
            var gauges = host.Services.GetRequiredService<DeadLetterGauges>();
            var first = DeadLetterHost.Intent(FakePipeline.InvalidCode);
            var second = DeadLetterHost.Intent(FakePipeline.InvalidCode);
            var malformed = DeadLetterHost.Intent(FakePipeline.Malformed);
            foreach (var intent in new[] { first, second, malformed }) await host.SendIntentAsync(intent);
            foreach (var intent in new[] { first, second, malformed }) await host.LetterOfIntentAsync(intent.IntentId);

            await gauges.RefreshAsync(CancellationToken.None);
            var read = Observe();

            Assert.Multiple(() =>
            {
                Assert.That(read.Open, Is.EquivalentTo(new Dictionary<string, int>
                {
                    [WrapUpFailureReasons.InvalidCode] = 2, [WrapUpFailureReasons.RejectedAsMalformed] = 1,
                }));
                Assert.That(read.OldestAgeSeconds, Is.GreaterThan(0).And.LessThan(120), "the letters came in just now");
            });
        }
        finally
        {
            await vhost.DeleteAsync();
        }
    }

    /// <summary>One collection of the EventBridge meter's dead-letter gauges, as a scrape makes it.</summary>
    private static (Dictionary<string, int> Open, double OldestAgeSeconds) Observe()
    {
        var open = new Dictionary<string, int>();
        double oldest = -1;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == WrapUpMetrics.MeterName && instrument.Name is DeadLetterGauges.OpenName or DeadLetterGauges.OldestAgeName)
                l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<int>((_, value, tags, _) =>
        {
            foreach (var tag in tags) if (tag.Key == WrapUpMetrics.ReasonTag) open[(string)tag.Value!] = value;
        });
        listener.SetMeasurementEventCallback<double>((_, value, _, _) => oldest = value);
        listener.Start();
        listener.RecordObservableInstruments();
        return (open, oldest);
    }
}
