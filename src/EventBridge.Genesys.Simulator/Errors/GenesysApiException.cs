namespace EventBridge.Genesys.Simulator.Errors;

/// <summary>Thrown anywhere in the simulator to answer with a Genesys <see cref="ErrorBody"/>.</summary>
public sealed class GenesysApiException : Exception
{
    public GenesysApiException(int status, string code, string message, string? oauthError = null)
        : base(message)
    {
        Status = status;
        Code = code;
        OAuthError = oauthError;
    }

    public GenesysApiException()
        : this(500, "internal.server.error", "Internal error")
    {
    }

    public GenesysApiException(string message)
        : this(400, "bad.request", message)
    {
    }

    public GenesysApiException(string message, Exception innerException)
        : base(message, innerException)
    {
        Status = 400;
        Code = "bad.request";
    }

    public int Status { get; }

    public string Code { get; }

    public string? OAuthError { get; }

    public static GenesysApiException BadRequest(string message) => new(400, "bad.request", message);

    public static GenesysApiException NotFound(string message) => new(404, "not.found", message);

    public static GenesysApiException ConversationNotFound(string conversationId) =>
        new(404, "conversation.error.conversation.not.found", $"Conversation {conversationId} was not found.");
}
