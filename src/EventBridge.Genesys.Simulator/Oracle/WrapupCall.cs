namespace EventBridge.Genesys.Simulator.Oracle;

/// <summary>
/// One wrap-up call (the communication wrap-up POST, or a PATCH participant carrying <c>wrapup</c> or
/// <c>wrapupSkipped</c>) that reached the simulator, whatever became of it: <see cref="Effect"/> is one of
/// <see cref="WrapupEffects"/>, <see cref="Status"/> what the caller was answered, <see cref="Why"/> the error message
/// of a refusal. <see cref="ArrivedAt"/> is when the call arrived, so two calls racing for one participant keep their
/// order even when the later one is answered first.
/// </summary>
public sealed record WrapupCall(
    string ConversationId,
    string ParticipantId,
    string? CodeId,
    string Via,
    string Effect,
    int Status,
    string? Why,
    DateTimeOffset ArrivedAt);
