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
    /// <summary>Linux's USER_HZ, the unit of the times in /proc: 100 on x86-64 and arm64 (getconf CLK_TCK).</summary>
    private const double TicksPerSecond = 100;

    public sealed record Snapshot(long MachineBusy, long MachineTotal, IReadOnlyDictionary<string, long> Processes,
        DateTime Taken);

    public Snapshot Take()
    {
        var children = ChildrenByParent();
        var processes = watched.ToDictionary(p => p.Key,
            p => ProcessTicks(p.Value) + children.GetValueOrDefault(p.Value, []).Sum(ProcessTicks));
        processes["bench"] = ProcessTicks(Environment.ProcessId);
        var (busy, total) = MachineTicks();

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
        var cores = (end.MachineTotal - start.MachineTotal) / TicksPerSecond / seconds;
        var parts = new List<string>();
        var ours = 0.0;
        foreach (var (name, ticks) in end.Processes)
        {
            var used = (ticks - start.Processes.GetValueOrDefault(name)) / TicksPerSecond / seconds;
            ours += used;
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{name} {used:F2}"));
        }

        var machine = (end.MachineBusy - start.MachineBusy) / TicksPerSecond / seconds;
        parts.Add(string.Create(CultureInfo.InvariantCulture, $"other {Math.Max(0, machine - ours):F2}"));

        return string.Join(", ", parts) + string.Create(CultureInfo.InvariantCulture, $" of {cores:F0} cores");
    }

    /// <summary>Returns the ids of the running processes by the id of their parent.</summary>
    private static Dictionary<int, List<int>> ChildrenByParent()
    {
        var children = new Dictionary<int, List<int>>();
        if (!Directory.Exists("/proc"))
        {
            return children;
        }

        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid) || ReadStat(pid) is not { } fields)
            {
                continue;
            }

            var parent = int.Parse(fields[1], CultureInfo.InvariantCulture);
            if (!children.TryGetValue(parent, out var list))
            {
                children[parent] = list = [];
            }

            list.Add(pid);
        }

        return children;
    }

    /// <summary>Returns user plus system ticks of a process, or 0 when it is gone or /proc is missing.</summary>
    private static long ProcessTicks(int pid) => ReadStat(pid) is { } fields
        ? long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)
        : 0;

    /// <summary>
    /// Returns the fields of /proc/PID/stat after the command name, or null when the process is gone.
    /// Index 1 is the parent id, and 11 and 12 are the user and system ticks.
    /// </summary>
    private static string[]? ReadStat(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");

            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Returns the busy and total ticks of all cores from the first line of /proc/stat.</summary>
    private static (long Busy, long Total) MachineTicks()
    {
        try
        {
            var line = File.ReadLines("/proc/stat").First();
            var ticks = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8)
                .Select(t => long.Parse(t, CultureInfo.InvariantCulture)).ToArray();
            var idle = ticks[3] + ticks[4];

            return (ticks.Sum() - idle, ticks.Sum());
        }
        catch (IOException)
        {
            return (0, 0);
        }
    }
}
