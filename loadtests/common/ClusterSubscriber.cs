using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using OrleansConfig.Changes;

namespace OrleansConfig.LoadTests;

/// <summary>
/// One co-hosted subscriber: a <see cref="ClusterChangeSubscription"/> of its own, as a .NET app with
/// an Orleans client would start it, logging each delivered event with the delivery's time.
/// </summary>
public static class ClusterSubscriber
{
    /// <summary>Subscribes after <paramref name="afterRevision"/>; the caller disposes the subscription.</summary>
    public static async Task<ClusterChangeSubscription> StartAsync(IGrainFactory grains, string ns, string env,
        long afterRevision, SubscriberLog log, ILogger logger, CancellationToken cancellationToken)
    {
        log.StartRevision = afterRevision;

        return await ClusterChangeSubscription.StartAsync(grains, ns, env, afterRevision,
            (delivery, _) => Record(log, delivery), logger, cancellationToken);
    }

    private static Task Record(SubscriberLog log, ChangeDelivery delivery)
    {
        var arrived = Stopwatch.GetTimestamp();
        if (delivery.Resync)
        {
            log.AddError("Resync at revision " + delivery.Revision.ToString(CultureInfo.InvariantCulture)
                + ": the change log no longer held what this subscriber missed.");

            return Task.CompletedTask;
        }

        foreach (var change in delivery.Events)
        {
            log.Add(new Receipt(change.Revision, BenchValue.ReadSequence(change.Value), arrived));
        }

        return Task.CompletedTask;
    }
}
