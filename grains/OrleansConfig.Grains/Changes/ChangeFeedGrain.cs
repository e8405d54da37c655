using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Streams;
using Orleans.Streams.Core;
using OrleansConfig.Configuration;

namespace OrleansConfig.Changes;

/// <summary>
/// The implicit subscriber of one environment's change stream, keyed like the environment grain. It
/// passes events on to its observers in revision order: a gap, from an event the stream lost when a
/// silo died, is filled from the environment's change log before anything later is sent, and a timer
/// compares the feed with the environment's revision to find events lost at the tail.
/// </summary>
[ImplicitStreamSubscription(ChangeStreams.Namespace)]
public sealed partial class ChangeFeedGrain(
    [FromKeyedServices(ProductClock.ServiceKey)] TimeProvider time,
    ILogger<ChangeFeedGrain> logger) : Grain, IChangeFeedGrain, IStreamSubscriptionObserver, IAsyncObserver<ChangeEvent>
{
    private readonly Dictionary<IChangeObserver, DateTimeOffset> _observers = [];
    private IEnvironmentGrain _environment = null!;
    private long _sent = -1;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _environment = GrainFactory.GetGrain<IEnvironmentGrain>(this.GetPrimaryKeyString());
        var interval = ChangeFeed.RenewInterval;
        this.RegisterGrainTimer(CheckTail, new GrainTimerCreationOptions(interval, interval)
        {
            KeepAlive = false,
        });

        return Task.CompletedTask;
    }

    public async Task<long> Subscribe(IChangeObserver observer)
    {
        ArgumentNullException.ThrowIfNull(observer);

        await EnsureStarted();
        _observers[observer] = time.GetUtcNow() + ChangeFeed.LeaseDuration;
        DelayDeactivation(ChangeFeed.LeaseDuration);

        return _sent;
    }

    public Task Unsubscribe(IChangeObserver observer)
    {
        _observers.Remove(observer);

        return Task.CompletedTask;
    }

    public async Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory)
    {
        await handleFactory.Create<ChangeEvent>().ResumeAsync(this);
    }

    public async Task OnNextAsync(ChangeEvent item, StreamSequenceToken? token = null)
    {
        await EnsureStarted();
        if (item.Revision <= _sent)
        {
            return;
        }

        if (item.Revision > _sent + 1 && !await Fill(item.Revision - 1))
        {
            return;
        }

        Send([item]);
    }

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex) => Task.CompletedTask;

    /// <summary>Starts from the environment's revision: events before the first observer had no recipient.</summary>
    private async Task EnsureStarted()
    {
        if (_sent < 0)
        {
            _sent = Math.Max(0, await _environment.GetRevision());
        }
    }

    private async Task CheckTail(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        foreach (var (observer, expires) in _observers.ToArray())
        {
            if (expires < now)
            {
                _observers.Remove(observer);
            }
        }

        if (_observers.Count == 0 || _sent < 0)
        {
            return;
        }

        try
        {
            var head = await _environment.GetRevision();
            if (head > _sent)
            {
                LogTailGap(this.GetPrimaryKeyString(), _sent, head);
                await Fill(head);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogCheckFailed(this.GetPrimaryKeyString(), exception);
        }
    }

    /// <summary>
    /// Sends the events from the log up to <paramref name="revision"/>. Returns false when the log no
    /// longer has them: the feed then continues after the head, and observers find the gap themselves.
    /// </summary>
    private async Task<bool> Fill(long revision)
    {
        while (_sent < revision)
        {
            var page = await _environment.GetChanges(_sent, 1000);
            if (page.Resync || page.Events.Count == 0)
            {
                _sent = Math.Max(_sent, page.Head);

                return false;
            }

            Send(page.Events.Where(e => e.Revision <= revision).ToArray());
        }

        return true;
    }

    private void Send(IReadOnlyList<ChangeEvent> events)
    {
        if (events.Count == 0)
        {
            return;
        }

        _sent = events[^1].Revision;
        var key = this.GetPrimaryKeyString();
        foreach (var observer in _observers.Keys)
        {
            try
            {
                _ = observer.OnChanges(key, events);
            }
            catch (Exception exception)
            {
                LogSendFailed(key, exception);
            }
        }
    }

    [LoggerMessage(EventId = 1301, Level = LogLevel.Information,
        Message = "Change feed {Environment} found events {After}..{Head} missing from the stream; sending them from the log")]
    private partial void LogTailGap(string environment, long after, long head);

    [LoggerMessage(EventId = 1302, Level = LogLevel.Warning,
        Message = "Change feed {Environment} could not compare its revision with the environment")]
    private partial void LogCheckFailed(string environment, Exception exception);

    [LoggerMessage(EventId = 1303, Level = LogLevel.Debug,
        Message = "Change feed {Environment} could not reach an observer")]
    private partial void LogSendFailed(string environment, Exception exception);
}
