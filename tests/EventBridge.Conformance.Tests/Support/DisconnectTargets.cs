namespace EventBridge.Conformance.Tests.Support;

/// <summary>One connected conversation per disconnect call the simulator serves (each can end only once).</summary>
internal sealed record DisconnectTargets(
    ConnectedConversation Conversation,
    ConnectedConversation Participant,
    ConnectedConversation GenericParticipant,
    ConnectedConversation Recovery,
    ConnectedConversation Deleted);
