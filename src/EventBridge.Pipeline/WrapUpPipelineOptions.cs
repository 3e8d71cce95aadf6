using System.ComponentModel.DataAnnotations;
using EventBridge.Contracts;

namespace EventBridge.Pipeline;

/// <summary>Settings of the configuration section <c>WrapUp</c>.</summary>
public sealed class WrapUpPipelineOptions : IValidatableObject
{
    public const string Section = "WrapUp";

    /// <summary>
    /// The wrap-up call tried first: <c>communication-wrapup</c> (default) or <c>participant-patch</c>. Whether a
    /// client-credentials token may use either is org-specific, so on 401/403 the other is tried and the outcome says
    /// which one worked.
    /// </summary>
    public string PreferredCall { get; set; } = WrapUpCalls.CommunicationWrapup;

    /// <summary>How long an intent without a deadline waits for the agent to enter wrap-up before it expires.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan DefaultDeadline { get; set; } = TimeSpan.FromHours(2);

    /// <summary>How often overdue intents are looked for.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan DeadlineSweepInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>An open intent that has not changed for this long is re-read over REST (a missed event costs at most this).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan ReconcileAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// After an event shows the customer gone and the intent's agent still connected, the event showing the agent in
    /// ACW is expected within this; when none comes, the conversation is read once (the event may be lost).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan AcwExpectedWithin { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>At most this many reconciliation reads are started per sweep.</summary>
    [Range(1, 10000)]
    public int MaxReconcilesPerSweep { get; set; } = 20;

    /// <summary>
    /// How long a conversation snapshot from the notification topics stands in for a REST read (while no gap came after
    /// it). Conversations that change send a new snapshot, so this only bounds how long a silently dropped event can mislead.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan SnapshotMaxAge { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>At most this many conversation snapshots are kept (about 4.2 KB each, measured by the bench); past it the oldest go.</summary>
    [Range(0, 1_000_000)]
    public int SnapshotCapacity { get; set; } = 5_000;

    /// <summary>
    /// After Genesys accepted a wrap-up, how long to wait for the event that shows the code before confirming with a GET.
    /// The queue and user topics send the participant's new state at once; a read is only spent when they stay silent.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan ConfirmWait { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// How long a worker's claim on an intent it is applying holds without renewal (renewed every third of it while
    /// the call and its confirmation run). Another worker sharing the store takes the intent over only after this has
    /// run out with no renewal — and after re-reading Genesys — so a dead worker delays that intent by about this long,
    /// and a live one never loses it to a second wrap-up call.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan ClaimLifetime { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// A final intent whose outcome event has not gone out this long after it became final is published again by the
    /// <see cref="Outcomes.OutcomeRepublisher"/>: the store decides first, so a process killed between the store's
    /// write and the publish would otherwise leave the caller waiting for ever. Checked every third of it.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:03", "01:00:00")]
    public TimeSpan OutcomeRepublishAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Event-triggered settles run in the worker process (no broker hop) up to this many at once; beyond, they queue.</summary>
    [Range(1, 1024)]
    public int InProcessSettleLimit { get; set; } = 64;

    /// <summary>How long the wrap-up code catalogue (names → ids, codes per queue) is trusted before it is read again.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan CodeCatalogueTtl { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// A code not found (it may be new) reads the catalogue again only if the copy is older than this, so a burst of
    /// intents with a mistyped code costs one read, not one per intent.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan CodeCatalogueRereadOnMissAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Queues whose generic conversation topic is always subscribed (it carries the communication id).</summary>
    public List<string> QueueIds { get; set; } = [];

    /// <summary>Also subscribe each pending intent's agent (v2.users.{id}.conversations), within the channel share (<c>Subscriptions</c>).</summary>
    public bool SubscribeAgentTopics { get; set; } = true;

    /// <summary>Messages handled at once by the intake and apply endpoints.</summary>
    [Range(1, 256)]
    public int ConcurrentMessageLimit { get; set; } = 16;

    /// <summary>In-process retries of a transient failure (429, 5xx, broker hiccup) before the message is dead-lettered.</summary>
    [Range(0, 20)]
    public int TransientRetryLimit { get; set; } = 5;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (PreferredCall != WrapUpCalls.CommunicationWrapup && PreferredCall != WrapUpCalls.ParticipantPatch)
            yield return new ValidationResult(
                $"WrapUp:PreferredCall must be '{WrapUpCalls.CommunicationWrapup}' or '{WrapUpCalls.ParticipantPatch}', not '{PreferredCall}'.",
                [nameof(PreferredCall)]);
    }
}
