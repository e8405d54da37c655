using System.Threading.Channels;
using OrleansConfig.Changes;
using OrleansConfig.Configuration;

namespace OrleansConfig.Api.Changes;

/// <summary>
/// Shares one <see cref="ClusterChangeSubscription"/> per environment among all the watch streams and
/// long polls of this api process. An environment's subscription starts with its first listener and
/// stops a while after its last one leaves, so a client that reconnects finds it still running.
/// </summary>
public sealed partial class ChangeHub(IGrainFactory grains, TimeProvider time, ILogger<ChangeHub> logger)
    : IAsyncDisposable
{
    /// <summary>Deliveries a listener may have unread before it is dropped and sent a resync.</summary>
    internal const int ListenerCapacity = 1024;

    private static readonly TimeSpan IdleLinger = TimeSpan.FromSeconds(30);

    private readonly Dictionary<string, Topic> _topics = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>
    /// Starts listening to the changes of an environment. The listener receives every delivery from
    /// the moment it is returned; earlier events are the caller's to read from the change log.
    /// </summary>
    public async Task<ChangeListener> ListenAsync(string ns, string env, CancellationToken cancellationToken)
    {
        var key = GrainKeys.Environment(ns, env);
        Topic topic;
        var listener = new ChangeListener(this, key);
        lock (_lock)
        {
            if (!_topics.TryGetValue(key, out topic!))
            {
                topic = new Topic(key);
                topic.Started = Start(topic, ns, env);
                _topics[key] = topic;
            }

            topic.Listeners.Add(listener);
            topic.IdleSince = null;
        }

        try
        {
            await topic.Started.WaitAsync(cancellationToken);
        }
        catch
        {
            listener.Dispose();
            throw;
        }

        return listener;
    }

    public async ValueTask DisposeAsync()
    {
        Topic[] topics;
        lock (_lock)
        {
            topics = [.. _topics.Values];
            _topics.Clear();
        }

        foreach (var topic in topics)
        {
            await topic.StopAsync();
        }
    }

    internal void Remove(ChangeListener listener)
    {
        lock (_lock)
        {
            if (_topics.TryGetValue(listener.EnvironmentKey, out var topic) && topic.Listeners.Remove(listener)
                && topic.Listeners.Count == 0)
            {
                topic.IdleSince = time.GetUtcNow();
                _ = StopWhenIdle(topic);
            }
        }
    }

    private async Task Start(Topic topic, string ns, string env)
    {
        try
        {
            var environment = grains.GetGrain<IEnvironmentGrain>(topic.Key);
            var revision = Math.Max(0, await environment.GetRevision());
            topic.Subscription = await ClusterChangeSubscription.StartAsync(grains, ns, env, revision,
                (delivery, _) => Dispatch(topic, delivery), logger);
            LogStarted(topic.Key, revision);
        }
        catch
        {
            lock (_lock)
            {
                if (_topics.TryGetValue(topic.Key, out var current) && current == topic)
                {
                    _topics.Remove(topic.Key);
                }
            }

            throw;
        }
    }

    private Task Dispatch(Topic topic, ChangeDelivery delivery)
    {
        ChangeListener[] listeners;
        lock (_lock)
        {
            listeners = [.. topic.Listeners];
        }

        foreach (var listener in listeners)
        {
            listener.Offer(delivery);
        }

        return Task.CompletedTask;
    }

    private async Task StopWhenIdle(Topic topic)
    {
        await Task.Delay(IdleLinger, time);
        lock (_lock)
        {
            if (topic.IdleSince is null || topic.Listeners.Count > 0
                || !_topics.TryGetValue(topic.Key, out var current) || current != topic)
            {
                return;
            }

            _topics.Remove(topic.Key);
        }

        await topic.StopAsync();
        LogStopped(topic.Key);
    }

    private sealed class Topic(string key)
    {
        public string Key { get; } = key;

        public List<ChangeListener> Listeners { get; } = [];

        public Task Started { get; set; } = Task.CompletedTask;

        public ClusterChangeSubscription? Subscription { get; set; }

        public DateTimeOffset? IdleSince { get; set; }

        public async Task StopAsync()
        {
            try
            {
                await Started;
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                return;
            }

            if (Subscription is not null)
            {
                await Subscription.DisposeAsync();
            }
        }
    }

    [LoggerMessage(EventId = 2101, Level = LogLevel.Debug,
        Message = "Listening to changes of {Environment} after revision {Revision}")]
    private partial void LogStarted(string environment, long revision);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Debug, Message = "Stopped listening to changes of {Environment}")]
    private partial void LogStopped(string environment);
}

/// <summary>
/// One watch stream's or long poll's view of a <see cref="ChangeHub"/> environment. Its reader
/// completes when the listener fell more than <see cref="ChangeHub.ListenerCapacity"/> deliveries
/// behind; the owner then catches up from the change log and listens again.
/// </summary>
public sealed class ChangeListener : IDisposable
{
    private readonly Channel<ChangeDelivery> _channel = Channel.CreateBounded<ChangeDelivery>(
        new BoundedChannelOptions(ChangeHub.ListenerCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    private readonly ChangeHub _hub;
    private int _disposed;

    internal ChangeListener(ChangeHub hub, string environmentKey)
    {
        _hub = hub;
        EnvironmentKey = environmentKey;
    }

    public string EnvironmentKey { get; }

    public ChannelReader<ChangeDelivery> Reader => _channel.Reader;

    /// <summary>True when the reader completed because the listener fell behind.</summary>
    public bool Overflowed { get; private set; }

    internal void Offer(ChangeDelivery delivery)
    {
        if (!_channel.Writer.TryWrite(delivery))
        {
            Overflowed = true;
            _channel.Writer.TryComplete();
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _channel.Writer.TryComplete();
            _hub.Remove(this);
        }
    }
}
