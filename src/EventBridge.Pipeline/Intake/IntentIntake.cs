using EventBridge.Contracts;
using EventBridge.Genesys;
using EventBridge.Genesys.Http;
using EventBridge.Genesys.Models;
using EventBridge.Genesys.Notifications;
using EventBridge.Pipeline.Applying;
using EventBridge.Pipeline.Listening;
using EventBridge.Pipeline.Matching;
using EventBridge.Pipeline.Observability;
using EventBridge.Pipeline.Outcomes;
using EventBridge.Pipeline.Storage;
using EventBridge.Pipeline.Subscriptions;
using MassTransit;
using Microsoft.Extensions.Options;

namespace EventBridge.Pipeline.Intake;

/// <summary>
/// Takes an intent in: validate, store durably (before the message is acknowledged), resolve the code, read the
/// conversation, make sure notifications cover it, and only then disconnect the agent when asked. Every step is
/// idempotent, so a redelivered intent resumes where a crash left it.
/// </summary>
public sealed class IntentIntake(
    IIntentStore store,
    WrapUpCodeCatalogue catalogue,
    GenesysApiClient genesys,
    ChannelPool subscriptions,
    PendingIntentIndex index,
    ConversationSnapshots snapshots,
    InProcessSettler inProcess,
    OutcomeRecorder outcomes,
    IOptions<WrapUpPipelineOptions> options,
    TimeProvider time,
    ILogger<IntentIntake> logger,
    IIntentAttemptJournal journal,
    WrapUpMetrics metrics)
{
    /// <param name="messageBytes">Size of the message body as received (checked against <see cref="IntentValidator.MaxMessageBytes"/>).</param>
    public async Task TakeAsync(WrapUpIntent message, IPublishEndpoint publisher, ISendEndpointProvider sender, CancellationToken cancellationToken,
        long? messageBytes = null)
    {
        var problems = IntentValidator.Validate(message, messageBytes);
        if (problems.Count > 0)
            throw await RejectMalformedAsync(message, problems, publisher, cancellationToken);

        var registration = await store.RegisterAsync(WithCachedCode(ToStored(message), cancellationToken), cancellationToken);
        foreach (var replaced in registration.Replaced)
        {
            index.Remove(replaced.ConversationId, replaced.IntentId);
            metrics.Failed(WrapUpFailureReasons.Superseded);
            await outcomes.PublishFinalAsync(publisher, replaced, cancellationToken);
        }

        var intent = registration.Intent;
        if (intent.IsFinal)
        {
            // A resend of a finished intent: tell the caller again what happened.
            await outcomes.PublishFinalAsync(publisher, intent, cancellationToken);
            return;
        }

        try
        {
            await ProcessAsync(intent, registration, publisher, sender, cancellationToken);
        }
        catch (GenesysApiException refused) when (refused.Kind is GenesysErrorKind.Auth or GenesysErrorKind.Permanent)
        {
            // Retrying cannot help: the OAuth client lacks a permission, or Genesys rejects the request itself.
            var reason = refused.Kind == GenesysErrorKind.Auth ? WrapUpFailureReasons.NotPermitted : WrapUpFailureReasons.RejectedAsMalformed;
            throw await outcomes.FailedAsync(publisher, intent, reason, $"Genesys refused {refused.Method} {refused.Path}: {refused.Message}", null, cancellationToken);
        }
    }

    private async Task ProcessAsync(StoredIntent intent, IntentRegistration registration, IPublishEndpoint publisher, ISendEndpointProvider sender,
        CancellationToken cancellationToken)
    {
        intent = await ResolveCodeAsync(intent, publisher, cancellationToken);
        // The queue and user topics already showed this conversation (the usual case): no read. A failure is never
        // decided from a snapshot that may be stale: it is read again first.
        var snapshot = snapshots.TryGetFresh(intent.ConversationId);
        var conversation = snapshot ?? await ReadConversationAsync(intent, publisher, cancellationToken);
        var (agent, decision) = await ExamineAsync(conversation, intent, cancellationToken);
        if (decision.Kind == WrapUpDecisionKind.Fail && snapshot is not null)
        {
            conversation = await ReadConversationAsync(intent, publisher, cancellationToken);
            (agent, decision) = await ExamineAsync(conversation, intent, cancellationToken);
        }

        if (decision.Kind == WrapUpDecisionKind.Fail)
            throw await outcomes.FailedAsync(publisher, intent, decision.Reason!, decision.Detail!, decision.ParticipantId, cancellationToken);

        await subscriptions.EnsureAsync(TopicsFor(agent), cancellationToken);
        index.Add(intent);
        if (intent.Disconnect && agent is not null && intent.DisconnectedAt is null)
            await DisconnectAsync(intent, agent, cancellationToken);

        await outcomes.AcceptedAsync(publisher, intent, registration.Replaced.Count > 0 ? registration.Replaced[0].IntentId : null, cancellationToken);
        if (decision.Kind == WrapUpDecisionKind.Wait) return;
        // The agent is in ACW already (a late intent): settle now, in process, from what was just seen.
        if (!inProcess.TryStart(intent.IntentId, intent.ConversationId, conversation, SettleTriggers.Intake))
        {
            var endpoint = await sender.GetSendEndpoint(new Uri($"queue:{PipelineQueues.Settle}"));
            await endpoint.Send(new SettleWrapUpIntent { IntentId = intent.IntentId, ConversationId = intent.ConversationId, Trigger = SettleTriggers.Intake },
                cancellationToken);
        }
    }

    /// <summary>The intent's agent, and what to do: a code the agent's queue does not offer fails before anything is disconnected.</summary>
    private async Task<(ConversationParticipant? Agent, WrapUpDecision Decision)> ExamineAsync(Conversation conversation, StoredIntent intent,
        CancellationToken cancellationToken)
    {
        var agent = AgentSelector.Select(conversation, intent);
        if (agent?.QueueId is { } queueId && !await catalogue.IsAllowedForQueueAsync(queueId, intent.CodeId!, cancellationToken))
            return (agent, WrapUpDecision.Fail(WrapUpFailureReasons.InvalidCode,
                $"Wrap-up code {intent.CodeName} ({intent.CodeId}) is not offered by queue {queueId} of conversation {intent.ConversationId}.", agent.Id));
        return (agent, WrapUpEvaluator.Evaluate(conversation, intent));
    }

    private async Task<Exception> RejectMalformedAsync(WrapUpIntent message, IReadOnlyList<string> problems, IPublishEndpoint publisher,
        CancellationToken cancellationToken)
    {
        var detail = "The intent is malformed: " + string.Join("; ", problems) + ".";
        logger.LogWarning("Rejected malformed wrap-up intent {IntentId} for conversation {ConversationId}: {Problems}",
            message.IntentId, message.ConversationId, problems);
        metrics.Failed(WrapUpFailureReasons.RejectedAsMalformed);
        await publisher.Publish(new WrapUpFailed
        {
            IntentId = message.IntentId,
            ConversationId = message.ConversationId ?? "",
            Reason = WrapUpFailureReasons.RejectedAsMalformed,
            Detail = detail,
            FailedAt = time.GetUtcNow(),
        }, cancellationToken);
        return new WrapUpFailedException(message.IntentId, WrapUpFailureReasons.RejectedAsMalformed, detail);
    }

    /// <summary>
    /// A warm catalogue (the usual case) knows the code without a request: it then goes into the registering commit, one
    /// durable write per intent instead of two. Otherwise the intent is stored first and the code resolved after it
    /// (<see cref="ResolveCodeAsync"/>), so a slow or failing catalogue read never delays storing the intent.
    /// </summary>
    private StoredIntent WithCachedCode(StoredIntent intent, CancellationToken cancellationToken)
    {
        var resolving = catalogue.ResolveAsync(intent.RequestedCode, cancellationToken);
        if (!resolving.IsCompleted)
        {
            // The catalogue is being read; ResolveCodeAsync waits for that same read. Nothing else awaits this task.
            _ = resolving.ContinueWith(static t => t.Exception, CancellationToken.None,
                TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            return intent;
        }

        if (resolving.IsFaulted) _ = resolving.Exception;
        return resolving.IsCompletedSuccessfully && resolving.Result is { } code ? intent with { CodeId = code.Id, CodeName = code.Name } : intent;
    }

    private async Task<StoredIntent> ResolveCodeAsync(StoredIntent intent, IPublishEndpoint publisher, CancellationToken cancellationToken)
    {
        if (intent.CodeId is not null) return intent;
        var code = await catalogue.ResolveAsync(intent.RequestedCode, cancellationToken);
        if (code is null)
            throw await outcomes.FailedAsync(publisher, intent, WrapUpFailureReasons.InvalidCode,
                $"The org has no wrap-up code with id or name '{intent.RequestedCode}'.", null, cancellationToken);
        await store.SetResolvedCodeAsync(intent.IntentId, code.Id, code.Name, cancellationToken);
        return intent with { CodeId = code.Id, CodeName = code.Name };
    }

    private async Task<Conversation> ReadConversationAsync(StoredIntent intent, IPublishEndpoint publisher, CancellationToken cancellationToken)
    {
        try
        {
            var conversation = await genesys.GetConversationAsync(intent.ConversationId, GenesysCallPriority.Intake, cancellationToken);
            snapshots.Record(conversation);
            return conversation;
        }
        catch (GenesysApiException missing) when (missing.Kind == GenesysErrorKind.NotFound)
        {
            throw await outcomes.FailedAsync(publisher, intent, WrapUpFailureReasons.ConversationNotFound,
                $"Genesys has no conversation {intent.ConversationId}: {missing.Message}", null, cancellationToken);
        }
    }

    private IEnumerable<string> TopicsFor(ConversationParticipant? agent)
    {
        if (agent?.QueueId is { } queueId) yield return NotificationTopics.QueueConversations(queueId);
        if (options.Value.SubscribeAgentTopics && agent?.UserId is { } userId) yield return NotificationTopics.UserConversations(userId);
    }

    /// <summary>
    /// Disconnects the agent once per intent: the time is stored, so a resent or redelivered intent never sends it again
    /// (Genesys refuses a second one, and the refusal costs a request the applies need).
    /// </summary>
    private async Task DisconnectAsync(StoredIntent intent, ConversationParticipant agent, CancellationToken cancellationToken)
    {
        var communication = AgentSelector.CurrentCommunication(agent);
        if (!string.Equals(communication?.State, "disconnected", StringComparison.OrdinalIgnoreCase))
            await SendDisconnectAsync(intent, agent, cancellationToken);
        await store.MarkDisconnectedAsync(intent.IntentId, time.GetUtcNow(), cancellationToken);
    }

    private async Task SendDisconnectAsync(StoredIntent intent, ConversationParticipant agent, CancellationToken cancellationToken)
    {
        try
        {
            await genesys.DisconnectMessageParticipantAsync(intent.ConversationId, agent.Id!, cancellationToken);
            logger.LogInformation("Disconnected agent participant {ParticipantId} of conversation {ConversationId} for intent {IntentId}",
                agent.Id, intent.ConversationId, intent.IntentId);
            await JournalAsync(IntentAttempt.Ok, null, $"Disconnected agent participant {agent.Id}.");
        }
        catch (GenesysApiException gone) when (gone.Kind is GenesysErrorKind.Conflict or GenesysErrorKind.NotFound)
        {
            // Already disconnected (a redelivery, or the agent was faster): that is what was asked for.
            logger.LogInformation("Agent participant {ParticipantId} of conversation {ConversationId} was already disconnected ({ErrorCode})",
                agent.Id, intent.ConversationId, gone.ErrorCode);
            await JournalAsync(IntentAttempt.Refused, (int?)gone.StatusCode, "Taken as already disconnected: " + gone.Message);
        }
        catch (GenesysApiException failed)
        {
            await JournalAsync(failed.Kind == GenesysErrorKind.Transient ? IntentAttempt.Error : IntentAttempt.Refused, (int?)failed.StatusCode, failed.Message);
            throw;
        }

        Task JournalAsync(string outcome, int? httpStatus, string detail) => journal.TryRecordAsync(new IntentAttempt
        {
            IntentId = intent.IntentId, At = time.GetUtcNow(), Action = IntentAttempt.Disconnect, Outcome = outcome, HttpStatus = httpStatus, Detail = detail,
        }, logger);
    }

    private StoredIntent ToStored(WrapUpIntent message)
    {
        var now = time.GetUtcNow();
        return new StoredIntent
        {
            IntentId = message.IntentId,
            ConversationId = message.ConversationId.Trim(),
            RequestedCode = message.WrapUpCode.Trim(),
            Notes = message.Notes,
            ParticipantId = string.IsNullOrWhiteSpace(message.ParticipantId) ? null : message.ParticipantId,
            UserId = string.IsNullOrWhiteSpace(message.UserId) ? null : message.UserId,
            Disconnect = message.Disconnect,
            RequestedBy = message.RequestedBy,
            Deadline = message.Deadline ?? now + options.Value.DefaultDeadline,
            Status = IntentStatus.Pending,
            ReceivedAt = now,
            UpdatedAt = now,
        };
    }
}
