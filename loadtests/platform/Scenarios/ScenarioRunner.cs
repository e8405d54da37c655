using System.Diagnostics;
using OrleansConfig.LoadTests.Platform.Engine;
using OrleansConfig.LoadTests.Platform.Monitoring;
using OrleansConfig.LoadTests.Platform.Reporting;

namespace OrleansConfig.LoadTests.Platform.Scenarios;

/// <summary>Runs request scenarios: the open-loop mix, with long polls held beside it when the plan has them.</summary>
public sealed class ScenarioRunner(ProcessSampler sampler, RunBounds bounds, TextWriter progress)
{
    public async Task<ScenarioResult> RunAsync(ScenarioPlan plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);

        Announce(plan, progress);
        var from = sampler.Second;
        var recorder = new ScenarioRecorder(Stopwatch.GetTimestamp());
        var load = OpenLoopRunner.RunAsync(plan.Rate, new OperationMix(plan.Operations), plan.MaxInFlight, bounds,
            recorder, cancellationToken);
        var polls = plan.LongPoll is { } poll && plan.LongPollers > 0
            ? ClosedLoopRunner.RunAsync(poll, plan.LongPollers, plan.Rate.Duration, recorder, cancellationToken)
            : Task.CompletedTask;
        await Task.WhenAll(load, polls);

        var notes = new List<string>();
        if (plan.LongPollers > 0)
        {
            notes.Add($"{plan.LongPollers} virtual users held long polls (closed loop) beside the open-loop mix; "
                + "their times are hold times, so they are reported apart and not held against an objective.");
        }

        return Build(plan, recorder, notes, from, sampler.Second);
    }

    public static void Announce(ScenarioPlan plan, TextWriter progress)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(progress);

        progress.WriteLine($"scenario {plan.Name}: up to {plan.Rate.PeakRate:F0} requests/s over "
            + $"{plan.Rate.Duration.TotalSeconds:F0} s, at most {plan.MaxInFlight} virtual users in flight");
        foreach (var missing in plan.Unavailable)
        {
            progress.WriteLine($"  left out: {missing}");
        }
    }

    /// <summary>Turns what a recorder collected into the scenario's result.</summary>
    public static ScenarioResult Build(ScenarioPlan plan, ScenarioRecorder recorder, IReadOnlyList<string> notes,
        int sampleFrom, int sampleTo)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(recorder);

        var steady = plan.Rate.Stages.Where(s => s.Phase == RateProfile.Steady).Sum(s => s.Duration.TotalSeconds);
        var stages = plan.Rate.Stages
            .Select(s => new StageSummary(s.Phase, s.Duration.TotalSeconds, s.StartRate, s.EndRate)).ToArray();
        var operations = recorder.Operations.Select(o => OperationResult.From(o, steady)).ToArray();
        var allNotes = notes.ToList();
        if (recorder.NotSent > 0)
        {
            allNotes.Add($"{recorder.NotSent} scheduled requests were not sent: the run reached its bound on "
                + "requests or time, which means the target fell behind the schedule.");
        }

        return new ScenarioResult(plan.Name, plan.Description, ScenarioStatus.Completed, null, stages,
            plan.MaxInFlight, steady, recorder.NotSent, operations, recorder.Timeline.Summarize(), allNotes,
            plan.Unavailable, sampleFrom, sampleTo);
    }
}
