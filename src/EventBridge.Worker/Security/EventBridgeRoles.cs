namespace EventBridge.Worker.Security;

/// <summary>
/// The three kinds of people and programs that use the API. Support can do what a viewer can; a publisher (a gateway)
/// submits intents and reads them back, nothing else.
/// </summary>
public static class EventBridgeRoles
{
    public const string Publisher = "publisher";
    public const string Support = "support";
    public const string Viewer = "viewer";

    public static IReadOnlyList<string> All { get; } = [Publisher, Support, Viewer];

    /// <summary>Authorization policy names used by the endpoints.</summary>
    public static class Policies
    {
        /// <summary>Submit intents: publisher or support.</summary>
        public const string Submit = "submit-intents";

        /// <summary>Read intents: every role (a gateway reads back what it submitted).</summary>
        public const string ReadIntents = "read-intents";

        /// <summary>Read operations data (subscriptions, statistics, dead letters, audit): viewer or support.</summary>
        public const string View = "view-operations";

        /// <summary>Act on dead letters: support only.</summary>
        public const string Support = "support-actions";
    }
}
