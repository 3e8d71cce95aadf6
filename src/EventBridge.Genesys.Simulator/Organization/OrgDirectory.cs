using System.Collections.Concurrent;
using EventBridge.Genesys.Simulator.Errors;

namespace EventBridge.Genesys.Simulator.Organization;

/// <summary>Queues, users and wrap-up codes of the simulated org.</summary>
public sealed class OrgDirectory
{
    private readonly ConcurrentDictionary<string, SimQueue> _queues = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, SimUser> _users = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, SimWrapupCode> _codes = new(StringComparer.OrdinalIgnoreCase);

    public OrgDirectory(TimeProvider time)
    {
        var now = time.GetUtcNow();
        AddWrapupCode(new SimWrapupCode(SeedData.ResolvedCodeId, "Resolved", now));
        AddWrapupCode(new SimWrapupCode(SeedData.QaReviewCodeId, "QA_Review", now));
        AddWrapupCode(new SimWrapupCode(SeedData.EscalatedCodeId, "Escalated", now));
        AddWrapupCode(new SimWrapupCode(SeedData.WrapupTimeoutCodeId, SeedData.WrapupTimeoutCodeName, now, "System code: ACW timed out"));
        AddQueue(new SimQueue(SeedData.DemoQueueId, SeedData.DemoQueueName,
            [SeedData.ResolvedCodeId, SeedData.QaReviewCodeId, SeedData.EscalatedCodeId]));
        AddUser(new SimUser(SeedData.AgentOneId, SeedData.AgentOneName));
        AddUser(new SimUser(SeedData.AgentTwoId, SeedData.AgentTwoName));
    }

    public IReadOnlyList<SimQueue> Queues => [.. _queues.Values.OrderBy(q => q.Name, StringComparer.Ordinal)];

    public IReadOnlyList<SimUser> Users => [.. _users.Values.OrderBy(u => u.Name, StringComparer.Ordinal)];

    public IReadOnlyList<SimWrapupCode> WrapupCodes => [.. _codes.Values.OrderBy(c => c.Name, StringComparer.Ordinal)];

    public SimQueue AddQueue(SimQueue queue)
    {
        foreach (var codeId in queue.WrapupCodeIds)
            _ = RequireWrapupCode(codeId);
        _queues[queue.Id] = queue;
        return queue;
    }

    public SimUser AddUser(SimUser user) => _users[user.Id] = user;

    public SimWrapupCode AddWrapupCode(SimWrapupCode code) => _codes[code.Id] = code;

    public void AssignWrapupCodes(string queueId, IEnumerable<string> codeIds)
    {
        var queue = RequireQueue(queueId);
        var ids = codeIds.Select(id => RequireWrapupCode(id).Id);
        _queues[queue.Id] = queue with { WrapupCodeIds = [.. queue.WrapupCodeIds.Union(ids, StringComparer.OrdinalIgnoreCase)] };
    }

    public SimQueue? FindQueue(string id) => _queues.GetValueOrDefault(id);

    public SimUser? FindUser(string id) => _users.GetValueOrDefault(id);

    public SimWrapupCode? FindWrapupCode(string id) => _codes.GetValueOrDefault(id);

    /// <summary>Control-side convenience: agents in a UI pick a code by name.</summary>
    public SimWrapupCode? FindWrapupCodeByIdOrName(string idOrName) =>
        FindWrapupCode(idOrName) ?? _codes.Values.FirstOrDefault(c => string.Equals(c.Name, idOrName, StringComparison.OrdinalIgnoreCase));

    public SimQueue RequireQueue(string id) =>
        FindQueue(id) ?? throw GenesysApiException.NotFound($"Queue {id} was not found.");

    public SimUser RequireUser(string id) =>
        FindUser(id) ?? throw GenesysApiException.NotFound($"User {id} was not found.");

    public SimWrapupCode RequireWrapupCode(string id) =>
        FindWrapupCode(id) ?? throw GenesysApiException.NotFound($"Wrap-up code {id} was not found.");
}
