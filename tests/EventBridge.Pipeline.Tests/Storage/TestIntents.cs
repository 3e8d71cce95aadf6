using EventBridge.Pipeline.Storage;

namespace EventBridge.Pipeline.Tests.Storage;

internal static class TestIntents
{
    /// <summary>
    /// A fixed clock reading with sub-millisecond digits down to the microsecond, so precision loss would show: PostgreSQL
    /// keeps microseconds, SQLite 100 ns (<see cref="IStoreTestDatabase.Precision"/>).
    /// </summary>
    public static readonly DateTimeOffset Now = new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero).AddTicks(1_234_560);

    public static StoredIntent Pending(string conversationId = "conv-1", string? participantId = null, string? userId = null,
        TimeSpan? receivedAfter = null, TimeSpan? deadlineIn = null)
    {
        var receivedAt = Now + (receivedAfter ?? TimeSpan.Zero);
        return new StoredIntent
        {
            IntentId = Guid.NewGuid(),
            ConversationId = conversationId,
            RequestedCode = "Sale",
            ParticipantId = participantId,
            UserId = userId,
            Deadline = receivedAt + (deadlineIn ?? TimeSpan.FromMinutes(10)),
            Status = IntentStatus.Pending,
            ReceivedAt = receivedAt,
            UpdatedAt = receivedAt,
        };
    }

    /// <summary>The worker process the store tests claim as, unless a test names another.</summary>
    public const string Worker = "worker-a";

    public static readonly TimeSpan ClaimLifetime = TimeSpan.FromSeconds(15);

    public static IntentClaimRequest Claim(Guid intentId, string participantId = "participant-1", DateTimeOffset? at = null,
        string? communicationId = "comm-1", DateTimeOffset? acwStartedAt = null, string owner = Worker, TimeSpan? lifetime = null) =>
        new(intentId, participantId, communicationId, acwStartedAt, owner, at ?? Now, lifetime ?? ClaimLifetime);

    /// <summary>Applied, recorded under <paramref name="claim"/> (an Applying intent completes only with its claim's token).</summary>
    public static IntentCompletion Applied(string participantId, TimeSpan? after = null, IntentClaimResult? claim = null) =>
        IntentCompletion.Applied(participantId, "comm-1", "communication-wrapup", Now + (after ?? TimeSpan.FromSeconds(5)), claim?.Claim?.Token);

    public static IntentCompletion Failed(string reason = "acw-timed-out", TimeSpan? after = null, IntentClaimResult? claim = null) =>
        IntentCompletion.Failed(reason, "Genesys applied its timeout code first.", Now + (after ?? TimeSpan.FromSeconds(5)), claimToken: claim?.Claim?.Token);
}
