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
    IOptions<DeadLetterOptions> options,
    TimeProvider time,
    ILogger<DeadLetterReview> logger,
    IIntentAttemptJournal? attemptJournal = null)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 500;
    public const int DefaultAuditSize = 100;
    public const int MaxAuditSize = 1000;
    public const int MaxCommentLength = 2000;

    private static readonly Uri IntakeQueue = new($"queue:{PipelineQueues.Intents}");

    public Task<IReadOnlyList<DeadLetterGroup>> GetGroupsAsync(CancellationToken cancellationToken = default) =>
        store.GetGroupsAsync(cancellationToken);

    public async Task<DeadLetterPage> ListAsync(string? reason = null, DeadLetterStatus? status = null, int? limit = null, long? before = null,
        CancellationToken cancellationToken = default)
    {
        var size = Math.Clamp(limit ?? DefaultPageSize, 1, MaxPageSize);
        var items = await store.ListAsync(string.IsNullOrWhiteSpace(reason) ? null : reason, status, size, before, cancellationToken);
        return new DeadLetterPage(items, items.Count == size ? items[^1].Id : null);
    }

    public async Task<ReviewResult<DeadLetterDetails>> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        var letter = await store.FindAsync(id, cancellationToken);
        if (letter is null) return NotFound<DeadLetterDetails>(id);
        var intent = letter.IntentId is { } intentId ? await FindIntentAsync(intentId, cancellationToken) : null;
        return ReviewResult.Ok<DeadLetterDetails>(new DeadLetterDetails
        {
            DeadLetter = letter,
            Intent = intent is null ? null : IntentView.From(intent),
            Attempts = attemptJournal is not null && letter.IntentId is { } attemptsOf
                ? await attemptJournal.GetAsync(attemptsOf, cancellationToken)
                : null,
            RetryChain = await new RetryChainReader(store, FindIntentAsync).ReadAsync(letter, cancellationToken),
            Audit = await store.GetAuditAsync(MaxAuditSize, id, cancellationToken),
        });
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
        if (comment is { Length: > MaxCommentLength })
            return ReviewResult.Failed<DeadLetter>(ReviewOutcome.Invalid, "The comment is too long", $"A comment may have at most {MaxCommentLength} characters.");

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

    public async Task<GroupPreview> PreviewGroupAsync(string reason, CancellationToken cancellationToken = default) =>
        new(reason, (await store.GetOpenIdsAsync(reason, cancellationToken)).Count);

    /// <summary>
    /// Retries every Open letter of <paramref name="reason"/>, if there are still exactly <paramref name="expectedCount"/>
    /// (the preview support confirmed); otherwise nothing is sent and the result carries the count now.
    /// </summary>
    public async Task<ReviewResult<GroupRetryResult>> RetryGroupAsync(string reason, int expectedCount, string actor, string? comment = null,
        CancellationToken cancellationToken = default)
    {
        RequireActor(actor);
        if (comment is { Length: > MaxCommentLength })
            return ReviewResult.Failed<GroupRetryResult>(ReviewOutcome.Invalid, "The comment is too long", $"A comment may have at most {MaxCommentLength} characters.");
        var ids = await store.GetOpenIdsAsync(reason, cancellationToken);
        if (ids.Count != expectedCount)
        {
            logger.LogInformation("Group retry of {Reason} by {Actor} refused: {Matching} open letters, {Expected} expected", reason, actor, ids.Count, expectedCount);
            return ReviewResult.Failed<GroupRetryResult>(ReviewOutcome.Conflict, "The group changed since the preview",
                $"{ids.Count} open dead letters have reason '{reason}' now, not the {expectedCount} previewed; nothing was retried. " +
                "Preview again and confirm the new count.",
                new GroupRetryResult { Reason = reason, Matching = ids.Count });
        }

        var intentIds = new List<Guid>();
        var skipped = new List<GroupRetrySkip>();
        foreach (var id in ids)
        {
            var retried = await RetryOneAsync(id, RetryEdit.None, actor, comment ?? $"group retry of '{reason}'", cancellationToken);
            if (retried.Value is { } done) intentIds.Add(done.RetriedAsIntentId);
            else skipped.Add(new GroupRetrySkip(id, retried.Detail ?? retried.Outcome.ToString()));
        }

        var result = new GroupRetryResult { Reason = reason, Matching = ids.Count, Retried = intentIds.Count, IntentIds = intentIds, Skipped = skipped };
        await using (var change = await store.BeginChangeAsync(cancellationToken))
        {
            await change.AuditAsync(time.GetUtcNow(), actor, AuditActions.GroupRetry, null, $"group:{reason}",
                Json(new { reason, matching = ids.Count, deadLetterIds = ids }),
                Json(new { retried = intentIds.Count, intentIds, skipped }), comment, cancellationToken);
            await change.CommitAsync(cancellationToken);
        }

        logger.LogInformation("Group retry of {Reason} by {Actor}: {Retried} of {Matching} retried", reason, actor, intentIds.Count, ids.Count);
        return ReviewResult.Ok<GroupRetryResult>(result);
    }

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

        if (letter.MessageKind == DeadLetterKinds.NotAnIntent)
            return ReviewResult.Failed<RetryResult>(ReviewOutcome.Invalid, "A message that is no intent cannot be retried",
                $"Dead letter {letter.Id} is a message the worker does not consume (it came from {letter.Queue}): sending it again " +
                "changes nothing. Discard it, and tell its publisher which message to send instead (docs/raw-json-intents.md).");

        var original = letter.IntentId is { } intentId ? await FindIntentAsync(intentId, cancellationToken) : null;
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

    private static ReviewResult<T> NotFound<T>(long id) =>
        ReviewResult.Failed<T>(ReviewOutcome.NotFound, "Dead letter not found", $"There is no dead letter {id}.");

    private static ReviewResult<T> NotOpen<T>(DeadLetter letter, string verb) =>
        ReviewResult.Failed<T>(ReviewOutcome.Conflict, "The dead letter is not open",
            $"Dead letter {letter.Id} cannot be {verb}: it is already {letter.Status}" +
            (letter.ResolvedBy is null ? "" : $" (by {letter.ResolvedBy} at {letter.ResolvedAt:O})") +
            (letter.RetriedAsIntentId is { } retriedAs ? $" as intent {retriedAs}" : "") + ". Only Open letters can be retried or discarded.");
}
