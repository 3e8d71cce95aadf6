using EventBridge.Genesys.Simulator.Conversations;
using EventBridge.Genesys.Simulator.Faults;
using EventBridge.Genesys.Simulator.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace EventBridge.Genesys.Simulator.Control;

/// <summary><c>/sim/...</c>: the control API. No Genesys auth; it is the test's side of the glass.</summary>
internal static class ControlEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        var sim = routes.MapGroup("/sim");

        sim.MapGet("/queues", (SimulatorControl c) => Json(c.Org.Queues));
        sim.MapPost("/queues", async (HttpRequest r, SimulatorControl c) =>
        {
            var body = await RequestBody.ReadAsync<QueueRequest>(r);
            return Json(c.AddQueue(body.Name, body.WrapupCodeIds, body.Id));
        });
        sim.MapPost("/queues/{queueId}/wrapupcodes", async (string queueId, HttpRequest r, SimulatorControl c) =>
        {
            c.Org.AssignWrapupCodes(queueId, (await RequestBody.ReadAsync<CodeIdsRequest>(r)).CodeIds);
            return Json(c.Org.RequireQueue(queueId));
        });
        sim.MapGet("/users", (SimulatorControl c) => Json(c.Org.Users));
        sim.MapPost("/users", async (HttpRequest r, SimulatorControl c) =>
        {
            var body = await RequestBody.ReadAsync<UserRequest>(r);
            return Json(c.AddUser(body.Name, body.Id));
        });
        sim.MapGet("/wrapupcodes", (SimulatorControl c) => Json(c.Org.WrapupCodes));
        sim.MapPost("/wrapupcodes", async (HttpRequest r, SimulatorControl c) =>
        {
            var body = await RequestBody.ReadAsync<WrapupCodeRequest>(r);
            return Json(c.AddWrapupCode(body.Name, body.QueueIds, body.Id));
        });

        MapConversations(sim.MapGroup("/conversations"));
        MapFaults(sim);

        sim.MapGet("/options", (SimulatorControl c) => Json(c.Options));
        sim.MapPut("/options", async (HttpRequest r, SimulatorControl c) =>
        {
            c.UpdateOptions(await RequestBody.ReadAsync<SimulatorRuntimeOptions>(r));
            return Json(c.Options);
        });
        sim.MapPost("/tokens/expire", (SimulatorControl c) => Done(() => c.ExpireAllTokens()));
        sim.MapGet("/oracle", (SimulatorControl c) => Json(c.ReadOracle()));
        sim.MapDelete("/oracle", (SimulatorControl c) => Done(c.Oracle.Clear));
        sim.MapPost("/scenarios", async (HttpRequest r, SimulatorControl c) =>
            Json(await c.RunScenarioAsync((await RequestBody.ReadAsync<ScenarioRequest>(r)).Steps, r.HttpContext.RequestAborted)));
    }

    private static void MapConversations(RouteGroupBuilder conversations)
    {
        conversations.MapGet("", (SimulatorControl c) => Json(c.ConversationIds()));
        conversations.MapPost("", async (HttpRequest r, SimulatorControl c) =>
            Json(c.CreateConversation(await RequestBody.ReadOptionalAsync<CreateConversationRequest>(r))));
        conversations.MapGet("/{id}", (string id, SimulatorControl c) => Json(c.GetConversation(id)));
        conversations.MapPost("/{id}/answer", (string id, HttpRequest r, SimulatorControl c) =>
            WithParticipantAsync(r, p => c.AgentAnswers(id, p)));
        conversations.MapPost("/{id}/customer-ends", (string id, SimulatorControl c) => Done(() => c.CustomerEnds(id)));
        conversations.MapPost("/{id}/agent-disconnects", (string id, HttpRequest r, SimulatorControl c) =>
            WithParticipantAsync(r, p => c.AgentDisconnects(id, p)));
        conversations.MapPost("/{id}/wrapup", async (string id, HttpRequest r, SimulatorControl c) =>
        {
            var body = await RequestBody.ReadAsync<AgentWrapupRequest>(r);
            return Done(() => c.AgentWrapsUp(id, body.Code, body.ParticipantId, body.Notes));
        });
        conversations.MapPost("/{id}/skip-wrapup", (string id, HttpRequest r, SimulatorControl c) =>
            WithParticipantAsync(r, p => c.AgentSkipsWrapup(id, p)));
        conversations.MapPost("/{id}/enter-acw", (string id, HttpRequest r, SimulatorControl c) =>
            WithParticipantAsync(r, p => c.AgentEntersAcw(id, p)));
        conversations.MapPost("/{id}/transfer", async (string id, HttpRequest r, SimulatorControl c) =>
            Json(c.Transfer(id, (await RequestBody.ReadAsync<TransferRequest>(r)).ToUserId)));
    }

    private static void MapFaults(RouteGroupBuilder sim)
    {
        sim.MapGet("/faults", (SimulatorControl c) => Json(new { notifications = c.Faults.Notifications, bursts = c.Faults.PendingBursts() }));
        sim.MapPut("/faults/notifications", async (HttpRequest r, SimulatorControl c) =>
        {
            c.Faults.SetNotificationFaults(await RequestBody.ReadAsync<NotificationFaults>(r));
            return Json(c.Faults.Notifications);
        });
        sim.MapPost("/faults/bursts", async (HttpRequest r, SimulatorControl c) =>
        {
            c.Faults.AddBurst(await RequestBody.ReadAsync<ErrorBurst>(r));
            return Json(c.Faults.PendingBursts());
        });
        sim.MapPost("/faults/hold-wrapups", async (HttpRequest r, SimulatorControl c) =>
        {
            c.Faults.HoldWrapUps(await RequestBody.ReadAsync<WrapUpHold>(r));
            return Json(c.Faults.WrapUpHolds());
        });
        sim.MapGet("/faults/hold-wrapups", (SimulatorControl c) => Json(c.Faults.WrapUpHolds()));
        sim.MapPost("/faults/seed", async (HttpRequest r, SimulatorControl c) =>
        {
            c.Faults.Reseed((await RequestBody.ReadAsync<SeedRequest>(r)).Seed);
            return Results.NoContent();
        });
        sim.MapDelete("/faults", (SimulatorControl c) => Done(c.Faults.Clear));
        sim.MapPost("/faults/close-sockets", (SimulatorControl c) => Json(new { closed = c.CloseAllSockets() }));
        sim.MapPost("/faults/freeze-sockets", (SimulatorControl c) => Json(new { frozen = c.FreezeAllSockets() }));
        sim.MapGet("/channels", (SimulatorControl c) => Json(c.Channels()));
        sim.MapPost("/channels/{id}/expire", (string id, SimulatorControl c) => c.ExpireChannel(id) ? Results.NoContent() : Results.NotFound());
        sim.MapPost("/channels/{id}/evict", (string id, SimulatorControl c) => c.EvictChannel(id) ? Results.NoContent() : Results.NotFound());
        sim.MapPost("/channels/{id}/socket-closing", (string id, SimulatorControl c) =>
            c.CloseSocketPlanned(id) ? Results.NoContent() : Results.NotFound());
        sim.MapPost("/channels/{id}/revoke-token", (string id, SimulatorControl c) =>
            c.RevokeChannelToken(id) ? Results.NoContent() : Results.NotFound());
        sim.MapPost("/channels/{id}/end-subscriptions", (string id, SimulatorControl c) =>
            c.EndSubscriptions(id) ? Results.NoContent() : Results.NotFound());
    }

    private static async Task<IResult> WithParticipantAsync(HttpRequest r, Action<string?> action)
    {
        action((await RequestBody.ReadOptionalAsync<ParticipantRequest>(r))?.ParticipantId);
        return Results.NoContent();
    }

    private static IResult Done(Action action)
    {
        action();
        return Results.NoContent();
    }

    private static IResult Json(object value) => Results.Json(value, SimulatorJson.Options);
}
