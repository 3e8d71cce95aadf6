using System.Globalization;
using EventBridge.Contracts;
using EventBridge.Pipeline.Intake;
using EventBridge.Pipeline.Storage;
using EventBridge.Worker.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace EventBridge.Worker.Api;

public static class IntentEndpoints
{
    /// <summary>Longest a caller may hold a submit request open waiting for the outcome.</summary>
    public const int MaxWaitSeconds = 60;

    public sealed record SubmitAnswer(Guid IntentId, string Status, string Location, IntentView? Intent);

    public static RouteGroupBuilder MapIntentEndpoints(this RouteGroupBuilder api)
    {
        var intents = api.MapGroup("/intents").WithTags("Intents");
        intents.MapPost("/", SubmitAsync)
            .RequireAuthorization(EventBridgeRoles.Policies.Submit)
            .WithMetadata(new RequestSizeLimitAttribute(IntentValidator.MaxMessageBytes))
            .WithName("SubmitIntent")
            .WithSummary("Submit a wrap-up intent (202 with its id). waitSeconds (up to 60) holds the answer until the outcome.")
            .Produces<SubmitAnswer>(StatusCodes.Status202Accepted).Produces<SubmitAnswer>()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        intents.MapGet("/{intentId:guid}", GetAsync)
            .RequireAuthorization(EventBridgeRoles.Policies.ReadIntents)
            .WithName("GetIntent").WithSummary("One intent: what was asked and how far it got.")
            .Produces<IntentView>().ProducesProblem(StatusCodes.Status404NotFound);
        intents.MapGet("/", ListAsync)
            .RequireAuthorization(EventBridgeRoles.Policies.ReadIntents)
            .WithName("ListIntents").WithSummary("Intents, newest first; filter by status, conversation, failure reason, code, queue and time received (from, to); page with 'before'.")
            .Produces<IntentList>().ProducesValidationProblem();
        return api;
    }

    public sealed record IntentList(IReadOnlyList<IntentView> Items, string? Next);

    private static async Task<IResult> SubmitAsync(WrapUpIntent intent, int? waitSeconds, IntentSubmitter submitter, HttpContext context,
        IIntentStore store, IOptions<ApiOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        if (waitSeconds is < 0 or > MaxWaitSeconds)
            return Results.ValidationProblem(new Dictionary<string, string[]>
            {
                ["waitSeconds"] = [$"waitSeconds must be between 0 and {MaxWaitSeconds}."],
            });

        intent = intent with
        {
            IntentId = intent.IntentId == Guid.Empty ? Guid.NewGuid() : intent.IntentId,
            // Who asked is who authenticated: a body cannot speak for another caller in the audit trail.
            RequestedBy = $"api:{context.User.Identity?.Name}",
        };
        // Refused here with a 400 the caller can read, rather than accepted and dead-lettered.
        var problems = IntentValidator.Validate(intent);
        if (problems.Count > 0)
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["intent"] = problems.ToArray() },
                title: "The intent is malformed");

        var location = $"/api/intents/{intent.IntentId}";
        var holder = await store.FindAsync(intent.IntentId, cancellationToken);
        if (holder is not null && !holder.AsksTheSameAs(intent))
            return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "The intent id is taken", detail: IntentIntake.ReusedIdDetail(holder));
        // The intake would end it expired without touching Genesys; over HTTP the caller hears it now, instead of a 202
        // whose location never exists (an expired intent is not stored). A resend of a stored intent is the store's.
        if (holder is null && intent.Deadline is { } deadline && deadline <= time.GetUtcNow())
            return Results.ValidationProblem(new Dictionary<string, string[]>
            {
                ["deadline"] = [$"The deadline {deadline:O} has passed; nothing was sent to Genesys."],
            }, title: "The intent's deadline has passed");
        if (!await submitter.TrySendAsync(intent, cancellationToken))
        {
            context.Response.Headers.RetryAfter = options.Value.BrokerRetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            return Results.Problem(
                statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "The broker did not take the intent",
                detail: $"Nothing was accepted. Send the same intent again, with intentId {intent.IntentId}, after {options.Value.BrokerRetryAfterSeconds} s: " +
                        "an intent id is taken once, so a copy that arrived after all is not applied twice.",
                extensions: new Dictionary<string, object?> { ["intentId"] = intent.IntentId });
        }

        if (waitSeconds is null or 0)
            return Results.Accepted(location, new SubmitAnswer(intent.IntentId, "Submitted", location, null));

        var stored = await submitter.WaitForOutcomeAsync(intent.IntentId, TimeSpan.FromSeconds(waitSeconds.Value), cancellationToken);
        var view = stored is null ? null : IntentView.From(stored);
        return stored?.IsFinal == true
            ? Results.Ok(new SubmitAnswer(intent.IntentId, view!.Status, location, view))
            : Results.Accepted(location, new SubmitAnswer(intent.IntentId, view?.Status ?? "Submitted", location, view));
    }

    private static async Task<IResult> GetAsync(Guid intentId, IIntentStore store, CancellationToken cancellationToken) =>
        await store.FindAsync(intentId, cancellationToken) is { } intent
            ? Results.Ok(IntentView.From(intent))
            : Results.Problem(title: "No such intent",
                detail: $"Intent {intentId} is not in the store. Just submitted? It is stored within moments; or it never reached the worker.",
                statusCode: StatusCodes.Status404NotFound);

    private static async Task<IResult> ListAsync([AsParameters] IntentListRequest request, IIntentQueries queries, CancellationToken cancellationToken)
    {
        if (request.ToQuery(queries, out var errors) is not { } query) return Results.ValidationProblem(errors);
        var page = await queries.ListAsync(query, cancellationToken);
        return Results.Ok(new IntentList(page.Items.Select(IntentView.From).ToList(), page.Next));
    }
}
