namespace EventBridge.Genesys.Notifications;

public enum SystemNoticeKind
{
    /// <summary><c>v2.system.socket_closing</c>: Genesys will close this socket in about a minute.</summary>
    SocketClosing,

    /// <summary><c>v2.system.no_longer_subscribed.*</c>: a topic was dropped (e.g. permissions changed); re-subscribe or alert.</summary>
    NoLongerSubscribed,

    /// <summary><c>v2.system.token_revoked.*</c>: the token behind the subscriptions was revoked.</summary>
    TokenRevoked,

    /// <summary>Any other <c>v2.system.*</c> topic.</summary>
    Other,
}
