using System.Diagnostics;

namespace OrleansConfig.LoadTests.Platform.Engine;

/// <summary>
/// Sends requests on the schedule of a <see cref="RateProfile"/> (open loop), whatever earlier requests
/// do, with at most <c>maxInFlight</c> virtual users busy at once. A request due while every virtual user
/// is busy waits for one, and its latency still counts from its due time.
/// </summary>
public static class OpenLoopRunner
{
    public static async Task RunAsync(RateProfile profile, OperationMix mix, int maxInFlight, RunBounds bounds,
        ScenarioRecorder recorder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(mix);
        ArgumentNullException.ThrowIfNull(bounds);
        ArgumentNullException.ThrowIfNull(recorder);

        var deadline = recorder.Origin + Ticks(profile.Duration + bounds.Grace);
        using var users = new SemaphoreSlim(maxInFlight, maxInFlight);
        long index = 0;
        long notSent = 0;
        foreach (var offset in ArrivalSchedule.Offsets(profile))
        {
            var due = recorder.Origin + Ticks(offset);
            if (index >= bounds.MaxRequests || cancellationToken.IsCancellationRequested
                || Stopwatch.GetTimestamp() > deadline)
            {
                notSent++;
                continue;
            }

            await DelayUntilAsync(due, cancellationToken);
            var left = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), deadline);
            if (left <= TimeSpan.Zero || !await users.WaitAsync(left, cancellationToken))
            {
                notSent++;
                continue;
            }

            var operation = mix.Pick(Random.Shared.NextDouble());
            var steady = profile.PhaseAt(offset) == RateProfile.Steady;
            _ = SendAsync(operation, new OperationContext(index, due), due, steady, users, recorder, cancellationToken);
            index++;
        }

        recorder.AddNotSent(notSent);
        await WaitForInFlightAsync(users, maxInFlight, bounds.RequestTimeout * 2);
    }

    /// <summary>Waits until <paramref name="due"/> (a Stopwatch timestamp) unless it is less than 1 ms away.</summary>
    public static async Task DelayUntilAsync(long due, CancellationToken cancellationToken)
    {
        var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
        if (wait > TimeSpan.FromMilliseconds(1))
        {
            try
            {
                await Task.Delay(wait, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // The run is stopping; the caller checks the token.
            }
        }
    }

    public static long Ticks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);

    private static async Task SendAsync(Operation operation, OperationContext context, long due, bool steady,
        SemaphoreSlim users, ScenarioRecorder recorder, CancellationToken cancellationToken)
    {
        try
        {
            var started = Stopwatch.GetTimestamp();
            var outcome = await InvokeAsync(operation, context, cancellationToken);
            recorder.Record(operation.Name, operation.Category, steady, due, started, Stopwatch.GetTimestamp(),
                outcome);
        }
        finally
        {
            users.Release();
        }
    }

    /// <summary>Runs the operation and turns an exception into a failed outcome; never throws.</summary>
    public static async Task<OperationOutcome> InvokeAsync(Operation operation, OperationContext context,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);

        try
        {
            return await operation.Body(context, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return OperationOutcome.Failure(0, $"{operation.Name} was cancelled when the run stopped");
        }
        catch (OperationCanceledException)
        {
            return OperationOutcome.Failure(0, $"{operation.Name} timed out");
        }
        catch (Exception exception)
        {
            return OperationOutcome.Failure(0, $"{operation.Name} failed: {exception.GetType().Name}: "
                + exception.Message);
        }
    }

    /// <summary>Takes every virtual user back, which means every request sent has completed.</summary>
    private static async Task WaitForInFlightAsync(SemaphoreSlim users, int count, TimeSpan timeout)
    {
        for (var i = 0; i < count; i++)
        {
            if (!await users.WaitAsync(timeout))
            {
                return;
            }
        }
    }
}
