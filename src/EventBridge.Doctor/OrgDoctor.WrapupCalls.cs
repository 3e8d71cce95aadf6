using System.Net;
using EventBridge.Contracts;
using EventBridge.Genesys.Http;
using EventBridge.Genesys.Models;

namespace EventBridge.Doctor;

public sealed partial class OrgDoctor
{
    private enum CallAnswer { Allowed, Refused, Unclear }

    /// <summary>
    /// Whether a client-credentials token may apply wrap-up, and by which call, is unsettled in Genesys's documentation
    /// (the first user's org answers 401 to the per-communication call). Both calls are sent for ids that cannot exist.
    /// </summary>
    private async Task CheckWrapupCallsAsync(DoctorSettings settings, string codeId, CancellationToken cancellationToken)
    {
        const string check = "wrap-up call";
        var wrapup = new WrapupInput { Code = codeId };
        var (communication, communicationSaid) = await ProbeAsync(() =>
            genesys.ApplyCommunicationWrapupAsync(ProbeId(), ProbeId(), ProbeId(), wrapup, cancellationToken));
        var (patch, patchSaid) = await ProbeAsync(() =>
            genesys.ApplyWrapupByParticipantPatchAsync(ProbeId(), ProbeId(), wrapup, cancellationToken));
        var found = $"{WrapUpCalls.CommunicationWrapup} {communicationSaid}; {WrapUpCalls.ParticipantPatch} {patchSaid}";

        var preferredAllowed = settings.PreferredCall == WrapUpCalls.ParticipantPatch ? patch : communication;
        var other = settings.PreferredCall == WrapUpCalls.ParticipantPatch ? WrapUpCalls.CommunicationWrapup : WrapUpCalls.ParticipantPatch;
        var otherAllowed = settings.PreferredCall == WrapUpCalls.ParticipantPatch ? communication : patch;
        if (preferredAllowed == CallAnswer.Allowed)
            Add(DoctorFinding.Pass(check, $"{found}; the worker uses {settings.PreferredCall} (WrapUp:PreferredCall)"));
        else if (otherAllowed == CallAnswer.Allowed)
            Add(DoctorFinding.Warn(check, $"{found}; WrapUp:PreferredCall is {settings.PreferredCall}",
                $"Set WrapUp:PreferredCall to {other}: otherwise each worker start spends one refused call before it falls back."));
        else if (communication == CallAnswer.Refused && patch == CallAnswer.Refused)
            Add(DoctorFinding.Fail(check, found,
                "This OAuth client may apply wrap-up by neither call: give its role the conversation wrap-up and participant edit permissions the API explorer lists for both calls."));
        else
            Add(DoctorFinding.Warn(check, found, "Genesys answered neither 404 nor a refusal; run doctor again, and quote the answers to Genesys support if it persists."));
    }

    /// <summary>404: the permission check passed and the made-up conversation was not found. 401/403: refused.</summary>
    private static async Task<(CallAnswer Answer, string Said)> ProbeAsync(Func<Task> call)
    {
        try
        {
            await call();
            return (CallAnswer.Unclear, "accepted an id that cannot exist");
        }
        catch (GenesysApiException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return (CallAnswer.Allowed, "allowed");
        }
        catch (GenesysApiException e) when (IsRefusal(e))
        {
            return (CallAnswer.Refused, $"refused ({Answer(e)})");
        }
        catch (GenesysApiException e)
        {
            return (CallAnswer.Unclear, $"unclear ({Answer(e)})");
        }
    }
}
