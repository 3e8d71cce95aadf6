using System.Security.Claims;
using EventBridge.DeadLetters.Review;
using EventBridge.DeadLetters.Storage;
using EventBridge.Pipeline.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace EventBridge.DeadLetters.Api;

/// <summary>The dead-letter review over HTTP: reads need the viewer policy, actions the support policy.</summary>
public static class DeadLetterApi
{
    public static IEndpointRouteBuilder MapDeadLetterApi(this IEndpointRouteBuilder app, string viewerPolicy, string supportPolicy)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(viewerPolicy);
        ArgumentException.ThrowIfNullOrWhiteSpace(supportPolicy);
        var letters = app.MapGroup("/api/dead-letters").WithTags("Dead letters");

        letters.MapGet("/groups", async (DeadLetterReview review, CancellationToken ct) => TypedResults.Ok(await review.GetGroupsAsync(ct)))
            .RequireAuthorization(viewerPolicy).WithName("GetDeadLetterGroups")
            .WithSummary("Open dead letters grouped by reason: count, oldest, newest, and the reason in plain words with the actions that can help.")
            .Produces<IReadOnlyList<ReasonGroup>>();

        letters.MapGet("/reasons", () => TypedResults.Ok(ReasonGuide.All))
            .RequireAuthorization(viewerPolicy).WithName("GetDeadLetterReasons")
            .WithSummary("Every failure reason: what happened, what support can do, and whether a retry (as is, or with another code) can help.")
            .Produces<IReadOnlyCollection<ReasonAdvice>>();

        letters.MapGet("", ListAsync)
            .RequireAuthorization(viewerPolicy).WithName("ListDeadLetters")
            .WithSummary("Dead letters, newest first; filter by reason and status (Open, Retried, Archived); page with before=<nextBefore>.")
            .Produces<DeadLetterPage>().ProducesProblem(StatusCodes.Status400BadRequest);

        letters.MapGet("/{id:long}", async (long id, DeadLetterReview review, CancellationToken ct) => ToResult(await review.GetAsync(id, ct), TypedResults.Ok))
            .RequireAuthorization(viewerPolicy).WithName("GetDeadLetter")
            .WithSummary("One dead letter with headers and body, its intent, the Genesys attempts, the retry chain and the audit.")
            .Produces<DeadLetterDetails>().ProducesProblem(StatusCodes.Status404NotFound);

        letters.MapPost("/{id:long}/retry", async (long id, RetryRequest? request, HttpContext http, DeadLetterReview review, CancellationToken ct) =>
                ToResult(await review.RetryAsync(id, new RetryEdit(request?.WrapUpCode, request?.Notes), ActorOf(http.User), request?.Comment, ct),
                    result => TypedResults.Accepted($"/api/dead-letters/{id}", result)))
            .RequireAuthorization(supportPolicy).WithName("RetryDeadLetter")
            .WithSummary("Sends a new intent (new id, optionally another code or notes) for an Open letter and marks it Retried.")
            .Produces<RetryResult>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        letters.MapGet("/{id:long}/codes", async (long id, DeadLetterReview review, CancellationToken ct) => ToResult(await review.GetCodeChoicesAsync(id, ct), TypedResults.Ok))
            .RequireAuthorization(viewerPolicy).WithName("GetDeadLetterRetryCodes")
            .WithSummary("The wrap-up codes an edit-and-retry can pick: the agent's queue's (scope 'queue'), else the org's (scope 'org').")
            .Produces<RetryCodeChoices>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        letters.MapPost("/{id:long}/restore", async (long id, CommentRequest? request, HttpContext http, DeadLetterReview review, CancellationToken ct) =>
                ToResult(await review.RestoreAsync(id, ActorOf(http.User), request?.Comment, ct), TypedResults.Ok))
            .RequireAuthorization(supportPolicy).WithName("RestoreDeadLetter")
            .WithSummary("Undoes a discard: an Archived letter is Open again.")
            .Produces<DeadLetter>().ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        letters.MapPost("/{id:long}/discard", async (long id, CommentRequest? request, HttpContext http, DeadLetterReview review, CancellationToken ct) =>
                ToResult(await review.DiscardAsync(id, ActorOf(http.User), request?.Comment, ct), TypedResults.Ok))
            .RequireAuthorization(supportPolicy).WithName("DiscardDeadLetter")
            .WithSummary("Archives an Open letter without retrying it.")
            .Produces<DeadLetter>().ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        letters.MapGet("/groups/{reason}/preview", PreviewGroupAsync)
            .RequireAuthorization(viewerPolicy).WithName("PreviewDeadLetterGroupRetry")
            .WithSummary("How many Open letters (of the reason; failed before failedBefore, when given) a group action would change (give it back as expectedCount, with the same failedBefore).")
            .Produces<GroupPreview>().ProducesProblem(StatusCodes.Status400BadRequest);

