namespace EventBridge.Genesys.Http;

/// <summary>
/// The last look before a call leaves (the innermost handler, after the budget's wait and any retry delay): a call whose
/// <see cref="GenesysCallPriority.SendOnlyWhile"/> says no is not sent. Genesys has no fencing token for a wrap-up, so
/// a worker paused (SIGSTOP, a VM stall, a long GC) while its wrap-up waited for a permit would otherwise send it on
/// waking, after another worker took the expired claim over and applied the code itself.
/// </summary>
internal sealed class SendGuardHandler : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Options.TryGetValue(GenesysCallPriority.RequestOption, out var priority) && priority.SendOnlyWhile is { } stillWanted && !stillWanted())
            throw new CallNoLongerWantedException(
                $"{request.Method} {request.RequestUri?.AbsolutePath} was not sent: what it was made for ran out while it waited (a paused worker's claim).");
        return base.SendAsync(request, cancellationToken);
    }
}

/// <summary>A call <see cref="SendGuardHandler"/> did not send: nothing reached Genesys; the caller re-reads and decides.</summary>
public sealed class CallNoLongerWantedException(string message) : Exception(message);
