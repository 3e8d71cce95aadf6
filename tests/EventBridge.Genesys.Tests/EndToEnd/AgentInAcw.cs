using EventBridge.Genesys.Models;

namespace EventBridge.Genesys.Tests.EndToEnd;

/// <summary>The ids a wrap-up call needs, read from a generic-topic snapshot in which an agent is in ACW.</summary>
internal sealed record AgentInAcw(string ConversationId, string ParticipantId, string CommunicationId)
{
    /// <summary>The agent whose communication says <c>afterCallWork.state == "pending"</c>, or null.</summary>
    public static AgentInAcw? From(NotificationEnvelope envelope)
    {
        var conversation = envelope.ParseConversation();
        foreach (var participant in conversation?.Participants ?? [])
        {
            if (participant.Purpose != "agent")
                continue;
            var communication = participant.Messages?.FirstOrDefault(m => m.AfterCallWork?.State == "pending");
            if (communication is not null)
                return new AgentInAcw(conversation!.Id!, participant.Id!, communication.Id!);
        }

        return null;
    }
}
