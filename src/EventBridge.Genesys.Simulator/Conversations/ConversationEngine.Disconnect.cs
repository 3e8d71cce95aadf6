using System.Runtime.CompilerServices;
using EventBridge.Genesys.Simulator.Errors;

namespace EventBridge.Genesys.Simulator.Conversations;

/// <summary>Disconnects: requested now, completed after <c>DisconnectDelay</c>, which is when ACW starts.</summary>
internal sealed partial class ConversationEngine
{
    /// <summary>PATCH participant <c>{"state":"disconnected"}</c> or the agent hanging up in the UI.</summary>
    public void DisconnectParticipant(string conversationId, string participantId, string disconnectType)
    {
        lock (_gate)
        {
            var c = Require(conversationId);
            var p = RequireParticipant(c, participantId);
            if (!p.IsActive)
                throw NotActive(p);
            ScheduleDisconnect(c, p, disconnectType);
        }
    }

    /// <summary>PATCH conversation <c>{"state":"disconnected"}</c> and DELETE conversation end every participant.</summary>
    public void DisconnectConversation(string conversationId)
    {
        lock (_gate)
        {
            var c = Require(conversationId);
            foreach (var p in c.Participants.Where(p => p.IsActive))
                ScheduleDisconnect(c, p, "endpoint");
        }
    }

    /// <summary>The customer leaves: the customer side ends now, agents follow after the disconnect delay.</summary>
    public void CustomerEnds(string conversationId)
    {
        lock (_gate)
        {
            var c = Require(conversationId);
            if (!c.Customer.IsActive)
                throw NotActive(c.Customer);
            CompleteDisconnect(c, c.Customer, "client");
            foreach (var p in c.Participants.Where(p => p.IsActive))
                ScheduleDisconnect(c, p, "peer");
        }
    }

    private void ScheduleDisconnect(SimConversation c, SimParticipant p, string disconnectType)
    {
        if (p.DisconnectScheduled)
            return;
        p.DisconnectScheduled = true;
        if (options.DisconnectDelay <= TimeSpan.Zero)
        {
            CompleteDisconnect(c, p, disconnectType);
            return;
        }

        // Timers must stay referenced until they fire, or the runtime may collect and cancel them.
        var holder = new StrongBox<ITimer?>();
        _pendingDisconnects.Add(holder);
        holder.Value = time.CreateTimer(_ =>
        {
            lock (_gate)
            {
                _pendingDisconnects.Remove(holder);
                holder.Value?.Dispose();
                CompleteDisconnect(c, p, disconnectType);
            }
        }, null, options.DisconnectDelay, Timeout.InfiniteTimeSpan);
    }

    private void CompleteDisconnect(SimConversation c, SimParticipant p, string disconnectType)
    {
        if (!p.IsActive)
            return;
        var now = time.GetUtcNow();
        p.State = "disconnected";
        p.DisconnectType = disconnectType;
        p.EndTime = now;
        p.DisconnectScheduled = false;
        // Genesys shows the disconnect and the start of ACW in the same snapshot (startAcwTime = end of interaction).
        if (p.IsAgent && p.WrapupRequired && p.WrapupPrompt != "agentRequested")
            StartAcw(p);
        if (c.Participants.All(x => !x.IsActive))
            c.EndTime = now;
        Publish(c);
        if (p.IsAgent)
            events.UserEnd(c, p);
        else if (p.Purpose == "customer")
            events.CustomerEnd(c, p);
    }
}
