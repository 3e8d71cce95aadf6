namespace EventBridge.DeadLetters.Storage;

public static class AuditActions
{
    public const string Retry = "retry";
    public const string Discard = "discard";
    public const string GroupRetry = "group-retry";
    public const string Restore = "restore";
    public const string GroupDiscard = "group-discard";
}
