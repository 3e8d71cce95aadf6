using System.Net;
using EventBridge.Genesys;
using EventBridge.Genesys.Auth;
using EventBridge.Genesys.Http;

namespace EventBridge.Doctor;

/// <summary>
/// Checks, against the configured org and before the first real conversation, what would otherwise surface as failed
/// wrap-ups: the login, the permissions the worker needs, the queues and their codes, the channel and request
/// budgets, and which of the two wrap-up calls this org allows a client-credentials token — an unsettled fact in
/// Genesys's documentation, settled here per org. Probes use ids that cannot exist, so nothing real is touched: Genesys
/// checks permissions before it looks an id up, so 401/403 means "not allowed" and 404 means "allowed". One instance
/// serves one run (it collects that run's findings): resolve it transient.
/// </summary>
public sealed partial class OrgDoctor(GenesysApiClient genesys, GenesysTokenProvider tokens, RateBudgetState budget)
{
    private readonly List<DoctorFinding> _findings = [];

    public async Task<DoctorReport> RunAsync(DoctorSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _findings.Clear();
        _queueCodes.Clear();
        var callsBefore = budget.GetSnapshot().Requests;
        var loginsBefore = tokens.Current?.Refreshes ?? 0;
        if (await LoginAsync(cancellationToken))
        {
            await CheckConversationReadAsync(cancellationToken);
            CheckRateLimit(settings);
            await CheckChannelsHeldAsync(settings, cancellationToken);
            var queues = await CheckQueuesAsync(settings, cancellationToken);
            await CheckQueueTopicsAsync(queues, cancellationToken);
            var codeId = await CheckCodesAsync(settings, queues, cancellationToken);
            await CheckWrapupCallsAsync(settings, codeId, cancellationToken);
        }

        return new DoctorReport([.. _findings], CallsSince(callsBefore, loginsBefore));
    }

    /// <summary>
    /// API calls pass the request budget; logins do not. After the first login, each further one answers a 401 (a call
    /// that needs a user context), and the token handler resends that call once outside the budget: count both.
    /// </summary>
    private int CallsSince(long requestsBefore, long loginsBefore)
    {
        var logins = Math.Max(1, (tokens.Current?.Refreshes ?? 0) - loginsBefore);
        return (int)(budget.GetSnapshot().Requests - requestsBefore + logins + (logins - 1));
    }

    private void Add(DoctorFinding finding) => _findings.Add(finding);

    /// <summary>A fresh id per probe: no conversation, participant or communication can have it.</summary>
    private static string ProbeId() => Guid.NewGuid().ToString();

    private static bool IsRefusal(GenesysApiException e) => e.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden;

    /// <summary>"403 missing.permissions: …" — Genesys's own words, for the operator to search or quote.</summary>
    private static string Answer(GenesysApiException e) =>
        e.StatusCode is { } status
            ? $"{(int)status}{(e.ErrorCode is { Length: > 0 } code ? " " + code : "")}{(e.ErrorBody?.Message is { Length: > 0 } message ? ": " + message : "")}"
            : "no answer (network error or timeout)";

    private async Task<bool> LoginAsync(CancellationToken cancellationToken)
    {
        try
        {
            await tokens.GetAccessTokenAsync(cancellationToken);
        }
        catch (GenesysApiException e)
        {
            Add(DoctorFinding.Fail("login", $"Genesys refused the login: {Answer(e)}",
                e.StatusCode is null
                    ? "Check Genesys:Region (or Genesys:ApiBaseUrl/LoginBaseUrl) and that this machine reaches the login host."
                    : "Check Genesys:ClientId and Genesys:ClientSecret, and that the OAuth client uses the Client Credentials grant."));
            return false;
        }

        var token = tokens.Current;
        var lifetime = token is null ? TimeSpan.Zero : token.ExpiresAt - token.AcquiredAt;
        Add(DoctorFinding.Pass("login", $"token issued; it lives {Describe(lifetime)} and the worker renews it before then"));
        return true;
    }

    private async Task CheckConversationReadAsync(CancellationToken cancellationToken)
    {
        const string check = "read conversations";
        try
        {
            await genesys.GetConversationAsync(ProbeId(), GenesysCallPriority.Intake, cancellationToken);
            Add(DoctorFinding.Warn(check, "Genesys answered a conversation id that cannot exist", "Report this to EventBridge's maintainers."));
        }
        catch (GenesysApiException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            Add(DoctorFinding.Pass(check, "allowed (404 for an id that cannot exist)"));
        }
        catch (GenesysApiException e) when (IsRefusal(e))
        {
            Add(DoctorFinding.Fail(check, $"refused: {Answer(e)}",
                "Give the OAuth client's role Conversation > Communication > View: intake and reconciliation read conversations."));
        }
        catch (GenesysApiException e)
        {
            Add(DoctorFinding.Warn(check, $"unclear: Genesys answered {Answer(e)}", "Run doctor again; if it persists, quote the answer to Genesys support."));
        }
    }

    private void CheckRateLimit(DoctorSettings settings)
    {
        const string check = "request budget";
        var allowed = budget.GetSnapshot().ServerAllowed;
        if (allowed is null)
            Add(DoctorFinding.Warn(check, $"Genesys sent no inin-ratelimit-allowed; the worker keeps its own {settings.RequestsPerMinute}/min",
                "Nothing to do unless Genesys answers 429: then lower Genesys:RequestsPerMinute."));
        else if (allowed < settings.RequestsPerMinute)
            Add(DoctorFinding.Warn(check, $"Genesys allows {allowed} requests/min per token, below Genesys:RequestsPerMinute {settings.RequestsPerMinute}",
                $"Set Genesys:RequestsPerMinute to {allowed * 4 / 5} (a fifth below the limit), or Genesys answers 429 under load."));
        else
            Add(DoctorFinding.Pass(check, $"Genesys allows {allowed} requests/min per token; the worker spends at most {settings.RequestsPerMinute}"));
    }

    private static string Describe(TimeSpan span) =>
        span.TotalHours >= 1 ? $"{span.TotalHours:0.#} h" : span.TotalMinutes >= 1 ? $"{span.TotalMinutes:0} min" : $"{span.TotalSeconds:0} s";
}
