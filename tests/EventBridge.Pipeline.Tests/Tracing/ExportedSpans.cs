using System.Collections;
using System.Diagnostics;

namespace EventBridge.Pipeline.Tests.Tracing;

/// <summary>What the in-memory exporter receives, safe to read while spans keep ending on other threads.</summary>
internal sealed class ExportedSpans : ICollection<Activity>
{
    private readonly List<Activity> _spans = [];

    public int Count { get { lock (_spans) return _spans.Count; } }

    public bool IsReadOnly => false;

    public IReadOnlyList<Activity> Snapshot() { lock (_spans) return [.. _spans]; }

    public void Add(Activity item) { lock (_spans) _spans.Add(item); }

    public void Clear() { lock (_spans) _spans.Clear(); }

    public bool Contains(Activity item) { lock (_spans) return _spans.Contains(item); }

    public void CopyTo(Activity[] array, int arrayIndex) { lock (_spans) _spans.CopyTo(array, arrayIndex); }

    public bool Remove(Activity item) { lock (_spans) return _spans.Remove(item); }

    public IEnumerator<Activity> GetEnumerator() => Snapshot().GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
