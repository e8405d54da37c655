using System.Globalization;

namespace OrleansConfig.LoadTests;

/// <summary>
/// CPU time used during a case, in cores (1.0 is one core busy for the whole case): by each watched
/// process with its child processes (a PostgreSQL server's backends), by this process, and by
/// everything else on the machine. Reads Linux's /proc, and elsewhere it measures nothing. The
/// "other" share shows how much the measurement competed with unrelated work.
/// </summary>
public sealed class CpuMeter(IReadOnlyDictionary<string, int> watched)
{
    public sealed record Snapshot(long MachineBusy, long MachineTotal, IReadOnlyDictionary<string, long> Processes,
        DateTime Taken);

    public Snapshot Take()
    {
        var children = ProcFs.ChildrenByParent();
        var processes = watched.ToDictionary(p => p.Key,
            p => ProcFs.ProcessTicks(p.Value) + children.GetValueOrDefault(p.Value, []).Sum(ProcFs.ProcessTicks));
        processes["bench"] = ProcFs.ProcessTicks(Environment.ProcessId);
        var (busy, total) = ProcFs.MachineTicks();

        return new Snapshot(busy, total, processes, DateTime.UtcNow);
    }

    /// <summary>Returns, e.g., "silo 0.41, api 0.30, bench 0.20, other 0.05 of 2 cores".</summary>
    public static string Describe(Snapshot start, Snapshot end)
    {
        if (end.MachineTotal <= start.MachineTotal)
        {
            return "not measured";
        }

        var seconds = (end.Taken - start.Taken).TotalSeconds;
        var cores = (end.MachineTotal - start.MachineTotal) / ProcFs.TicksPerSecond / seconds;
        var parts = new List<string>();
        var ours = 0.0;
        foreach (var (name, ticks) in end.Processes)
        {
            var used = (ticks - start.Processes.GetValueOrDefault(name)) / ProcFs.TicksPerSecond / seconds;
            ours += used;
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{name} {used:F2}"));
        }

        var machine = (end.MachineBusy - start.MachineBusy) / ProcFs.TicksPerSecond / seconds;
        parts.Add(string.Create(CultureInfo.InvariantCulture, $"other {Math.Max(0, machine - ours):F2}"));

        return string.Join(", ", parts) + string.Create(CultureInfo.InvariantCulture, $" of {cores:F0} cores");
    }
}
