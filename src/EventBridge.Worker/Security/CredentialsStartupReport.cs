namespace EventBridge.Worker.Security;

/// <summary>Says at start-up how people get in (never the secrets), so "everyone gets 401" is never a mystery.</summary>
internal sealed class CredentialsStartupReport(CredentialDirectory credentials, ILogger<CredentialsStartupReport> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (credentials.DemoLoginsEnabled)
            logger.LogWarning("Demo logins are enabled (users {SupportUser} and {ViewerUser}, a demo publisher key; see README). " +
                              "Configure Auth:Users and Auth:ApiKeys for anything but a demo.",
                CredentialDirectory.DemoSupportUser, CredentialDirectory.DemoViewerUser);
        else if (credentials.IsEmpty)
            logger.LogWarning("No Auth:Users or Auth:ApiKeys are configured: the API and the dashboard refuse everyone (401).");
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
