namespace EventBridge.Genesys.Simulator.Control;

// Bodies of the /sim control routes (see README). One file: each is a two-line record.

internal sealed record QueueRequest(string Name, string? Id, List<string>? WrapupCodeIds);

internal sealed record UserRequest(string Name, string? Id);

internal sealed record WrapupCodeRequest(string Name, string? Id, List<string>? QueueIds);

internal sealed record CodeIdsRequest(List<string> CodeIds);

internal sealed record ParticipantRequest(string? ParticipantId);

internal sealed record AgentWrapupRequest(string Code, string? ParticipantId, string? Notes);

internal sealed record TransferRequest(string ToUserId);

internal sealed record ScenarioRequest(List<ScenarioStep> Steps);

internal sealed record SeedRequest(int Seed);
