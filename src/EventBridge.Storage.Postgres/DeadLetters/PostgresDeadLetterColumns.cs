namespace EventBridge.Storage.Postgres.DeadLetters;

/// <summary>
/// The dead-letter tables read in the shapes the SQLite store reads (<c>DeadLetterRow</c>, <c>AuditRow</c>): ids and
/// instants as the same text, flags as integers. One mapping from a row to a letter then serves both engines, and an
/// instant reads back identically from either.
/// </summary>
internal static class PostgresDeadLetterColumns
{
    /// <summary>An instant as the SQLite store's fixed-width UTC text (PostgreSQL keeps microseconds: the seventh digit is 0).</summary>
    public static string Instant(string column) => $"to_char({column} AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"0Z\"')";

    private static readonly string SummaryCore = $"""
        id AS Id, queue AS Queue, reason AS Reason, status AS Status, message_kind AS MessageKind, intent_id::text AS IntentId,
        conversation_id AS ConversationId, wrap_up_code AS WrapUpCode, fault_message AS FaultMessage,
        exception_type AS ExceptionType, {Instant("failed_at")} AS FailedAt, {Instant("received_at")} AS ReceivedAt,
        body_encoding AS BodyEncoding, body_bytes::bigint AS BodyBytes, body_cut::int::bigint AS BodyCut,
        retried_as_intent_id::text AS RetriedAsIntentId, {Instant("resolved_at")} AS ResolvedAt, resolved_by AS ResolvedBy
        """;

    /// <summary>A letter without its headers and body: lists and groups never show them.</summary>
    public static readonly string Summary = SummaryCore + ", '{}' AS HeadersJson, '' AS Body";

    public static readonly string Letter = SummaryCore + $"""
        , notes AS Notes, participant_id AS ParticipantId, user_id AS UserId, disconnect::int::bigint AS Disconnect,
        requested_by AS RequestedBy, retry_count::bigint AS RetryCount, fault_timestamp AS FaultTimestamp,
        message_id AS MessageId, content_type AS ContentType, headers_json AS HeadersJson, body AS Body, body_sha256 AS BodySha256
        """;

    public static readonly string Audit =
        $"id AS Id, {Instant("at")} AS At, actor AS Actor, action AS Action, dead_letter_id AS DeadLetterId, target AS Target, " +
        "before_json AS BeforeJson, after_json AS AfterJson, comment AS Comment";
}
