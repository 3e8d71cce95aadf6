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

    public static IntentCompletion Applied(string participantId, TimeSpan? after = null) =>
        IntentCompletion.Applied(participantId, "comm-1", "communication-wrapup", Now + (after ?? TimeSpan.FromSeconds(5)));

    public static IntentCompletion Failed(string reason = "acw-timed-out", TimeSpan? after = null) =>
        IntentCompletion.Failed(reason, "Genesys applied its timeout code first.", Now + (after ?? TimeSpan.FromSeconds(5)));
}
