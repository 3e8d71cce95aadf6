namespace EventBridge.Genesys.Simulator.Oracle;

/// <summary>What a <see cref="WrapupCall"/> did to the participant.</summary>
public static class WrapupEffects
{
    /// <summary>The code was put on the participant and its ACW ended.</summary>
    public const string Applied = "applied";

    /// <summary>The optional wrap-up was skipped.</summary>
    public const string Skipped = "skipped";

    /// <summary>Answered with success but nothing changed (AcceptAndIgnore outside ACW, or sent together with state).</summary>
    public const string Ignored = "ignored";

    /// <summary>Answered with an error status, by the handler or before it (auth, rate limit, injected burst).</summary>
    public const string Refused = "refused";

    /// <summary>True when the call changed the participant's wrap-up.</summary>
    public static bool TookEffect(string effect) => effect is Applied or Skipped;
}
