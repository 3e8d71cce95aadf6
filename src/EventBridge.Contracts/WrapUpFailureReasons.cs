namespace EventBridge.Contracts;

/// <summary>The closed list of reasons an intent can fail. Strings, so any publisher's language can match on them.</summary>
public static class WrapUpFailureReasons
{
    /// <summary>The code is neither a known wrap-up code id nor name, or it is not allowed for the agent's queue.</summary>
    public const string InvalidCode = "invalid-code";

    public const string ConversationNotFound = "conversation-not-found";

    /// <summary>No agent participant (or not the one named) in the conversation.</summary>
    public const string NoAgentParticipant = "no-agent-participant";

    /// <summary>The agent already has another code (set by the agent or another system).</summary>
    public const string AlreadyWrappedUp = "already-wrapped-up";

    /// <summary>ACW timed out before the code landed and Genesys applied its system code (ININ-WRAP-UP-TIMEOUT).</summary>
    public const string AcwTimedOut = "acw-timed-out";

    /// <summary>The agent skipped the optional wrap-up.</summary>
    public const string AcwSkipped = "acw-skipped";

    /// <summary>The org refuses both wrap-up calls to this OAuth client (401/403).</summary>
    public const string NotPermitted = "not-permitted";

    /// <summary>The agent did not enter wrap-up before the intent's deadline.</summary>
    public const string Expired = "expired";

    /// <summary>The intent itself is invalid (missing or malformed fields); it is in the dead-letter queue.</summary>
    public const string RejectedAsMalformed = "rejected-as-malformed";

    /// <summary>A newer intent for the same conversation and participant replaced this one before it was applied.</summary>
    public const string Superseded = "superseded";

    public static IReadOnlyList<string> All { get; } =
        [InvalidCode, ConversationNotFound, NoAgentParticipant, AlreadyWrappedUp, AcwTimedOut, AcwSkipped, NotPermitted, Expired, RejectedAsMalformed, Superseded];
}
