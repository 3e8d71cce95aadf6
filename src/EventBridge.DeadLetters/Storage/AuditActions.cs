namespace EventBridge.DeadLetters.Storage;

public static class AuditActions
{
    public const string Retry = "retry";
    public const string Discard = "discard";
    public const string GroupRetry = "group-retry";
}
