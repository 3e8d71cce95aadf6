using System.Globalization;

namespace EventBridge.Pipeline.Storage;

/// <summary>
/// One row of table <c>intents</c> as SQLite holds it: Guids and instants as text, enums by name, bools as 0/1.
/// Dapper reads into it and binds parameters from it, so no global Dapper type handlers are needed.
/// </summary>
internal sealed class IntentRow
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

    public string IntentId { get; set; } = "";
    public string ConversationId { get; set; } = "";
    public string TargetKey { get; set; } = "";
    public string RequestedCode { get; set; } = "";
    public string? CodeId { get; set; }
    public string? CodeName { get; set; }
    public string? Notes { get; set; }
    public string? ParticipantId { get; set; }
    public string? UserId { get; set; }
    public long Disconnect { get; set; }
    public string? RequestedBy { get; set; }
    public string Deadline { get; set; } = "";
    public string Status { get; set; } = "";
    public string ReceivedAt { get; set; } = "";
    public string UpdatedAt { get; set; } = "";
    public string? AppliedParticipantId { get; set; }
    public string? CommunicationId { get; set; }
    public string? QueueId { get; set; }
    public string? AppliedVia { get; set; }
    public string? AcwStartedAt { get; set; }
    public string? CompletedAt { get; set; }
    public string? FailureReason { get; set; }
    public string? FailureDetail { get; set; }
    public string? SupersededBy { get; set; }
    public string? DisconnectedAt { get; set; }
    public string? AcceptedAt { get; set; }
    public string? ClaimOwner { get; set; }
    public string? ClaimExpiresAt { get; set; }

    public static string IdText(Guid id) => id.ToString("D", CultureInfo.InvariantCulture);

    public static IntentRow From(StoredIntent intent) => new()
    {
        IntentId = IdText(intent.IntentId),
        ConversationId = intent.ConversationId,
        TargetKey = intent.TargetKey,
        RequestedCode = intent.RequestedCode,
        CodeId = intent.CodeId,
        CodeName = intent.CodeName,
        Notes = intent.Notes,
        ParticipantId = intent.ParticipantId,
        UserId = intent.UserId,
        Disconnect = intent.Disconnect ? 1 : 0,
        RequestedBy = intent.RequestedBy,
        Deadline = SqliteTime.ToText(intent.Deadline),
        Status = intent.Status.ToString(),
        ReceivedAt = SqliteTime.ToText(intent.ReceivedAt),
        UpdatedAt = SqliteTime.ToText(intent.UpdatedAt),
        AppliedParticipantId = intent.AppliedParticipantId,
        CommunicationId = intent.CommunicationId,
        AppliedVia = intent.AppliedVia,
        AcwStartedAt = SqliteTime.ToNullableText(intent.AcwStartedAt),
        CompletedAt = SqliteTime.ToNullableText(intent.CompletedAt),
        FailureReason = intent.FailureReason,
        FailureDetail = intent.FailureDetail,
        SupersededBy = intent.SupersededBy is { } by ? IdText(by) : null,
        DisconnectedAt = SqliteTime.ToNullableText(intent.DisconnectedAt),
        ClaimOwner = intent.ClaimOwner,
        ClaimExpiresAt = SqliteTime.ToNullableText(intent.ClaimExpiresAt),
    };

    public StoredIntent ToIntent() => new()
    {
        IntentId = Guid.Parse(IntentId, CultureInfo.InvariantCulture),
        ConversationId = ConversationId,
        RequestedCode = RequestedCode,
        CodeId = CodeId,
        CodeName = CodeName,
        Notes = Notes,
        ParticipantId = ParticipantId,
        UserId = UserId,
        Disconnect = Disconnect != 0,
        RequestedBy = RequestedBy,
        Deadline = SqliteTime.FromText(Deadline),
        Status = Enum.Parse<IntentStatus>(Status),
        ReceivedAt = SqliteTime.FromText(ReceivedAt),
        UpdatedAt = SqliteTime.FromText(UpdatedAt),
        AppliedParticipantId = AppliedParticipantId,
        CommunicationId = CommunicationId,
        QueueId = QueueId,
        AppliedVia = AppliedVia,
        AcwStartedAt = SqliteTime.FromNullableText(AcwStartedAt),
        CompletedAt = SqliteTime.FromNullableText(CompletedAt),
        FailureReason = FailureReason,
        FailureDetail = FailureDetail,
        SupersededBy = SupersededBy is null ? null : Guid.Parse(SupersededBy, CultureInfo.InvariantCulture),
        DisconnectedAt = SqliteTime.FromNullableText(DisconnectedAt),
        AcceptedAt = SqliteTime.FromNullableText(AcceptedAt),
        ClaimOwner = ClaimOwner,
        ClaimExpiresAt = SqliteTime.FromNullableText(ClaimExpiresAt),
    };
}
