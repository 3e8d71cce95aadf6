using System.Collections.Concurrent;
using System.Reflection;
using MassTransit;

namespace EventBridge.Pipeline.Tests.Listening;

/// <summary>Stands in for the bus: every message sent through any endpoint is kept, in order, instead of delivered.</summary>
public sealed class RecordingSendEndpoint : ISendEndpointProvider
{
    private readonly ISendEndpoint _endpoint;

    public RecordingSendEndpoint()
    {
        _endpoint = DispatchProxy.Create<ISendEndpoint, Recorder>();
        ((Recorder)(object)_endpoint).Sent = Sent;
    }

    public ConcurrentQueue<object> Sent { get; } = new();

    public Task<ISendEndpoint> GetSendEndpoint(Uri address) => Task.FromResult(_endpoint);

    public ConnectHandle ConnectSendObserver(ISendObserver observer) => throw new NotSupportedException("No observers in these tests.");

    /// <summary>Any Send overload: the message is the first argument.</summary>
    public class Recorder : DispatchProxy
    {
        public ConcurrentQueue<object> Sent { get; set; } = null!;

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            if (targetMethod?.Name != nameof(ISendEndpoint.Send) || args is not [{ } message, ..])
                throw new NotSupportedException($"{targetMethod?.Name} is not recorded.");
            Sent.Enqueue(message);
            return Task.CompletedTask;
        }
    }
}
