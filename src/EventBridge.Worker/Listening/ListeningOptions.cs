namespace EventBridge.Worker.Listening;

public sealed class ListeningOptions
{
    public const string Section = "Listening";

    /// <summary>
    /// Queues whose generic conversation topic is subscribed (it carries the communication id the wrap-up call
    /// needs). Empty with the embedded simulator means its demo queue.
    /// </summary>
    public List<string> QueueIds { get; set; } = [];
}
