using EventBridge.Genesys.Simulator.Auth;
using EventBridge.Genesys.Simulator.Control;
using EventBridge.Genesys.Simulator.Conversations;
using EventBridge.Genesys.Simulator.Errors;
using EventBridge.Genesys.Simulator.Notifications;
using EventBridge.Genesys.Simulator.Routing;
using EventBridge.Genesys.Simulator.WrapupCodes;
using Microsoft.AspNetCore.Builder;

namespace EventBridge.Genesys.Simulator.Hosting;

public static class SimulatorApplicationBuilderExtensions
{
    /// <summary>One host serves login (<c>/oauth/token</c>), the API (<c>/api/v2</c>), sockets and <c>/sim</c>.</summary>
    public static WebApplication UseGenesysSimulator(this WebApplication app)
    {
        app.UseWebSockets();
        app.UseMiddleware<ApiPipelineMiddleware>();
        app.UseMiddleware<GenesysErrorMiddleware>();
        OAuthTokenEndpoint.Map(app);
        NotificationEndpoints.Map(app);
        ChannelSocketEndpoint.Map(app);
        ConversationEndpoints.Map(app);
        WrapupCodeEndpoints.Map(app);
        QueueEndpoints.Map(app);
        ControlEndpoints.Map(app);
        // Unknown API paths get a Genesys 404 body rather than an empty one, so clients can classify them.
        app.Map("/api/v2/{**rest}", (string rest) =>
        {
            throw GenesysApiException.NotFound($"No simulated Genesys resource at /api/v2/{rest}.");
        });
        return app;
    }
}
