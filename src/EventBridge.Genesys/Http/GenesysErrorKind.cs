namespace EventBridge.Genesys.Http;

/// <summary>What a caller should do about a failed Genesys call.</summary>
public enum GenesysErrorKind
{
    /// <summary>429, 408, 5xx (except 501), timeouts, network errors: try again later.</summary>
    Transient,

    /// <summary>401, 403 (<c>not.authorized</c>, missing permissions), failed login: fix credentials/roles or use another way.</summary>
    Auth,

    /// <summary>404 or a <c>*.not.found</c> code: the conversation, participant or channel does not exist (any more).</summary>
    NotFound,

    /// <summary>409, or a 403 saying the participant is no longer active: state moved on, re-read before acting.</summary>
    Conflict,

    /// <summary>Other 4xx (e.g. 400 <c>bad.request</c>, <c>conversation.error.wrapup.code.required</c>): the request is wrong.</summary>
    Permanent,
}