        letters.MapPost("/groups/{reason}/retry", RetryGroupAsync)
            .RequireAuthorization(supportPolicy).WithName("RetryDeadLetterGroup")
            .WithSummary("Starts a paced retry of every Open letter of a reason (one per DeadLetters:GroupRetryInterval, waiting while the " +
                         "request budget is busy), if the count still equals expectedCount; else 409 with the count now. 400 for reasons a retry cannot help.")
            .Produces<GroupRetryProgress>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict);

        letters.MapPost("/groups/{reason}/discard", DiscardGroupAsync)
            .RequireAuthorization(supportPolicy).WithName("DiscardDeadLetterGroup")
            .WithSummary("Archives every Open letter of a reason, if the count still equals expectedCount (the preview's matching); else 409.")
            .Produces<GroupDiscardResult>()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict);

        letters.MapGet("/group-retries", (DeadLetterReview review) => TypedResults.Ok(review.ListGroupRetries()))
            .RequireAuthorization(viewerPolicy).WithName("ListGroupRetries")
            .WithSummary("This worker's recent group retries, newest first, with their progress.")
            .Produces<IReadOnlyList<GroupRetryProgress>>();

        letters.MapGet("/group-retries/{jobId:guid}", (Guid jobId, DeadLetterReview review) =>
                review.FindGroupRetry(jobId) is { } progress
                    ? (IResult)TypedResults.Ok(progress)
                    : Problem(StatusCodes.Status404NotFound, "No such group retry",
                        $"Group retry {jobId} is not known to this worker: another replica runs it, or this one restarted (its letters not yet sent are still Open)."))
            .RequireAuthorization(viewerPolicy).WithName("GetGroupRetry")
            .WithSummary("One group retry's progress: total, retried, skipped, whether it waits for the request budget.")
            .Produces<GroupRetryProgress>().ProducesProblem(StatusCodes.Status404NotFound);

        app.MapGet("/api/search", SearchAsync)
            .RequireAuthorization(viewerPolicy).WithTags("Search").WithName("Search")
            .WithSummary("Every intent and dead letter for a conversation id, intent id, participant id or code (exact), each intent with its story.")
            .Produces<SearchResult>().ProducesProblem(StatusCodes.Status400BadRequest);

        app.MapGet("/api/intents/{intentId:guid}/story", async (Guid intentId, SupportSearch search, CancellationToken ct) =>
                await search.GetStoryAsync(intentId, ct) is { } story
                    ? (IResult)TypedResults.Ok(story)
                    : Problem(StatusCodes.Status404NotFound, "No such intent",
                        $"Intent {intentId} is not in the store: never received, or finished longer ago than Retention:FinishedIntents."))
            .RequireAuthorization(viewerPolicy).WithTags("Search").WithName("GetIntentStory")
            .WithSummary("One intent's whole story: received, each Genesys call and its answer, the outcome, dead letters, retries, support's actions.")
            .Produces<IntentStory>().ProducesProblem(StatusCodes.Status404NotFound);

        app.MapGet("/api/audit", async (int? limit, long? deadLetterId, DeadLetterReview review, CancellationToken ct) =>
                limit < 1
                    ? (IResult)Problem(StatusCodes.Status400BadRequest, "Bad limit", "limit must be at least 1.")
                    : TypedResults.Ok(await review.GetAuditAsync(limit, deadLetterId, ct)))
            .RequireAuthorization(viewerPolicy).WithTags("Dead letters").WithName("GetSupportAudit")
            .WithSummary("Support actions, newest first: who, when, what, before and after; all, or one dead letter's.")
            .Produces<IReadOnlyList<AuditEntry>>().ProducesProblem(StatusCodes.Status400BadRequest);

        return app;
    }

    private static async Task<IResult> ListAsync(string? reason, string? status, int? limit, long? before, DeadLetterReview review, CancellationToken ct)
    {
        DeadLetterStatus? parsed = null;
        if (!string.IsNullOrWhiteSpace(status))
        {
            if (!Enum.TryParse<DeadLetterStatus>(status, ignoreCase: true, out var value) || !Enum.IsDefined(value))
                return Problem(StatusCodes.Status400BadRequest, "Unknown status", $"status '{status}' is not one of Open, Retried, Archived.");
            parsed = value;
        }

        if (limit < 1) return Problem(StatusCodes.Status400BadRequest, "Bad limit", $"limit must be between 1 and {DeadLetterReview.MaxPageSize}.");
        return TypedResults.Ok(await review.ListAsync(reason, parsed, limit, before, ct));
    }

    private static async Task<IResult> SearchAsync(string? q, SupportSearch search, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(q))
            return Problem(StatusCodes.Status400BadRequest, "Nothing to search for", "Give q: a conversation id, intent id, participant id or wrap-up code.");
        if (q.Length > SupportSearch.MaxTermLength || q.Any(char.IsControl))
            return Problem(StatusCodes.Status400BadRequest, "Not a search term",
                $"q is at most {SupportSearch.MaxTermLength} characters without control characters: an id or a code, pasted as it is.");
        return TypedResults.Ok(await search.SearchAsync(q, ct));
    }

    private static async Task<IResult> PreviewGroupAsync(string reason, string? failedBefore, DeadLetterReview review, CancellationToken ct)
    {
        if (FailedBeforeUnreadable(failedBefore, out var before) is { } unreadable) return unreadable;
        return TypedResults.Ok(await review.PreviewGroupAsync(reason, before, ct));
    }

    private static async Task<IResult> RetryGroupAsync(string reason, GroupActionRequest? request, HttpContext http, DeadLetterReview review, CancellationToken ct)
    {
        if (ExpectedCountMissing(reason, request) is { } missing) return missing;
        if (FailedBeforeUnreadable(request!.FailedBefore, out var before) is { } unreadable) return unreadable;
        var result = await review.RetryGroupAsync(reason, request.ExpectedCount!.Value, ActorOf(http.User), request.Comment, before, ct);
        if (result.Outcome == ReviewOutcome.Conflict && result.Value is { } now) return CountChanged(result, now.Total);
        return ToResult(result, value => TypedResults.Accepted($"/api/dead-letters/group-retries/{value.JobId}", value));
    }

    private static async Task<IResult> DiscardGroupAsync(string reason, GroupActionRequest? request, HttpContext http, DeadLetterReview review, CancellationToken ct)
    {
        if (ExpectedCountMissing(reason, request) is { } missing) return missing;
        if (FailedBeforeUnreadable(request!.FailedBefore, out var before) is { } unreadable) return unreadable;
        var result = await review.DiscardGroupAsync(reason, request.ExpectedCount!.Value, ActorOf(http.User), request.Comment, before, ct);
        if (result.Outcome == ReviewOutcome.Conflict && result.Value is { } now) return CountChanged(result, now.Matching);
        return ToResult(result, TypedResults.Ok);
    }

    /// <summary>No failedBefore is fine (the whole group); one that cannot be read, or has no zone, is refused, never guessed.</summary>
    private static ProblemHttpResult? FailedBeforeUnreadable(string? text, out DateTimeOffset? failedBefore)
    {
        failedBefore = null;
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (!ZonedInstant.TryParse(text, out var instant))
            return Problem(StatusCodes.Status400BadRequest, "failedBefore cannot be read", ZonedInstant.Problem("failedBefore"));
        failedBefore = instant;
        return null;
    }

    private static ProblemHttpResult? ExpectedCountMissing(string reason, GroupActionRequest? request) =>
        request?.ExpectedCount is not { } expected || expected < 0
            ? Problem(StatusCodes.Status400BadRequest, "expectedCount is required",
                $"Give expectedCount: the 'matching' of GET /api/dead-letters/groups/{reason}/preview, so only the letters you saw are changed.")
            : null;

    private static ProblemHttpResult CountChanged<T>(ReviewResult<T> result, int matching) =>
        Problem(StatusCodes.Status409Conflict, result.Title!, result.Detail!, new Dictionary<string, object?> { ["matching"] = matching });

    private static IResult ToResult<T>(ReviewResult<T> result, Func<T, IResult> ok) =>
        result is { IsOk: true, Value: { } value }
            ? ok(value)
            : Problem(result.Outcome switch
            {
                ReviewOutcome.NotFound => StatusCodes.Status404NotFound,
                ReviewOutcome.Conflict => StatusCodes.Status409Conflict,
                ReviewOutcome.Invalid => StatusCodes.Status400BadRequest,
                ReviewOutcome.Unavailable => StatusCodes.Status503ServiceUnavailable,
                _ => StatusCodes.Status500InternalServerError,
            }, result.Title ?? "The request failed", result.Detail ?? "");

    private static ProblemHttpResult Problem(int status, string title, string detail, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title, extensions: extensions);

    /// <summary>Who acts, for the audit: the authenticated name (the support policy guarantees someone is signed in).</summary>
    private static string ActorOf(ClaimsPrincipal user) =>
        user.Identity?.Name is { Length: > 0 } name ? name
        : user.FindFirstValue(ClaimTypes.NameIdentifier) ?? user.FindFirstValue("sub") ?? "unknown";
}
