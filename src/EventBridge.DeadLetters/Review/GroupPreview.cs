namespace EventBridge.DeadLetters.Review;

/// <summary>How many Open letters a group retry of <see cref="Reason"/> would send again; pass it back as expectedCount.</summary>
public sealed record GroupPreview(string Reason, int Matching);
