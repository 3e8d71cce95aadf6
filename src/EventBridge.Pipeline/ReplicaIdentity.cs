using System.Globalization;

namespace EventBridge.Pipeline;

/// <summary>
/// Who this worker process is to the others sharing its store: the owner written on its claims. Unique per process
/// start (host, process id, a random part), so a restarted worker never mistakes a dead predecessor's claim for its
/// own — that claim is taken over when it expires, after a fresh read of Genesys.
/// </summary>
public sealed class ReplicaIdentity
{
    public ReplicaIdentity()
        : this($"{Environment.MachineName}/{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}/{Guid.NewGuid().ToString("N")[..8]}")
    {
    }

    public ReplicaIdentity(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
    }

    public string Name { get; }

    public override string ToString() => Name;
}
