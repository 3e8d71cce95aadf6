using System.Text.Json;
using EventBridge.Contracts;
using EventBridge.DeadLetters.Storage;
using EventBridge.Pipeline;
using EventBridge.Pipeline.Intake;
using EventBridge.Pipeline.Storage;
using MassTransit;
using Microsoft.Extensions.Options;

namespace EventBridge.DeadLetters.Review;

/// <summary>
/// What support does with dead letters: look at groups and letters, retry one (optionally with another code or notes)
/// or a whole group, discard. A retry never moves the old message back: it sends a new intent (new id, RequestedBy
/// "support:&lt;actor&gt;") to the intake queue, so the pipeline's rules (validation, idempotency, supersede) apply
/// as to any intent. Every action changes the letter and writes its audit row in one transaction.
/// </summary>
public sealed class DeadLetterReview(
    IDeadLetterStore store,
    IIntentStore intents,
    ISendEndpointProvider sender,
    GroupRetryJobs jobs,
    IOptions<DeadLetterOptions> options,
    TimeProvider time,
    ILogger<DeadLetterReview> logger,
    IIntentAttemptJournal? attemptJournal = null,
    RetryCodeSource? codeSource = null)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 500;
    public const int DefaultAuditSize = 100;
    public const int MaxAuditSize = 1000;
    public const int MaxCommentLength = 2000;

    private static readonly Uri IntakeQueue = new($"queue:{PipelineQueues.Intents}");

    /// <summary>Open letters by reason, biggest group first, each with what its reason means and which actions can help.</summary>
    public async Task<IReadOnlyList<ReasonGroup>> GetGroupsAsync(CancellationToken cancellationToken = default) =>
        [.. (await store.GetGroupsAsync(cancellationToken)).Select(group => ReasonGroup.Of(group, ReasonGuide.For(group.Reason)))];

    public async Task<DeadLetterPage> ListAsync(string? reason = null, DeadLetterStatus? status = null, int? limit = null, long? before = null,
        CancellationToken cancellationToken = default)
    {
        var size = Math.Clamp(limit ?? DefaultPageSize, 1, MaxPageSize);
        var items = await store.ListAsync(string.IsNullOrWhiteSpace(reason) ? null : reason, status, size, before, cancellationToken);
        // A gateway may ask for a code by id: the list shows its name beside it.
        var names = codeSource is null ? RetryCodeSource.NoNames : await codeSource.NamesAsync(items.Select(i => i.WrapUpCode), "a dead-letter page", cancellationToken);
        return new DeadLetterPage(items, items.Count == size ? items[^1].Id : null) { CodeNames = names };
    }

    public async Task<ReviewResult<DeadLetterDetails>> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        var letter = await store.FindAsync(id, cancellationToken);
        if (letter is null) return NotFound<DeadLetterDetails>(id);
        var intent = letter.IntentId is { } intentId ? await FindIntentAsync(intentId, cancellationToken) : null;
        return ReviewResult.Ok<DeadLetterDetails>(new DeadLetterDetails
        {
            DeadLetter = letter,
            Advice = ReasonGuide.For(letter.Reason),
            Intent = intent is null ? null : IntentView.From(intent),
            Attempts = attemptJournal is not null && letter.IntentId is { } attemptsOf
                ? await attemptJournal.GetAsync(attemptsOf, cancellationToken)
                : null,
            RetryChain = await new RetryChainReader(store, FindIntentAsync).ReadAsync(letter, cancellationToken),
            Audit = await store.GetAuditAsync(MaxAuditSize, id, cancellationToken),
            CodeNames = codeSource is null
                ? RetryCodeSource.NoNames
                : await codeSource.NamesAsync([letter.WrapUpCode, letter.FaultMessage, intent?.CodeId, intent?.RequestedCode, intent?.FailureDetail],
                    $"dead letter {letter.Id}", cancellationToken),
        });
    }

    /// <summary>The codes an edit-and-retry of this letter can pick from: its agent's queue's, else the org's.</summary>
    public async Task<ReviewResult<RetryCodeChoices>> GetCodeChoicesAsync(long id, CancellationToken cancellationToken = default)
    {
        var letter = await store.FindAsync(id, cancellationToken);
        if (letter is null) return NotFound<RetryCodeChoices>(id);
        if (codeSource is null)
            return ReviewResult.Failed<RetryCodeChoices>(ReviewOutcome.Unavailable, "No Genesys connection here",
                "This host reviews letters without a Genesys client, so it cannot list wrap-up codes; type the code instead.");
        var original = letter.IntentId is { } intentId ? await FindIntentAsync(intentId, cancellationToken) : null;
        try
        {
            return ReviewResult.Ok(await codeSource.ForAsync(letter, original, cancellationToken));
        }
        catch (Exception unavailable) when (unavailable is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(unavailable, "Listing the retry codes of dead letter {DeadLetterId} failed", id);
            return ReviewResult.Failed<RetryCodeChoices>(ReviewOutcome.Unavailable, "Genesys did not list the codes",
                $"The wrap-up codes for dead letter {id} could not be read from Genesys ({unavailable.GetType().Name}); try again shortly, or type the code.");
        }
    }

    public Task<ReviewResult<RetryResult>> RetryAsync(long id, RetryEdit? edit, string actor, string? comment = null,
        CancellationToken cancellationToken = default)
    {
        RequireActor(actor);
        if (Invalid(edit ?? RetryEdit.None, comment) is { } problem)
            return Task.FromResult(ReviewResult.Failed<RetryResult>(ReviewOutcome.Invalid, "The retry request is not valid", problem));
        return RetryOneAsync(id, edit ?? RetryEdit.None, actor, comment, cancellationToken);
    }

    public async Task<ReviewResult<DeadLetter>> DiscardAsync(long id, string actor, string? comment = null, CancellationToken cancellationToken = default)
    {
        RequireActor(actor);
        if (CommentTooLong<DeadLetter>(comment) is { } tooLong) return tooLong;

        await using var change = await store.BeginChangeAsync(cancellationToken);
        var letter = await change.FindAsync(id, cancellationToken);
        if (letter is null) return NotFound<DeadLetter>(id);
        if (letter.Status != DeadLetterStatus.Open) return NotOpen<DeadLetter>(letter, "discarded");

        var now = time.GetUtcNow();
        await change.ResolveAsync(id, DeadLetterStatus.Archived, null, now, actor, cancellationToken);
        var archived = letter with { Status = DeadLetterStatus.Archived, ResolvedAt = now, ResolvedBy = actor };
        await change.AuditAsync(now, actor, AuditActions.Discard, id, Target(id), Snapshot(letter), Snapshot(archived), comment, cancellationToken);
        await change.CommitAsync(cancellationToken);
        logger.LogInformation("Dead letter {DeadLetterId} ({Reason}) discarded by {Actor}", id, letter.Reason, actor);
        return ReviewResult.Ok<DeadLetter>(archived);
    }

    /// <summary>Undoes a discard: an Archived letter is Open again, with its actions back (a retried one has a newer intent instead).</summary>
    public async Task<ReviewResult<DeadLetter>> RestoreAsync(long id, string actor, string? comment = null, CancellationToken cancellationToken = default)
    {
        RequireActor(actor);
        if (CommentTooLong<DeadLetter>(comment) is { } tooLong) return tooLong;

        await using var change = await store.BeginChangeAsync(cancellationToken);
        var letter = await change.FindAsync(id, cancellationToken);
        if (letter is null) return NotFound<DeadLetter>(id);
        if (letter.Status != DeadLetterStatus.Archived)
            return ReviewResult.Failed<DeadLetter>(ReviewOutcome.Conflict, "Only an archived letter can be restored",
                $"Dead letter {id} is {letter.Status}: " + (letter.Status == DeadLetterStatus.Open
                    ? "it is open already."
                    : $"it was retried as intent {letter.RetriedAsIntentId}; follow that intent (search its id) instead."));

        await change.RestoreAsync(id, cancellationToken);
        var restored = letter with { Status = DeadLetterStatus.Open, ResolvedAt = null, ResolvedBy = null, RetriedAsIntentId = null };
        await change.AuditAsync(time.GetUtcNow(), actor, AuditActions.Restore, id, Target(id), Snapshot(letter), Snapshot(restored), comment, cancellationToken);
        await change.CommitAsync(cancellationToken);
        logger.LogInformation("Dead letter {DeadLetterId} ({Reason}) restored from the archive by {Actor}", id, letter.Reason, actor);
        return ReviewResult.Ok<DeadLetter>(restored);
    }

    /// <summary>
    /// Discards every Open letter of <paramref name="reason"/> (that failed before <paramref name="failedBefore"/>, when
    /// given: "every expired letter older than a week") if there are still exactly <paramref name="expectedCount"/>
    /// (the preview support confirmed): one audit row per letter and one for the whole; each can be restored.
    /// </summary>
    public async Task<ReviewResult<GroupDiscardResult>> DiscardGroupAsync(string reason, int expectedCount, string actor, string? comment = null,
        DateTimeOffset? failedBefore = null, CancellationToken cancellationToken = default)
    {
        RequireActor(actor);
        if (CommentTooLong<GroupDiscardResult>(comment) is { } tooLong) return tooLong;
        var ids = await store.GetOpenIdsAsync(reason, failedBefore, cancellationToken);
        if (ids.Count != expectedCount)
            return GroupChanged(reason, failedBefore, ids.Count, expectedCount, "discarded", new GroupDiscardResult(reason, ids.Count, 0, failedBefore));

        var discarded = 0;
        foreach (var id in ids)
        {
            if ((await DiscardAsync(id, actor, comment ?? $"group discard of '{reason}'", cancellationToken)).IsOk) discarded++;
        }

        await using (var change = await store.BeginChangeAsync(cancellationToken))
        {
            await change.AuditAsync(time.GetUtcNow(), actor, AuditActions.GroupDiscard, null, $"group:{reason}",
                Json(new { reason, failedBefore, matching = ids.Count, deadLetterIds = ids }), Json(new { discarded }), comment, cancellationToken);
            await change.CommitAsync(cancellationToken);
        }

        logger.LogInformation("Group discard of {Reason} by {Actor}: {Discarded} of {Matching} discarded", reason, actor, discarded, ids.Count);
        return ReviewResult.Ok(new GroupDiscardResult(reason, ids.Count, discarded, failedBefore));
    }

    public async Task<GroupPreview> PreviewGroupAsync(string reason, DateTimeOffset? failedBefore = null, CancellationToken cancellationToken = default) =>
        new(reason, (await store.GetOpenIdsAsync(reason, failedBefore, cancellationToken)).Count, failedBefore);

    /// <summary>
    /// Starts a paced retry of every Open letter of <paramref name="reason"/> (<see cref="GroupRetryJobs"/>), if there
    /// are still exactly <paramref name="expectedCount"/> (the preview support confirmed); otherwise nothing is sent and
    /// the result's <see cref="GroupRetryProgress.Total"/> is the count now. Only reasons a plain retry can help are taken.
    /// </summary>
    public async Task<ReviewResult<GroupRetryProgress>> RetryGroupAsync(string reason, int expectedCount, string actor, string? comment = null,
        DateTimeOffset? failedBefore = null, CancellationToken cancellationToken = default)
    {
        RequireActor(actor);
        if (CommentTooLong<GroupRetryProgress>(comment) is { } tooLong) return tooLong;
        if (ReasonGuide.For(reason) is { CanRetryGroup: false } advice)
            return ReviewResult.Failed<GroupRetryProgress>(ReviewOutcome.Invalid, "This group cannot be retried as a whole",
                $"Letters with reason '{reason}' ({advice.Title}) " + (advice.CanRetry
                    ? $"need a change each (another code) before a retry can succeed: retry them one by one. {advice.WhatToDo}"
                    : $"would fail the same way again. {advice.WhatToDo}"));
        var ids = await store.GetOpenIdsAsync(reason, failedBefore, cancellationToken);
        if (ids.Count != expectedCount)
            return GroupChanged(reason, failedBefore, ids.Count, expectedCount, "retried", new GroupRetryProgress { Reason = reason, Total = ids.Count });

        var started = jobs.Start(reason, ids, actor,
            (id, ct) => RetryOneAsync(id, RetryEdit.None, actor, comment ?? $"group retry of '{reason}'", ct),
            progress => AuditGroupRetryAsync(progress, ids, failedBefore, comment));
        logger.LogInformation("Group retry {JobId} of {Reason} by {Actor} started: {Matching} letters, one per {Interval}",
            started.JobId, reason, actor, ids.Count, options.Value.GroupRetryInterval);
        return ReviewResult.Ok(started);
    }

    public GroupRetryProgress? FindGroupRetry(Guid jobId) => jobs.Find(jobId);

    public IReadOnlyList<GroupRetryProgress> ListGroupRetries() => jobs.List();

    public Task<IReadOnlyList<AuditEntry>> GetAuditAsync(int? limit = null, long? deadLetterId = null, CancellationToken cancellationToken = default) =>
        store.GetAuditAsync(Math.Clamp(limit ?? DefaultAuditSize, 1, MaxAuditSize), deadLetterId, cancellationToken);

    private async Task<ReviewResult<RetryResult>> RetryOneAsync(long id, RetryEdit edit, string actor, string? comment, CancellationToken cancellationToken)
    {
        // The write lock is held while the broker confirms: two support users retrying one letter take turns, and the
        // second finds it Retried instead of sending a second intent.
        await using var change = await store.BeginChangeAsync(cancellationToken);
        var letter = await change.FindAsync(id, cancellationToken);
        if (letter is null) return NotFound<RetryResult>(id);
        if (letter.Status != DeadLetterStatus.Open) return NotOpen<RetryResult>(letter, "retried");

        var original = letter.IntentId is { } intentId ? await FindIntentAsync(intentId, cancellationToken) : null;
        if (RetryRules.Refusal(letter, original, edit) is { } refused) return ReviewResult.Failed<RetryResult>(ReviewOutcome.Invalid, refused.Title, refused.Detail);
        var built = RetryIntentBuilder.Build(letter, original, edit, actor);
        if (built.Value is not { } intent) return ReviewResult.Failed<RetryResult>(built.Outcome, built.Title!, built.Detail!);

        if (await SendAsync(intent, cancellationToken) is { } unavailable)
        {
            logger.LogWarning("Retry of dead letter {DeadLetterId} by {Actor} not sent: {Problem}", id, actor, unavailable);
            return ReviewResult.Failed<RetryResult>(ReviewOutcome.Unavailable, "The broker did not take the new intent",
                $"Dead letter {id} was not retried and stays Open: {unavailable} Try again when RabbitMQ is reachable.");
        }

        var now = time.GetUtcNow();
        await change.ResolveAsync(id, DeadLetterStatus.Retried, intent.IntentId, now, actor, cancellationToken);
        var retried = letter with { Status = DeadLetterStatus.Retried, RetriedAsIntentId = intent.IntentId, ResolvedAt = now, ResolvedBy = actor };
        await change.AuditAsync(now, actor, AuditActions.Retry, id, Target(id), Snapshot(letter),
            Json(new { letter = SnapshotObject(retried), intent, edit = new { edit.WrapUpCode, edit.Notes } }), comment, cancellationToken);
        await change.CommitAsync(cancellationToken);
        logger.LogInformation("Dead letter {DeadLetterId} ({Reason}) retried by {Actor} as intent {IntentId} with code {WrapUpCode}",
            id, letter.Reason, actor, intent.IntentId, intent.WrapUpCode);
        return ReviewResult.Ok<RetryResult>(new RetryResult(id, intent.IntentId));
    }

    // Written when the job ends (CancellationToken.None: a stopping worker still records how far it got).
    private async Task AuditGroupRetryAsync(GroupRetryProgress progress, IReadOnlyList<long> ids, DateTimeOffset? failedBefore, string? comment)
    {
        await using var change = await store.BeginChangeAsync(CancellationToken.None);
        await change.AuditAsync(time.GetUtcNow(), progress.Actor, AuditActions.GroupRetry, null, $"group:{progress.Reason}",
            Json(new { reason = progress.Reason, failedBefore, matching = ids.Count, deadLetterIds = ids, jobId = progress.JobId }),
            Json(new { state = progress.State, retried = progress.Retried, intentIds = progress.IntentIds, skipped = progress.Skipped }),
            comment, CancellationToken.None);
        await change.CommitAsync(CancellationToken.None);
        logger.LogInformation("Group retry {JobId} of {Reason} by {Actor} {State}: {Retried} of {Matching} retried",
            progress.JobId, progress.Reason, progress.Actor, progress.State, progress.Retried, ids.Count);
    }

    private static string? Invalid(RetryEdit edit, string? comment)
    {
        if (edit.WrapUpCode is { } code && string.IsNullOrWhiteSpace(code))
            return "wrapUpCode is empty: give a wrap-up code name or id, or leave wrapUpCode out to keep the original code.";
        if (edit.Notes is { Length: > IntentValidator.MaxNotesLength })
            return $"notes are longer than {IntentValidator.MaxNotesLength} characters.";
        if (comment is { Length: > MaxCommentLength }) return $"A comment may have at most {MaxCommentLength} characters.";
        return null;
    }

    /// <summary>Null when the broker confirmed the intent; else what went wrong.</summary>
    private async Task<string?> SendAsync(WrapUpIntent intent, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(options.Value.SendTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            var endpoint = await sender.GetSendEndpoint(IntakeQueue);
            await endpoint.Send(intent, linked.Token);
            return null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"no confirmation within {options.Value.SendTimeout}.";
        }
        catch (Exception failed) when (failed is not OperationCanceledException)
        {
            logger.LogWarning(failed, "Sending retried intent {IntentId} failed", intent.IntentId);
            return failed.Message;
        }
    }

    private async Task<StoredIntent?> FindIntentAsync(Guid intentId, CancellationToken cancellationToken)
    {
        try
        {
            return await intents.FindAsync(intentId, cancellationToken);
        }
        catch (Exception unavailable) when (unavailable is not OperationCanceledException)
        {
            logger.LogWarning(unavailable, "Intent store lookup of intent {IntentId} failed", intentId);
            return null;
        }
    }

    private static void RequireActor(string actor)
    {
        if (string.IsNullOrWhiteSpace(actor))
            throw new ArgumentException("Every support action needs the name of who did it (the audit records it).", nameof(actor));
    }

    private static string Target(long id) => $"dead-letter:{id}";

    private static object SnapshotObject(DeadLetter letter) => new
    {
        letter.Status,
        letter.Reason,
        letter.IntentId,
        letter.ConversationId,
        letter.WrapUpCode,
        letter.Notes,
        letter.RetriedAsIntentId,
        letter.ResolvedAt,
        letter.ResolvedBy,
    };

    private static string Snapshot(DeadLetter letter) => Json(SnapshotObject(letter));

    private static string Json(object value) => JsonSerializer.Serialize(value, JsonSerializerOptions.Web);

    private ReviewResult<T> GroupChanged<T>(string reason, DateTimeOffset? failedBefore, int matching, int expected, string verb, T now)
    {
        logger.LogInformation("Group action on {Reason} refused: {Matching} open letters, {Expected} expected", reason, matching, expected);
        var which = failedBefore is { } before ? $" and failed before {before:O}" : "";
        return ReviewResult.Failed<T>(ReviewOutcome.Conflict, "The group changed since the preview",
            $"{matching} open dead letters have reason '{reason}'{which} now, not the {expected} previewed; nothing was {verb}. " +
            "Preview again and confirm the new count.", now);
    }

    private static ReviewResult<T>? CommentTooLong<T>(string? comment) =>
        comment is { Length: > MaxCommentLength }
            ? ReviewResult.Failed<T>(ReviewOutcome.Invalid, "The comment is too long", $"A comment may have at most {MaxCommentLength} characters.")
            : null;

    private static ReviewResult<T> NotFound<T>(long id) =>
        ReviewResult.Failed<T>(ReviewOutcome.NotFound, "Dead letter not found", $"There is no dead letter {id}.");

    private static ReviewResult<T> NotOpen<T>(DeadLetter letter, string verb) =>
        ReviewResult.Failed<T>(ReviewOutcome.Conflict, "The dead letter is not open",
            $"Dead letter {letter.Id} cannot be {verb}: it is already {letter.Status}" +
            (letter.ResolvedBy is null ? "" : $" (by {letter.ResolvedBy} at {letter.ResolvedAt:O})") +
            (letter.RetriedAsIntentId is { } retriedAs ? $" as intent {retriedAs}" : "") + ". Only Open letters can be retried or discarded.");
}
