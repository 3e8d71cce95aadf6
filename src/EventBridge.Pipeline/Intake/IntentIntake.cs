using EventBridge.Contracts;
using EventBridge.Genesys;
using EventBridge.Genesys.Http;
using EventBridge.Genesys.Models;
using EventBridge.Genesys.Notifications;
using EventBridge.Pipeline.Applying;
using EventBridge.Pipeline.Cluster;
using EventBridge.Pipeline.Disconnecting;
using EventBridge.Pipeline.Listening;
using EventBridge.Pipeline.Matching;
using EventBridge.Pipeline.Outcomes;
using EventBridge.Pipeline.Storage;
using EventBridge.Pipeline.Subscriptions;
using MassTransit;
using Microsoft.Extensions.Options;

namespace EventBridge.Pipeline.Intake;

/// <summary>
/// Takes an intent in: validate, store durably (before the message is acknowledged), resolve the code, read the
/// conversation, make sure notifications cover it, and only then ask for the agent's disconnect when wanted. Every step is
/// idempotent, so a redelivered intent resumes where a crash left it.
/// </summary>
public sealed class IntentIntake(
    IIntentStore store,
    WrapUpCodeCatalogue catalogue,
    ConversationReads reads,
    IntentListening listening,
    ConversationSnapshots snapshots,
    SettleInbox inProcess,
    IntentOutcomes outcomes,
    IOptions<WrapUpPipelineOptions> options,
    TimeProvider time)
{
    private static readonly Uri DisconnectQueue = new($"queue:{PipelineQueues.Disconnect}");

    /// <summary>Null when the intent was taken in (or was final already without failing); else its failure, for the dead-letter review.</summary>
    /// <param name="messageBytes">Size of the message body as received (checked against <see cref="IntentValidator.MaxMessageBytes"/>).</param>
    /// <param name="redelivered">The broker delivers this message again: a failure stored by the attempt that died is reported again.</param>
    public async Task<FailedIntent?> TakeAsync(WrapUpIntent message, IPublishEndpoint publisher, ISendEndpointProvider sender, long? messageBytes,
        bool redelivered, CancellationToken cancellationToken)
    {
        var problems = IntentValidator.Validate(message, messageBytes);
        if (problems.Count > 0) return await outcomes.RejectMalformedAsync(publisher, message, problems, cancellationToken);
        // Checked before the store: a late copy must neither supersede a live intent for the conversation nor make
        // EventBridge read, disconnect or wrap up anything. A redelivery of an intent already stored is not late: the
        // store and the sweeper decide what became of it.
        if (message.Deadline is { } deadline && deadline <= time.GetUtcNow() && await store.FindAsync(message.IntentId, cancellationToken) is null)
            return await outcomes.RejectUnstoredAsync(publisher, message, WrapUpFailureReasons.Expired,
                $"The deadline {deadline:O} had passed when the intent arrived; nothing was sent to Genesys.", cancellationToken);

        var registration = await store.RegisterAsync(WithCachedCode(ToStored(message), cancellationToken), cancellationToken);
        foreach (var replaced in registration.Replaced) await outcomes.SupersededAsync(publisher, replaced, cancellationToken);

        var intent = registration.Intent;
        // The same id for another request is a publisher bug; taking the stored intent instead would tell this caller
        // about another conversation's wrap-up.
        if (!registration.IsNew && !intent.AsksTheSameAs(message))
            return await outcomes.RejectUnstoredAsync(publisher, message, WrapUpFailureReasons.RejectedAsMalformed, ReusedIdDetail(intent), cancellationToken);

        if (intent.IsFinal)
        {
            // A resend of a finished intent: tell the caller again what happened (its letter exists already, unless the
            // attempt that failed it died before the letter was sent).
            await outcomes.PublishFinalAsync(publisher, intent, cancellationToken);
            return redelivered ? IntentOutcomes.FailedOf(intent) : null;
        }

        IntentFailure? failure;
        try
        {
            failure = await ProcessAsync(intent, registration, publisher, sender, cancellationToken);
        }
        catch (GenesysApiException refused) when (refused.Kind is GenesysErrorKind.Auth or GenesysErrorKind.Permanent)
        {
            failure = IntentFailure.RefusedBy(refused);
        }

        return failure is null ? null : await outcomes.FailAsync(publisher, intent, failure, cancellationToken);
    }

    private async Task<IntentFailure?> ProcessAsync(StoredIntent intent, IntentRegistration registration, IPublishEndpoint publisher,
        ISendEndpointProvider sender, CancellationToken cancellationToken)
    {
        if (await ResolveCodeAsync(intent, cancellationToken) is not { } resolved)
            return new IntentFailure(WrapUpFailureReasons.InvalidCode, $"The org has no wrap-up code with id or name '{intent.RequestedCode}'.");
        intent = resolved;

        // The queue and user topics already showed this conversation (the usual case): no read — in a cluster the
        // listener's snapshot, asked for through the store. A failure is never decided from a snapshot that may be
        // stale: it is read again first.
        var snapshot = await listening.FreshSnapshotAsync(intent, cancellationToken);
        var conversation = snapshot ?? await ReadConversationAsync(intent, cancellationToken);
        if (conversation is null) return NotFound(intent);
        var (agent, decision) = await ExamineAsync(conversation, intent, cancellationToken);
        if (decision.Kind == WrapUpDecisionKind.Fail && snapshot is not null)
        {
            conversation = await ReadConversationAsync(intent, cancellationToken);
            if (conversation is null) return NotFound(intent);
            (agent, decision) = await ExamineAsync(conversation, intent, cancellationToken);
        }

        if (decision.Kind == WrapUpDecisionKind.Fail) return new IntentFailure(decision.Reason!, decision.Detail!, decision.ParticipantId, decision.QueueId);

        await listening.ListenAsync(intent, [.. TopicsFor(agent)], cancellationToken);
        if (intent.Disconnect && agent?.Id is not null && intent.DisconnectedAt is null)
            await RequestDisconnectAsync(intent, agent, sender, cancellationToken);

        await outcomes.AcceptedAsync(publisher, intent, registration.Replaced.Count > 0 ? registration.Replaced[0].IntentId : null, cancellationToken);
        // An event that came after the conversation was examined but before the intent was indexed found no intent
        // to settle (the gateway often ends the conversation as it publishes); the snapshot it left decides instead.
        if (decision.Kind == WrapUpDecisionKind.Wait && snapshots.TryGetFresh(intent.ConversationId) is { } latest && !ReferenceEquals(latest, conversation))
            (conversation, decision) = (latest, WrapUpEvaluator.Evaluate(latest, intent));
        if (decision.Kind == WrapUpDecisionKind.Wait) return null;

        // The agent is in ACW already (a late intent): settle now, in process, from what was just seen.
        if (!inProcess.TryStart(intent.IntentId, intent.ConversationId, conversation, SettleTriggers.Intake))
        {
            var endpoint = await sender.GetSendEndpoint(new Uri($"queue:{PipelineQueues.Settle}"));
            await endpoint.Send(new SettleWrapUpIntent { IntentId = intent.IntentId, ConversationId = intent.ConversationId, Trigger = SettleTriggers.Intake },
                cancellationToken);
        }

        return null;
    }

    /// <summary>Says which intent holds the id, so the publisher can find its bug; the HTTP API answers 409 with the same words.</summary>
    public static string ReusedIdDetail(StoredIntent holder) =>
        $"The intent is malformed: intentId {holder.IntentId} is already taken by an intent received {holder.ReceivedAt:O} for conversation " +
        $"{holder.ConversationId} with code '{holder.RequestedCode}'. An intent id names one intent; send this one with a fresh id.";

    private static IntentFailure NotFound(StoredIntent intent) =>
        new(WrapUpFailureReasons.ConversationNotFound, $"Genesys answered 404 Not Found for conversation {intent.ConversationId}.");

    /// <summary>The intent's agent, and what to do: a code the agent's queue does not offer fails before anything is disconnected.</summary>
    private async Task<(ConversationParticipant? Agent, WrapUpDecision Decision)> ExamineAsync(Conversation conversation, StoredIntent intent,
        CancellationToken cancellationToken)
    {
        var agent = AgentSelector.Select(conversation, intent);
        if (agent?.QueueId is { } queueId && !await catalogue.IsAllowedForQueueAsync(queueId, intent.CodeId!, cancellationToken))
            return (agent, WrapUpDecision.Fail(WrapUpFailureReasons.InvalidCode,
                $"Wrap-up code {intent.CodeName} ({intent.CodeId}) is not offered by queue {queueId} of conversation {intent.ConversationId}.", agent.Id)
                with { QueueId = queueId });
        return (agent, WrapUpEvaluator.Evaluate(conversation, intent));
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

    /// <summary>The intent with its code resolved, or null when the org has no such code.</summary>
    private async Task<StoredIntent?> ResolveCodeAsync(StoredIntent intent, CancellationToken cancellationToken)
    {
        if (intent.CodeId is not null) return intent;
        var code = await catalogue.ResolveAsync(intent.RequestedCode, cancellationToken);
        if (code is null) return null;
        await store.SetResolvedCodeAsync(intent.IntentId, code.Id, code.Name, cancellationToken);
        return intent with { CodeId = code.Id, CodeName = code.Name };
    }

    /// <summary>Reads the conversation and keeps it as the latest snapshot; null when Genesys has no such conversation.</summary>
    private async Task<Conversation?> ReadConversationAsync(StoredIntent intent, CancellationToken cancellationToken)
    {
        try
        {
            return await reads.ReadAsync(intent.IntentId, intent.ConversationId, GenesysCallPriority.Intake, cancellationToken);
        }
        catch (GenesysApiException missing) when (missing.Kind == GenesysErrorKind.NotFound)
        {
            return null;
        }
    }

    private IEnumerable<string> TopicsFor(ConversationParticipant? agent)
    {
        if (agent?.QueueId is { } queueId) yield return NotificationTopics.QueueConversations(queueId);
        if (options.Value.SubscribeAgentTopics && agent?.UserId is { } userId) yield return NotificationTopics.UserConversations(userId);
    }

    /// <summary>
    /// Asks for the disconnect on its own queue instead of waiting here for the request budget: an intake slot held by a
    /// disconnect would stall intents whose agents are already in after-call work. Topics are subscribed by now, so the
    /// after-call-work event the disconnect causes is seen.
    /// </summary>
    private async Task RequestDisconnectAsync(StoredIntent intent, ConversationParticipant agent, ISendEndpointProvider sender,
        CancellationToken cancellationToken)
    {
        if (AgentSelector.IsDisconnected(agent))
        {
            await store.MarkDisconnectedAsync(intent.IntentId, time.GetUtcNow(), cancellationToken);
            return;
        }

        var endpoint = await sender.GetSendEndpoint(DisconnectQueue);
        await endpoint.Send(new DisconnectAgent { IntentId = intent.IntentId, ConversationId = intent.ConversationId, ParticipantId = agent.Id! },
            cancellationToken);
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
