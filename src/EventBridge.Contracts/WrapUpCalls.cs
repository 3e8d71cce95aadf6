namespace EventBridge.Contracts;

/// <summary>The two Genesys calls that set a message conversation's wrap-up code.</summary>
public static class WrapUpCalls
{
    /// <summary>POST .../participants/{pid}/communications/{commId}/wrapup</summary>
    public const string CommunicationWrapup = "communication-wrapup";

    /// <summary>PATCH .../participants/{pid} carrying only {"wrapup": …}</summary>
    public const string ParticipantPatch = "participant-patch";

    /// <summary>Nothing was sent: Genesys already showed this intent's code (a redelivery after a crash, say).</summary>
    public const string AlreadyPresent = "already-present";
}
