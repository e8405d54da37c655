using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;

namespace OrleansConfig.LoadTests.ChangeLatency;

/// <summary>
/// Runs one case in an environment of its own: starts the subscribers, writes at the configured rate
/// once all of them are ready, waits for the last events, then checks and measures what arrived.
/// </summary>
public sealed class LatencyCase(BenchOptions options, ApiClient api, IGrainFactory? grains, ILogger logger)
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);

    public async Task<CaseResult> RunAsync(SubscriberPath path, int subscribers, CancellationToken cancellationToken)
    {
        var ns = options.Namespace;
        var kind = path == SubscriberPath.Sse ? "sse" : "cluster";
        var env = string.Create(CultureInfo.InvariantCulture,
            $"{kind}-{subscribers}-{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}");
        await api.CreateEnvironmentAsync(ns, env, cancellationToken);
        var startRevision = await api.GetRevisionAsync(ns, env, cancellationToken);

        var logs = Enumerable.Range(1, subscribers).Select(i => new SubscriberLog($"subscriber {i}")).ToArray();
        WriteLog writes;
        long head;
        string cpu;
        await using (var running = await StartAsync(path, ns, env, startRevision, logs, cancellationToken))
        {
            var writer = new RateWriter(api, ns, env, options.KeyCount);
            var meter = new CpuMeter(options.Watched);
            var before = meter.Take();
            writes = await writer.RunAsync(options.WarmupWrites + options.MeasuredWrites, options.Rate,
                cancellationToken);
            head = await api.GetRevisionAsync(ns, env, cancellationToken);
            await DrainAsync(logs, head, cancellationToken);
            cpu = CpuMeter.Describe(before, meter.Take());
        }

        return Measure(path, logs, writes, DeliveryReport.Check(logs, writes, startRevision, head), cpu);
    }

    private async Task<IAsyncDisposable> StartAsync(SubscriberPath path, string ns, string env, long startRevision,
        SubscriberLog[] logs, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ReadyTimeout);
        if (path == SubscriberPath.Sse)
        {
            return await SseSubscribers.StartAsync(api, ns, env, logs, timeout.Token);
        }

        if (grains is null)
        {
            throw new InvalidOperationException("The co-hosted cases need an Orleans client.");
        }

        var starts = logs.Select(log => ClusterSubscriber.StartAsync(grains, ns, env, startRevision, log, logger,
            timeout.Token));

        return new Subscriptions(await Task.WhenAll(starts));
    }

    /// <summary>Waits until every subscriber reached <paramref name="head"/> or the drain time ran out.</summary>
    private async Task DrainAsync(SubscriberLog[] logs, long head, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + options.Drain;
        while (logs.Any(log => log.LastRevision < head) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), cancellationToken);
        }
    }

    private CaseResult Measure(SubscriberPath path, SubscriberLog[] logs, WriteLog writes, DeliveryReport check,
        string cpu)
    {
        var delivery = LatencySummary.CreateHistogram();
        var put = LatencySummary.CreateHistogram();
        bool IsMeasured(int sequence) =>
            sequence >= options.WarmupWrites && sequence < writes.Count && writes.Succeeded(sequence);

        foreach (var sequence in Enumerable.Range(0, writes.Count).Where(IsMeasured))
        {
            LatencySummary.Record(put, writes.Started[sequence], writes.Returned[sequence]);
        }

        var afterResponse = new List<double>();
        foreach (var receipt in logs.SelectMany(log => log.Receipts).Where(r => IsMeasured(r.Sequence)))
        {
            LatencySummary.Record(delivery, writes.Started[receipt.Sequence], receipt.Timestamp);
            afterResponse.Add((receipt.Timestamp - writes.Returned[receipt.Sequence]) * 1000.0 / Stopwatch.Frequency);
        }

        return new CaseResult(path, logs.Length, options.MeasuredWrites, LatencySummary.From(delivery),
            LatencySummary.From(put), SignedSummary.From(afterResponse), check, writes.Errors, cpu);
    }

    /// <summary>Co-hosted subscriptions, disposed together.</summary>
    private sealed class Subscriptions(IReadOnlyList<IAsyncDisposable> subscriptions) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            foreach (var subscription in subscriptions)
            {
                await subscription.DisposeAsync();
            }
        }
    }
}
