using System.Net;
using EventBridge.Genesys.Http;
using EventBridge.Genesys.Models;

namespace EventBridge.Doctor;

public sealed partial class OrgDoctor
{
    /// <summary>Each queue that exists, by name, with the codes it offers.</summary>
    private readonly Dictionary<string, List<WrapupCode>> _queueCodes = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Each configured queue must exist; returns those that do, by id and name.</summary>
    private async Task<IReadOnlyList<RoutingQueue>> CheckQueuesAsync(DoctorSettings settings, CancellationToken cancellationToken)
    {
        const string check = "queues";
        if (settings.QueueIds.Count == 0)
        {
            Add(DoctorFinding.Warn(check, "WrapUp:QueueIds is empty: the worker hears only the agents of intents it holds",
                "List the queues whose conversations EventBridge wraps up (the id is in the queue's URL in Admin > Queues)."));
            return [];
        }

        var found = new List<RoutingQueue>();
        foreach (var queueId in settings.QueueIds)
        {
            try
            {
                var queue = await genesys.GetQueueAsync(queueId, cancellationToken);
                Add(DoctorFinding.Pass(check, $"{queue.Name} ({queueId}){Acw(queue.AcwSettings)}"));
                found.Add(queue with { Id = queueId, Name = queue.Name ?? queueId });
            }
            catch (GenesysApiException e) when (e.StatusCode == HttpStatusCode.NotFound)
            {
                Add(DoctorFinding.Fail(check, $"no queue {queueId} in this org", "Correct WrapUp:QueueIds: copy the id from the queue's URL in Admin > Queues."));
            }
            catch (GenesysApiException e)
            {
                Add(DoctorFinding.Fail(check, $"queue {queueId} could not be read: {Answer(e)}",
                    IsRefusal(e) ? "Give the OAuth client's role Routing > Queue > View." : "Try again; if it persists, quote the contextId to Genesys support."));
            }
        }

        return found;
    }

    /// <summary>The clock an apply must beat: a time-boxed ACW ends with Genesys's own timeout code.</summary>
    private static string Acw(AcwSettings? acw) => acw switch
    {
        { WrapupPrompt: "timeout" or "forcedTimeout", TimeoutMs: { } ms } => $"; ACW {acw.WrapupPrompt}, ends after {ms / 1000.0:0.#} s",
        { WrapupPrompt: { } prompt } => $"; ACW {prompt}",
        _ => "",
    };

    /// <summary>
    /// Lists what each queue offers, and checks the codes the gateway will send (given on the command line) resolve and
    /// are offered by every queue. Returns a real code id for the wrap-up probes, so only permission can refuse them.
    /// </summary>
    private async Task<string> CheckCodesAsync(DoctorSettings settings, IReadOnlyList<RoutingQueue> queues, CancellationToken cancellationToken)
    {
        const string check = "wrap-up codes";
        foreach (var queue in queues)
        {
            try
            {
                var codes = new List<WrapupCode>();
                await foreach (var code in genesys.GetAllQueueWrapupCodesAsync(queue.Id!, cancellationToken)) codes.Add(code);
                _queueCodes[queue.Name!] = codes;
                Add(codes.Count == 0
                    ? DoctorFinding.Fail(check, $"{queue.Name} offers no wrap-up code", "Assign the queue its wrap-up codes in Admin > Queues > Wrap-up Codes.")
                    : DoctorFinding.Pass(check, $"{queue.Name} offers {codes.Count}: {Names(codes)}"));
            }
            catch (GenesysApiException e)
            {
                Add(DoctorFinding.Fail(check, $"the codes of {queue.Name} could not be read: {Answer(e)}", "Give the OAuth client's role Routing > Wrap-up Code > View."));
            }
        }

        string? probeCode = _queueCodes.Values.SelectMany(q => q).Select(c => c.Id).FirstOrDefault(id => id is not null);
        foreach (var wanted in settings.Codes)
        {
            var code = await ResolveAsync(wanted, cancellationToken);
            if (code?.Id is null)
            {
                Add(DoctorFinding.Fail(check, $"no wrap-up code named {wanted}", "Create it in Admin > Wrap-up Codes, or send a code that exists."));
                continue;
            }

            probeCode ??= code.Id;
            var missingFrom = _queueCodes.Where(q => !q.Value.Any(c => c.Id == code.Id)).Select(q => q.Key).ToList();
            Add(missingFrom.Count == 0
                ? DoctorFinding.Pass(check, $"{wanted} is {code.Name} ({code.Id}), offered by every configured queue")
                : DoctorFinding.Warn(check, $"{wanted} is {code.Name} ({code.Id}) but {string.Join(", ", missingFrom)} does not offer it",
                    "Genesys refuses a code the participant's queue lacks (400): assign it to the queue, or do not send it there."));
        }

        return probeCode ?? ProbeId();
    }

    private async Task<WrapupCode?> ResolveAsync(string idOrName, CancellationToken cancellationToken)
    {
        var offered = _queueCodes.Values.SelectMany(q => q)
            .FirstOrDefault(c => string.Equals(c.Id, idOrName, StringComparison.OrdinalIgnoreCase) || string.Equals(c.Name, idOrName, StringComparison.OrdinalIgnoreCase));
        if (offered is not null) return offered;
        try
        {
            return await genesys.FindWrapupCodeByNameAsync(idOrName, cancellationToken);
        }
        catch (GenesysApiException)
        {
            return null;
        }
    }

    private static string Names(List<WrapupCode> codes)
    {
        const int shown = 8;
        var names = string.Join(", ", codes.Take(shown).Select(c => c.Name));
        return codes.Count > shown ? $"{names} and {codes.Count - shown} more" : names;
    }
}
