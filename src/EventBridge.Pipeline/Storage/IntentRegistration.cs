namespace EventBridge.Pipeline.Storage;

/// <summary>What <see cref="IIntentStore.RegisterAsync"/> did.</summary>
/// <param name="Intent">The stored intent (the earlier copy when the id was already known).</param>
/// <param name="IsNew">False when the same intent id was registered before: nothing changed.</param>
/// <param name="Replaced">Older pending intents for the same conversation and target that this one superseded (now failed).</param>
public sealed record IntentRegistration(StoredIntent Intent, bool IsNew, IReadOnlyList<StoredIntent> Replaced);
