using System.Diagnostics;

namespace OrleansConfig.LoadTests.Platform.Engine;

/// <summary>
/// Virtual users that each repeat one operation back to back for a fixed time: the shape of clients
/// that hold a long poll open and send the next as soon as one returns.
/// </summary>
public static class ClosedLoopRunner
{
    public static async Task RunAsync(Operation operation, int users, TimeSpan duration, ScenarioRecorder recorder,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(recorder);

        var end = Stopwatch.GetTimestamp() + OpenLoopRunner.Ticks(duration);
        var loops = Enumerable.Range(0, users).Select(user => Task.Run(async () =>
        {
            long index = user;
            while (Stopwatch.GetTimestamp() < end && !cancellationToken.IsCancellationRequested)
            {
                var started = Stopwatch.GetTimestamp();
                var context = new OperationContext(index, started);
                var outcome = await OpenLoopRunner.InvokeAsync(operation, context, cancellationToken);
                recorder.Record(operation.Name, operation.Category, true, started, started, Stopwatch.GetTimestamp(),
                    outcome);
                index += users;
            }
        }, CancellationToken.None));

        await Task.WhenAll(loops);
    }
}
