using System.Globalization;
using System.Net.Mime;
using MassTransit;
using MassTransit.Serialization;

namespace EventBridge.Pipeline.Outcomes;

/// <summary>
/// Puts the message of a failed intent into its endpoint's <c>_error</c> queue, body unchanged (a Node gateway's raw
/// JSON stays raw), with the decided reason in <see cref="PipelineHeaders"/>; then the consumer returns and the
/// message is acknowledged. Support reviews it like any other dead letter; no exception, stack trace or retry.
/// </summary>
public static class DecidedFailureLetters
{
    private static readonly ContentType Json = new("application/json");

    public static async Task ForwardAsync<T>(ConsumeContext<T> context, FailedIntent failed) where T : class
    {
        var errorQueue = new Uri($"queue:{QueueName(context.ReceiveContext.InputAddress)}_error");
        var endpoint = await context.GetSendEndpoint(errorQueue);
        var received = context.ReceiveContext;
        await endpoint.Send(context.Message, send =>
        {
            send.Serializer = new CopyBodySerializer(received.ContentType ?? Json, received.Body);
            if (context.MessageId is { } messageId) send.MessageId = messageId;
            send.Headers.Set(PipelineHeaders.FailureReason, failed.Reason);
            send.Headers.Set(PipelineHeaders.FailureDetail, failed.Detail);
            send.Headers.Set(PipelineHeaders.FailedAt, failed.FailedAt.ToString("O", CultureInfo.InvariantCulture));
        }, context.CancellationToken);
    }

    private static string QueueName(Uri inputAddress) => inputAddress.AbsolutePath.TrimEnd('/').Split('/')[^1];
}
