using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using EventBridge.Pipeline.Observability;

namespace EventBridge.Pipeline.Tests.Observability;

/// <summary>
/// Listens to the <c>EventBridge</c> meter of one host only (meters are process-wide; the host's IMeterFactory tells
/// its own apart), summing counters per tag set and keeping histogram values and the latest gauge readings.
/// </summary>
public sealed class MeterReadings : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, double> _sums = new();
    private readonly ConcurrentDictionary<string, double> _latest = new();
    private readonly ConcurrentQueue<(string Key, double Value)> _recorded = new();

    public MeterReadings(IMeterFactory hostMeters)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == WrapUpMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, hostMeters))
                listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.Start();
    }

    /// <summary>Sum of a counter's increments with these tags (all tags of the series, in any order).</summary>
    public double Counter(string name, params (string Key, string Value)[] tags) => _sums.GetValueOrDefault(Key(name, tags));

    public IReadOnlyList<double> Histogram(string name) => [.. _recorded.Where(r => r.Key == name).Select(r => r.Value)];

    /// <summary>Reads every observable gauge now and returns this one's value (null when it reported nothing).</summary>
    public double? Gauge(string name)
    {
        _listener.RecordObservableInstruments();
        return _latest.TryGetValue(Key(name, []), out var value) ? value : null;
    }

    public void Dispose() => _listener.Dispose();

    private void Record<T>(Instrument instrument, T value, ReadOnlySpan<KeyValuePair<string, object?>> tags) where T : struct
    {
        var number = Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture);
        var tagList = new List<(string, string)>();
        foreach (var tag in tags) tagList.Add((tag.Key, tag.Value?.ToString() ?? ""));
        var key = Key(instrument.Name, [.. tagList]);
        switch (instrument)
        {
            case Counter<T>:
                _sums.AddOrUpdate(key, number, (_, sum) => sum + number);
                break;
            case Histogram<T>:
                _recorded.Enqueue((instrument.Name, number));
                break;
            default:
                _latest[key] = number;
                break;
        }
    }

    private static string Key(string name, (string Key, string Value)[] tags) =>
        name + "{" + string.Join(",", tags.Where(t => t.Value.Length > 0).OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"{t.Key}={t.Value}")) + "}";
}
