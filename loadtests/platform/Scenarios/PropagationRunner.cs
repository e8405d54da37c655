using System.Diagnostics;
using OrleansConfig.LoadTests.Platform.Drivers;
using OrleansConfig.LoadTests.Platform.Engine;
using OrleansConfig.LoadTests.Platform.Monitoring;
using OrleansConfig.LoadTests.Platform.Reporting;

namespace OrleansConfig.LoadTests.Platform.Scenarios;

/// <summary>
/// The change propagation scenario: subscribers watch the propagation environment while writes follow
/// the plan's open-loop schedule. Each delivery's latency runs from the write's due time (or its send,
/// when earlier) to the event's arrival at the subscriber. A delivery that never arrives counts as a failed
/// request, and the delivery check (every revision once, in order) is stated in the notes.
/// </summary>
public sealed class PropagationRunner(IPropagationTarget target, ProcessSampler sampler, RunBounds bounds,
    TextWriter progress)
{
    private static readonly TimeSpan Drain = TimeSpan.FromSeconds(15);

    public async Task<ScenarioResult> RunAsync(ScenarioPlan plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);

        ScenarioRunner.Announce(plan, progress);
        var from = sampler.Second;
        var count = (int)Math.Min(ArrivalSchedule.Offsets(plan.Rate).LongCount(), bounds.MaxRequests);
        var writes = new WriteLog(count);
        var steadyWrites = new bool[count];
        var logs = Enumerable.Range(1, plan.Subscribers).Select(i => new SubscriberLog($"subscriber {i}")).ToArray();
        var start = await target.GetRevisionAsync(cancellationToken);
        ScenarioRecorder recorder;
        long head;
        await using (await target.StartSubscribersAsync(logs, start, cancellationToken))
        {
            recorder = new ScenarioRecorder(Stopwatch.GetTimestamp());
            var write = new Operation(OperationNames.PropagationWrite, OperationCategory.Write, 1,
                (context, token) => WriteAsync(context, plan.Rate, recorder.Origin, writes, steadyWrites, token));
            await OpenLoopRunner.RunAsync(plan.Rate, new OperationMix([write]), plan.MaxInFlight,
                bounds with { MaxRequests = count }, recorder, cancellationToken);
            head = await target.GetRevisionAsync(cancellationToken);
            await DrainAsync(logs, head, cancellationToken);
        }

        for (var sequence = 0; sequence < count; sequence++)
        {
            if (writes.Started[sequence] == 0)
            {
                writes.Fail(sequence, "not sent");
            }
        }

        RecordDeliveries(recorder, logs, writes, steadyWrites);
        var check = DeliveryReport.Check(logs, writes, start, head);
        var notes = new List<string>
        {
            check.Passed
                ? $"Delivery check passed: every one of {check.Subscribers} subscribers received every revision "
                  + "once and in order."
                : $"Delivery check failed for {check.Subscribers - check.Complete} of {check.Subscribers} "
                  + $"subscribers: {string.Join(" ", check.Problems.Take(3))}",
        };

        return ScenarioRunner.Build(plan, recorder, notes, from, sampler.Second);
    }

    private async Task<OperationOutcome> WriteAsync(OperationContext context, RateProfile rate, long origin,
        WriteLog writes, bool[] steadyWrites, CancellationToken cancellationToken)
    {
        var sequence = (int)context.Index;
        writes.Started[sequence] = Math.Min(context.Due, Stopwatch.GetTimestamp());
        steadyWrites[sequence] = rate.PhaseAt(Stopwatch.GetElapsedTime(origin, context.Due)) == RateProfile.Steady;
        OperationOutcome outcome;
        try
        {
            outcome = await target.WriteAsync(sequence, cancellationToken);
        }
        finally
        {
            writes.Returned[sequence] = Stopwatch.GetTimestamp();
        }

        if (!outcome.Ok)
        {
            writes.Fail(sequence, outcome.Error!);
        }

        return outcome;
    }

    private static async Task DrainAsync(SubscriberLog[] logs, long head, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.GetTimestamp() + OpenLoopRunner.Ticks(Drain);
        while (logs.Any(log => log.LastRevision < head) && Stopwatch.GetTimestamp() < deadline)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), cancellationToken);
        }
    }

    /// <summary>Records each arrival of a successful write, and each subscriber's missing ones as failures.</summary>
    private void RecordDeliveries(ScenarioRecorder recorder, SubscriberLog[] logs, WriteLog writes, bool[] steady)
    {
        var now = Stopwatch.GetTimestamp();
        foreach (var log in logs)
        {
            var received = new HashSet<int>();
            foreach (var receipt in log.Receipts)
            {
                var sequence = receipt.Sequence;
                if (sequence >= 0 && sequence < writes.Count && writes.Succeeded(sequence) && received.Add(sequence))
                {
                    var started = writes.Started[sequence];
                    recorder.Record(target.DeliveryOperation, OperationCategory.Propagation, steady[sequence],
                        started, started, receipt.Timestamp, OperationOutcome.Success(200));
                }
            }

            foreach (var sequence in Enumerable.Range(0, writes.Count).Where(s => writes.Succeeded(s)))
            {
                if (!received.Contains(sequence))
                {
                    recorder.Record(target.DeliveryOperation, OperationCategory.Propagation, steady[sequence],
                        writes.Started[sequence], writes.Started[sequence], now,
                        OperationOutcome.Failure(0, $"write {sequence} never reached {log.Name}"));
                }
            }
        }
    }
}
