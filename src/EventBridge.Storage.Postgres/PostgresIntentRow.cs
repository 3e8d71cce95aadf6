using EventBridge.Pipeline.Storage;

namespace EventBridge.Storage.Postgres;

/// <summary>
/// One row of table <c>intents</c> as Npgsql reads and binds it: instants as UTC <see cref="DateTime"/>s (Npgsql writes a
/// timestamptz only from a UTC value), enums by name. Dapper maps to it, so no global Dapper type handlers are needed.
/// </summary>
internal sealed class PostgresIntentRow
{
    /// <summary>Every column, aliased to the property names, for SELECT and RETURNING.</summary>
    public const string Columns = """
        intent_id AS IntentId, conversation_id AS ConversationId, target_key AS TargetKey,
        requested_code AS RequestedCode, code_id AS CodeId, code_name AS CodeName, notes AS Notes,
        participant_id AS ParticipantId, user_id AS UserId, disconnect AS Disconnect, requested_by AS RequestedBy,
        deadline AS Deadline, status AS Status, received_at AS ReceivedAt, updated_at AS UpdatedAt,
        applied_participant_id AS AppliedParticipantId, communication_id AS CommunicationId, applied_via AS AppliedVia,
        acw_started_at AS AcwStartedAt, completed_at AS CompletedAt, failure_reason AS FailureReason,
        failure_detail AS FailureDetail, superseded_by AS SupersededBy, disconnected_at AS DisconnectedAt, accepted_at AS AcceptedAt,
        claim_owner AS ClaimOwner, claim_expires_at AS ClaimExpiresAt, queue_id AS QueueId
        """;

    public Guid IntentId { get; set; }
    public string ConversationId { get; set; } = "";
    public string TargetKey { get; set; } = "";
    public string RequestedCode { get; set; } = "";
    public string? CodeId { get; set; }
    public string? CodeName { get; set; }
    public string? Notes { get; set; }
    public string? ParticipantId { get; set; }
    public string? UserId { get; set; }
    public bool Disconnect { get; set; }
    public string? RequestedBy { get; set; }
    public DateTime Deadline { get; set; }
    public string Status { get; set; } = "";
    public DateTime ReceivedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public string? AppliedParticipantId { get; set; }
    public string? CommunicationId { get; set; }
    public string? QueueId { get; set; }
    public string? AppliedVia { get; set; }
    public DateTime? AcwStartedAt { get; set; }
    public DateTime? CompletedAt { get; set; }
    public string? FailureReason { get; set; }
    public string? FailureDetail { get; set; }
    public Guid? SupersededBy { get; set; }
    public DateTime? DisconnectedAt { get; set; }
    public DateTime? AcceptedAt { get; set; }
    public string? ClaimOwner { get; set; }
    public DateTime? ClaimExpiresAt { get; set; }

    public static PostgresIntentRow From(StoredIntent intent) => new()
    {
        IntentId = intent.IntentId,
        ConversationId = intent.ConversationId,
        TargetKey = intent.TargetKey,
        RequestedCode = intent.RequestedCode,
        CodeId = intent.CodeId,
        CodeName = intent.CodeName,
        Notes = intent.Notes,
        ParticipantId = intent.ParticipantId,
        UserId = intent.UserId,
        Disconnect = intent.Disconnect,
        RequestedBy = intent.RequestedBy,
        Deadline = PostgresTime.ToUtc(intent.Deadline),
        Status = intent.Status.ToString(),
        ReceivedAt = PostgresTime.ToUtc(intent.ReceivedAt),
        UpdatedAt = PostgresTime.ToUtc(intent.UpdatedAt),
        AppliedParticipantId = intent.AppliedParticipantId,
        CommunicationId = intent.CommunicationId,
        AppliedVia = intent.AppliedVia,
        AcwStartedAt = PostgresTime.ToUtc(intent.AcwStartedAt),
        CompletedAt = PostgresTime.ToUtc(intent.CompletedAt),
        FailureReason = intent.FailureReason,
        FailureDetail = intent.FailureDetail,
        SupersededBy = intent.SupersededBy,
        DisconnectedAt = PostgresTime.ToUtc(intent.DisconnectedAt),
        ClaimOwner = intent.ClaimOwner,
        ClaimExpiresAt = PostgresTime.ToUtc(intent.ClaimExpiresAt),
    };

    public StoredIntent ToIntent() => new()
    {
        IntentId = IntentId,
        ConversationId = ConversationId,
        RequestedCode = RequestedCode,
        CodeId = CodeId,
        CodeName = CodeName,
        Notes = Notes,
        ParticipantId = ParticipantId,
        UserId = UserId,
        Disconnect = Disconnect,
        RequestedBy = RequestedBy,
        Deadline = PostgresTime.FromUtc(Deadline),
        Status = Enum.Parse<IntentStatus>(Status),
        ReceivedAt = PostgresTime.FromUtc(ReceivedAt),
        UpdatedAt = PostgresTime.FromUtc(UpdatedAt),
        AppliedParticipantId = AppliedParticipantId,
        CommunicationId = CommunicationId,
        QueueId = QueueId,
        AppliedVia = AppliedVia,
        AcwStartedAt = PostgresTime.FromUtc(AcwStartedAt),
        CompletedAt = PostgresTime.FromUtc(CompletedAt),
        FailureReason = FailureReason,
        FailureDetail = FailureDetail,
        SupersededBy = SupersededBy,
        DisconnectedAt = PostgresTime.FromUtc(DisconnectedAt),
        AcceptedAt = PostgresTime.FromUtc(AcceptedAt),
        ClaimOwner = ClaimOwner,
        ClaimExpiresAt = PostgresTime.FromUtc(ClaimExpiresAt),
    };
}
