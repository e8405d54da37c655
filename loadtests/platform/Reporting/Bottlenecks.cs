using OrleansConfig.LoadTests.Platform.Engine;
using OrleansConfig.LoadTests.Platform.Monitoring;

namespace OrleansConfig.LoadTests.Platform.Reporting;

/// <summary>
/// Findings drawn from the measurements: the slowest operations, CPU saturation and who used the CPU,
/// queueing in front of the target, failures by status, and drift over a soak.
/// </summary>
public static class Bottlenecks
{
    /// <summary>Share of the machine's cores above which a scenario is called CPU-saturated.</summary>
    private const double SaturatedShare = 0.85;

    /// <summary>How far the machine's busy cores may fall below its sampled processes' before they disagree.</summary>
    private const double CounterTolerance = 0.05;

    public static IReadOnlyList<string> Find(RunReport run)
    {
        ArgumentNullException.ThrowIfNull(run);

        var findings = new List<string>();
        var completed = run.Scenarios.Where(s => s.Status == ScenarioStatus.Completed).ToArray();
        findings.AddRange(Slowest(completed));
        var cpu = completed.Select(s => Cpu(s, run.Resources)).OfType<CpuUse>().ToArray();
        findings.AddRange(cpu.Select(c => Saturation(c, run.Machine.Cores)));
        if (cpu.FirstOrDefault(c => c.Undercounted) is { } example)
        {
            // Some virtual machines count guest CPU time per process but not in /proc/stat.
            findings.Add($"CPU counters: the machine's /proc/stat reported fewer busy cores than its sampled "
                + $"processes used (in {example.Scenario} it reported {Format.Number(example.Machine, "0.00")} busy "
                + $"cores against {Format.Number(example.Processes, "0.00")}), so the CPU of other work cannot be "
                + "measured on this machine. The load generator shares the machine, so its CPU is CPU the platform "
                + "did not get.");
        }

        findings.AddRange(completed.SelectMany(Queueing));
        findings.AddRange(completed.SelectMany(Failures));
        findings.AddRange(completed.Where(s => s.Name == "soak").SelectMany(s => Drift(s, run.Resources)));

        return findings.Count > 0 ? findings : ["No scenario completed, so nothing can be said about bottlenecks."];
    }

    private static IEnumerable<string> Slowest(ScenarioResult[] scenarios) =>
        scenarios
            .SelectMany(s => s.Operations
                .Where(o => o.Category != OperationCategory.LongPoll && o.SteadyRequests > 0)
                .Select(o => (Scenario: s.Name, Operation: o)))
            .OrderByDescending(x => x.Operation.Steady.P99)
            .Take(3)
            .Select((x, rank) => $"Slowest steady p99 #{rank + 1}, whether or not it meets an objective: "
                + $"{x.Operation.Name} in {x.Scenario}, {Format.Ms(x.Operation.Steady.P99)} ms (p50 "
                + $"{Format.Ms(x.Operation.Steady.P50)} ms, service time p99 "
                + $"{Format.Ms(x.Operation.SteadyServiceTime.P99)} ms).");

    /// <summary>One scenario's average CPU: the machine's busy cores and each sampled process's cores.</summary>
    private sealed record CpuUse(string Scenario, double Machine, (string Name, double Cores)[] ByProcess)
    {
        public double Processes => ByProcess.Sum(p => p.Cores);

        public bool Undercounted => Machine + CounterTolerance < Processes;
    }

    private static CpuUse? Cpu(ScenarioResult scenario, IReadOnlyList<ProcessSeries> resources)
    {
        var usage = resources
            .Select(p => (p.Name, Cores: Average(p.Points.Where(x => x.Second >= scenario.SampleFrom
                && x.Second <= scenario.SampleTo).Select(x => x.CpuCores))))
            .Where(p => double.IsFinite(p.Cores))
            .ToArray();
        if (usage.Length == 0)
        {
            return null;
        }

        var machine = usage.FirstOrDefault(p => p.Name == ProcessSampler.Machine).Cores;
        var busiest = usage.Where(p => p.Name != ProcessSampler.Machine).OrderByDescending(p => p.Cores).ToArray();

        return new CpuUse(scenario.Name, machine, busiest);
    }

