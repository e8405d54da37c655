using System.Runtime.InteropServices;

namespace OrleansConfig.LoadTests.Platform.Monitoring;

/// <summary>The machine and software a run measured on, as the report's environment section states them.</summary>
public sealed record MachineInfo(int Cores, string Cpu, double MemoryGiB, string OperatingSystem, string Kernel,
    string Runtime, string Commit, string Host)
{
    /// <summary>
    /// Reads the machine from /proc and the runtime. <paramref name="commit"/> is the product's git commit,
    /// which the calling script passes.
    /// </summary>
    public static MachineInfo Read(string commit) => new(
        Environment.ProcessorCount,
        FirstValue("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString(),
        Math.Round(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1073741824.0, 1),
        OsName(),
        FirstLine("/proc/sys/kernel/osrelease") ?? RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription,
        commit,
        Environment.MachineName);

    private static string OsName()
    {
        var pretty = FirstValue("/etc/os-release", "PRETTY_NAME", '=');

        return pretty?.Trim('"') ?? RuntimeInformation.OSDescription;
    }

    private static string? FirstLine(string path)
    {
        try
        {
            return File.ReadLines(path).FirstOrDefault()?.Trim();
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Returns the value of the first line "name: value" (or with another separator) of a file.</summary>
    private static string? FirstValue(string path, string name, char separator = ':')
    {
        try
        {
            return File.ReadLines(path)
                .Select(line => line.Split(separator, 2))
                .Where(parts => parts.Length == 2 && parts[0].Trim() == name)
                .Select(parts => parts[1].Trim())
                .FirstOrDefault();
        }
        catch (IOException)
        {
            return null;
        }
    }
}
