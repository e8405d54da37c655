namespace OrleansConfig.Changes;

/// <summary>
/// Fans the change stream of one environment (keyed like the environment grain) out to observers
/// outside the cluster: api processes and co-hosted .NET clients. Observers hold a lease, renewed by
/// subscribing again, and receive events in revision order; one missed message is repaired by the
/// observer itself, from <see cref="IEnvironmentGrain.GetChanges"/>, when the next event or renewal
/// shows a gap.
/// </summary>
[Alias("oc.change-feed")]
public interface IChangeFeedGrain : IGrainWithStringKey
{
    /// <summary>
    /// Adds or renews <paramref name="observer"/> for <see cref="ChangeFeed.LeaseDuration"/>;
    /// returns the latest revision the feed has sent.
    /// </summary>
    [Alias("subscribe")]
    Task<long> Subscribe(IChangeObserver observer);

    [Alias("unsubscribe")]
    Task Unsubscribe(IChangeObserver observer);
}

/// <summary>Receives change events of one environment from its <see cref="IChangeFeedGrain"/>.</summary>
[Alias("oc.change-observer")]
public interface IChangeObserver : IGrainObserver
{
    /// <summary>Events in revision order, without gaps between the ones of one call.</summary>
    [OneWay, Alias("on-changes")]
    Task OnChanges(string environmentKey, IReadOnlyList<ChangeEvent> events);
}

/// <summary>Timings shared by the feed grain and its observers.</summary>
public static class ChangeFeed
{
    /// <summary>How often an observer renews its lease and compares revisions with the feed.</summary>
    public static readonly TimeSpan RenewInterval = TimeSpan.FromSeconds(3);

    /// <summary>How long a lease lasts without renewal before the feed drops the observer.</summary>
    public static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(15);
}
