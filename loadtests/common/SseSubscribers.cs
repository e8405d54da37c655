namespace OrleansConfig.LoadTests;

/// <summary>A set of watch streams of one environment that run until disposed.</summary>
public sealed class SseSubscribers : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _streams = [];

    private SseSubscribers()
    {
    }

    /// <summary>Opens one watch stream per log and returns once all of them received their ready event.</summary>
    public static async Task<SseSubscribers> StartAsync(ApiClient api, string ns, string env,
        IReadOnlyList<SubscriberLog> logs, CancellationToken cancellationToken)
    {
        var subscribers = new SseSubscribers();
        var ready = new List<Task<long>>(logs.Count);
        foreach (var log in logs)
        {
            var subscriber = new SseSubscriber(api, ns, env, log);
            subscribers._streams.Add(Task.Run(() => subscriber.RunAsync(subscribers._stop.Token),
                CancellationToken.None));
            ready.Add(subscriber.Ready);
        }

        try
        {
            await Task.WhenAll(ready).WaitAsync(cancellationToken);
        }
        catch
        {
            await subscribers.DisposeAsync();
            throw;
        }

        return subscribers;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_streams);
        _stop.Dispose();
    }
}
