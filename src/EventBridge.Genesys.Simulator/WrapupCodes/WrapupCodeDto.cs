using EventBridge.Genesys.Simulator.Organization;
using static EventBridge.Genesys.Simulator.Hosting.SimulatorJson;

namespace EventBridge.Genesys.Simulator.WrapupCodes;

/// <summary>The JS SDK's <c>WrapupCode</c>.</summary>
internal sealed record WrapupCodeDto(string Id, string Name, string? Description, string? DateCreated, string SelfUri)
{
    public static WrapupCodeDto From(SimWrapupCode code) =>
        new(code.Id, code.Name, code.Description, Iso(code.DateCreated), $"/api/v2/routing/wrapupcodes/{code.Id}");
}
