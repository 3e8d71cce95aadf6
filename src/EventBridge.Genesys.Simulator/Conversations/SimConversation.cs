namespace EventBridge.Genesys.Simulator.Conversations;

/// <summary>A message conversation: customer, acd and one or more agent participants.</summary>
internal sealed class SimConversation(string id, DateTimeOffset startTime)
{
    public string Id { get; } = id;

    public DateTimeOffset StartTime { get; } = startTime;

    public DateTimeOffset? EndTime { get; set; }

    public List<SimParticipant> Participants { get; } = [];

    public SimParticipant Customer => Participants.First(p => p.Purpose == "customer");

    /// <summary>The agent a control call means when it names none: the newest one.</summary>
    public SimParticipant? CurrentAgent => Participants.LastOrDefault(p => p.IsAgent);

    public IEnumerable<string> QueueIds => Participants.Select(p => p.QueueId).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase);

    public IEnumerable<string> UserIds => Participants.Select(p => p.UserId).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase);
}
