using EventBridge.Genesys;
using EventBridge.Genesys.Models;
using Microsoft.Extensions.Options;

namespace EventBridge.Pipeline.Listening;

/// <summary>
/// The notification channel and its topics. Topics are only ever added here (resilience, sharding and renewal
/// build on this); refused topics are kept and logged, never silently ignored.
/// </summary>
public sealed class TopicSubscriptions(GenesysApiClient genesys, IOptions<WrapUpPipelineOptions> options, ILogger<TopicSubscriptions> logger) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly HashSet<string> _topics = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _rejected = new(StringComparer.Ordinal);
    private Channel? _channel;

    public Channel? Channel => _channel;

    public IReadOnlyCollection<string> Topics { get { lock (_topics) return [.. _topics]; } }

    public IReadOnlyDictionary<string, string> Rejected { get { lock (_topics) return new Dictionary<string, string>(_rejected); } }

    public void Dispose() => _gate.Dispose();

    /// <summary>Creates the channel if there is none yet; returns it.</summary>
    public async Task<Channel> OpenAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return _channel ??= await genesys.CreateChannelAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Adds the topics not yet subscribed (or refused). True when every requested topic is covered.</summary>
    public async Task<bool> EnsureAsync(IEnumerable<string> topics, CancellationToken cancellationToken)
    {
        await OpenAsync(cancellationToken);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            List<string> missing;
            lock (_topics) missing = topics.Distinct().Where(t => !_topics.Contains(t) && !_rejected.ContainsKey(t)).ToList();
            if (missing.Count == 0) return true;

            var room = options.Value.MaxTopicsPerChannel - _topics.Count;
            if (missing.Count > room)
            {
                logger.LogWarning("Channel {ChannelId} is at its topic limit ({MaxTopics}); {SkippedTopicCount} topics not subscribed, their intents rely on REST reads",
                    _channel!.Id, options.Value.MaxTopicsPerChannel, missing.Count - room);
                missing = missing.Take(Math.Max(0, room)).ToList();
                if (missing.Count == 0) return false;
            }

            var answer = await genesys.AddSubscriptionsAsync(_channel!.Id!, missing, ignoreErrors: true, cancellationToken);
            lock (_topics)
            {
                foreach (var topic in answer.Entities ?? [])
                {
                    if (topic.Id is null) continue;
                    if (topic.IsRejected)
                    {
                        _rejected[topic.Id] = topic.RejectionReason ?? "rejected";
                        logger.LogWarning("Genesys refused topic {Topic}: {RejectionReason} (missing permissions: {MissingPermissions})",
                            topic.Id, topic.RejectionReason, topic.MissingPermissions);
                    }
                    else
                    {
                        _topics.Add(topic.Id);
                    }
                }

                return missing.All(_topics.Contains);
            }
        }
        finally
        {
            _gate.Release();
        }
    }
}