    private static string Saturation(CpuUse use, int cores)
    {
        var byProcess = use.ByProcess.Select(p => $"{p.Name} {Format.Number(p.Cores, "0.00")}");
        if (use.Undercounted)
        {
            return $"{(use.Processes >= SaturatedShare * cores ? "CPU-saturated" : "CPU")}: in {use.Scenario} the "
                + $"sampled processes used {Format.Number(use.Processes, "0.00")} of {cores} cores on average "
                + $"({string.Join(", ", byProcess)}).";
        }

        var other = Math.Max(0, use.Machine - use.Processes);
        var parts = string.Join(", ", byProcess.Append($"other work on the machine {Format.Number(other, "0.00")}"));
        var saturated = use.Machine >= SaturatedShare * cores;

        return $"{(saturated ? "CPU-saturated" : "CPU")}: {use.Scenario} kept "
            + $"{Format.Number(use.Machine, "0.00")} of {cores} cores busy on average ({parts}). The load generator "
            + "and other work share the machine, so their CPU is CPU the platform did not get.";
    }

    private static IEnumerable<string> Queueing(ScenarioResult scenario)
    {
        // A p99 of fewer requests is a single slow request, too little to speak of queueing.
        foreach (var operation in scenario.Operations.Where(o => o.SteadyRequests >= 100
            && o.Steady.P99 > 2 * o.SteadyServiceTime.P99 && o.Steady.P99 - o.SteadyServiceTime.P99 > 5))
        {
            yield return $"Queueing: {operation.Name} in {scenario.Name} waited before it was sent (steady p99 "
                + $"{Format.Ms(operation.Steady.P99)} ms against a service time p99 of "
                + $"{Format.Ms(operation.SteadyServiceTime.P99)} ms): either every virtual user was busy because "
                + "the target did not keep up, or the load generator itself fell behind its schedule.";
        }

        if (scenario.NotSent > 0)
        {
            yield return $"Behind schedule: {scenario.Name} left {Format.Count(scenario.NotSent)} requests unsent "
                + "at its bound.";
        }
    }

    private static IEnumerable<string> Failures(ScenarioResult scenario) =>
        scenario.Operations.Where(o => o.Errors > 0).Select(o =>
            $"Failures: {o.Name} in {scenario.Name} failed {Format.Count(o.Errors)} of {Format.Count(o.Requests)} "
            + $"times; statuses {Statuses(o)}; first errors: {string.Join(" / ", o.ErrorSamples)}"
            + (o.Statuses.ContainsKey(429) ? " (429 is the per-caller rate limit)" : ""));

    /// <summary>Returns the statuses seen as "200×61, 404×18"; 0 stands for no response.</summary>
    private static string Statuses(OperationResult operation) =>
        string.Join(", ", operation.Statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}"));

    /// <summary>
    /// Compares the first and last tenth of a soak's steady phase: latency p99, and resident memory from the
    /// first to the last second of that phase.
    /// </summary>
    private static IEnumerable<string> Drift(ScenarioResult soak, IReadOnlyList<ProcessSeries> resources)
    {
        var (from, to) = SteadyWindow(soak);
        var points = soak.Timeline.Where(p => p.Completed > 0 && p.Second >= from && p.Second < to).ToArray();
        if (points.Length >= 10)
        {
            var tenth = Math.Max(1, points.Length / 10);
            var first = Average(points.Take(tenth).Select(p => p.P99));
            var last = Average(points.TakeLast(tenth).Select(p => p.P99));
            yield return $"Latency drift over the soak's steady phase: the per-second p99 of all operations "
                + $"averaged {Format.Ms(first)} ms in the first tenth and {Format.Ms(last)} ms in the last tenth.";
        }

        var memory = new List<string>();
        foreach (var process in resources.Where(p => p.Name != ProcessSampler.Machine))
        {
            var span = process.Points
                .Where(p => p.Second >= soak.SampleFrom + from && p.Second < soak.SampleFrom + to)
                .ToArray();
            if (span.Length >= 2)
            {
                memory.Add($"{process.Name} {Format.Number(span[0].ResidentMb, "0")} → "
                    + $"{Format.Number(span[^1].ResidentMb, "0")} MB");
            }
        }

        if (memory.Count > 0)
        {
            yield return $"Resident memory over the soak's steady phase: {string.Join(", ", memory)}.";
        }
    }

    /// <summary>Returns the seconds, from the scenario's start, that its steady phase covers.</summary>
    private static (double From, double To) SteadyWindow(ScenarioResult scenario)
    {
        var start = 0.0;
        foreach (var stage in scenario.Stages)
        {
            if (stage.Phase == RateProfile.Steady)
            {
                return (start, start + stage.Seconds);
            }

            start += stage.Seconds;
        }

        return (0, double.MaxValue);
    }

    private static double Average(IEnumerable<double> values)
    {
        var finite = values.Where(double.IsFinite).ToArray();

        return finite.Length == 0 ? double.NaN : finite.Average();
    }
}
