using System.Diagnostics;
using HdrHistogram;
using OrleansConfig.LoadTests.Platform.Engine;

namespace OrleansConfig.Tests.LoadTests;

/// <summary>The open-loop runner against in-process operations, without a network.</summary>
public sealed class OpenLoopRunnerTests
{
    [Fact]
    public async Task RunnerSendsEveryScheduledArrival()
    {
        var profile = RateProfile.RampSteadyRampDown(200, TimeSpan.FromSeconds(0.2), TimeSpan.FromSeconds(0.5),
            TimeSpan.FromSeconds(0.2));
        var recorder = new ScenarioRecorder(Stopwatch.GetTimestamp());
        var failing = 0;
        var mix = new OperationMix(
        [
            new Operation("ok", OperationCategory.Read, 1, (_, _) => Task.FromResult(OperationOutcome.Success(200))),
            new Operation("bad", OperationCategory.Write, 1, (_, _) =>
            {
                Interlocked.Increment(ref failing);

                return Task.FromResult(OperationOutcome.Failure(500, "bad returned 500"));
            }),
        ]);

        await OpenLoopRunner.RunAsync(profile, mix, 8, RunBounds.Default, recorder, CancellationToken.None);

        var stats = recorder.Operations.ToDictionary(o => o.Name);
        var timeline = recorder.Timeline.Summarize();
        Assert.Equal(ArrivalSchedule.Offsets(profile).Count(), stats.Values.Sum(o => o.Requests));
        Assert.Equal(failing, stats["bad"].Errors);
        Assert.Equal(0, stats["ok"].Errors);
        Assert.Equal(stats.Values.Sum(o => o.Requests), timeline.Sum(p => p.Completed));
        Assert.Equal(failing, timeline.Sum(p => p.Errors));
        Assert.Equal(0, recorder.NotSent);
    }

    [Fact]
    public async Task BusyVirtualUsersCountAsLatency()
    {
        // 20 arrivals at 100/s and one virtual user for a 30 ms operation: each waits for the one before.
        var profile = new RateProfile([new RateStage(RateProfile.Steady, TimeSpan.FromSeconds(0.2), 100, 100)]);
        var recorder = new ScenarioRecorder(Stopwatch.GetTimestamp());
        var slow = new Operation("slow", OperationCategory.Read, 1, async (_, token) =>
        {
            await Task.Delay(30, token);

            return OperationOutcome.Success(200);
        });

        await OpenLoopRunner.RunAsync(profile, new OperationMix([slow]), 1, RunBounds.Default, recorder,
            CancellationToken.None);

        var stats = Assert.Single(recorder.Operations);
        Assert.Equal(20, stats.Requests);
        Assert.Equal(20, stats.SteadyRequests);
        // Request i waits about i times (service time - 10 ms), so the mean wait is several service times.
        var corrected = stats.All.GetMean();
        var service = stats.SteadyServiceTime.GetMean();
        Assert.True(corrected > 3 * service, $"corrected mean {corrected} µs, service mean {service} µs");
    }

    [Fact]
    public async Task RequestBoundLeavesTheRestUnsent()
    {
        var profile = new RateProfile([new RateStage(RateProfile.Steady, TimeSpan.FromSeconds(0.5), 100, 100)]);
        var recorder = new ScenarioRecorder(Stopwatch.GetTimestamp());
        var ok = new Operation("ok", OperationCategory.Read, 1,
            (_, _) => Task.FromResult(OperationOutcome.Success(200)));

        await OpenLoopRunner.RunAsync(profile, new OperationMix([ok]), 4, RunBounds.Default with { MaxRequests = 10 },
            recorder, CancellationToken.None);

        Assert.Equal(10, Assert.Single(recorder.Operations).Requests);
        Assert.Equal(40, recorder.NotSent);
    }

    [Fact]
    public async Task ThrowingOperationBecomesAFailedRequest()
    {
        var profile = new RateProfile([new RateStage(RateProfile.Steady, TimeSpan.FromSeconds(0.1), 50, 50)]);
        var recorder = new ScenarioRecorder(Stopwatch.GetTimestamp());
        var broken = new Operation("broken", OperationCategory.Read, 1,
            (_, _) => throw new HttpRequestException("connection refused"));

        await OpenLoopRunner.RunAsync(profile, new OperationMix([broken]), 2, RunBounds.Default, recorder,
            CancellationToken.None);

        var stats = Assert.Single(recorder.Operations);
        Assert.Equal(5, stats.Errors);
        Assert.Contains("connection refused", Assert.Single(stats.ErrorSamples), StringComparison.Ordinal);
    }
}
