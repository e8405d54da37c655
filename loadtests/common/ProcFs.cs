using System.Globalization;

namespace OrleansConfig.LoadTests;

/// <summary>
/// Reads process and machine CPU time and memory from Linux's /proc. Elsewhere, or for a process that is
/// gone, every reading is 0.
/// </summary>
public static class ProcFs
{
    /// <summary>Linux's USER_HZ, the unit of the times in /proc: 100 on x86-64 and arm64 (getconf CLK_TCK).</summary>
    public const double TicksPerSecond = 100;

    /// <summary>Returns the ids of the running processes by the id of their parent.</summary>
    public static Dictionary<int, List<int>> ChildrenByParent()
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
    public static long ProcessTicks(int pid) => ReadStat(pid) is { } fields
        ? long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)
        : 0;

    /// <summary>
    /// Returns the fields of /proc/PID/stat after the command name, or null when the process is gone.
    /// Index 1 is the parent id, and 11 and 12 are the user and system ticks.
    /// </summary>
    public static string[]? ReadStat(int pid)
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
    public static (long Busy, long Total) MachineTicks()
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

    /// <summary>Returns the resident set size of a process in bytes (VmRSS), or 0 when it is gone.</summary>
    public static long ResidentBytes(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    var kilobytes = line["VmRSS:".Length..].Trim().Split(' ')[0];

                    return long.Parse(kilobytes, CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return 0;
        }

        return 0;
    }
}
