namespace EventBridge.Genesys.Simulator.Hosting;

/// <summary>
/// Which topics a client-credentials token may subscribe to is unsettled per org: a matching topic comes back
/// <c>Rejected</c> with these missing permissions (and 400 without <c>ignoreErrors</c>).
/// </summary>
public sealed class ForbiddenTopicRule
{
    /// <summary>Regular expression matched against the whole topic name.</summary>
    public string Pattern { get; set; } = "";

    public List<string> MissingPermissions { get; set; } = [];
}
