namespace EventBridge.Pipeline.Subscriptions;

/// <summary>Debounced bulk subscription: requests of one window are merged, spread over channels, sent once per channel.</summary>
public sealed partial class ChannelPool
{
    private async Task RunBatchesAsync(CancellationToken stoppingToken)
    {
        var reader = _requests.Reader;
        try
        {
            while (await reader.WaitToReadAsync(stoppingToken))
            {
                // Intake bursts (a queue's worth of intents after a restart) would otherwise cost a call each and eat
                // the 300 requests/minute the wrap-ups need.
                if (_options.DebounceWindow > TimeSpan.Zero)
                    await Task.Delay(_options.DebounceWindow, time, stoppingToken);
                var batch = new List<PendingSubscription>();
                while (reader.TryRead(out var pending)) batch.Add(pending);
                await ApplyAsync(batch, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host stopping.
        }
        finally
        {
            while (reader.TryRead(out var pending)) pending.Completion.TrySetCanceled(stoppingToken);
        }
    }

    private async Task ApplyAsync(List<PendingSubscription> batch, CancellationToken stoppingToken)
    {
        var plan = Plan(batch);
        var failures = new Dictionary<string, Exception>(Topics);
        await Task.WhenAll(plan.Select(async assignment =>
        {
            try
            {
                await assignment.Key.AddAsync(assignment.Value, stoppingToken);
            }
            catch (Exception failed)
            {
                lock (failures)
                    foreach (var topic in assignment.Value) failures[topic] = failed;
            }
        }));

        foreach (var pending in batch)
        {
            if (pending.Topics.Select(t => failures.GetValueOrDefault(t)).FirstOrDefault(f => f is not null) is { } failed)
            {
                pending.Completion.TrySetException(failed);
                continue;
            }

            lock (_lock) pending.Completion.TrySetResult(pending.Topics.All(IsSubscribed));
        }
    }

    /// <summary>Fills existing channels first, opens new ones up to the share, and reports what does not fit.</summary>
    private Dictionary<ChannelSession, List<string>> Plan(List<PendingSubscription> batch)
    {
        var plan = new Dictionary<ChannelSession, List<string>>();
        var overflow = new List<string>();
        lock (_lock)
        {
            var missing = batch.SelectMany(p => p.Topics).Distinct(Topics)
                .Where(t => !IsSubscribed(t) && !_rejected.ContainsKey(t) && !_overCapacity.Contains(t));
            foreach (var topic in missing)
            {
                var session = _sessions.Find(s => s.TopicCount + (plan.GetValueOrDefault(s)?.Count ?? 0) < _options.MaxTopicsPerChannel);
                if (session is null && _sessions.Count < _channelLimit)
                {
                    session = NewSession(_sessions.Count);
                    _sessions.Add(session);
                }

                if (session is null)
                {
                    overflow.Add(topic);
                    _overCapacity.Add(topic);
                    continue;
                }

                if (!plan.TryGetValue(session, out var list)) plan[session] = list = [];
                list.Add(topic);
            }
        }

        if (overflow.Count > 0)
        {
            _logger.LogWarning(
                "{Count} notification topics do not fit in {MaxChannels} channels of {MaxTopics} topics (Subscriptions:MaxChannels, " +
                "Subscriptions:MaxTopicsPerChannel); their conversations rely on REST reconciliation. First: {Topic}",
                overflow.Count, _channelLimit, _options.MaxTopicsPerChannel, overflow[0]);
            reconcile.Raise($"{overflow.Count} notification topics beyond the channel share");
        }

        return plan;
    }
}
