using System.Globalization;

namespace OrleansConfig.LoadTests.ChangeLatency;

/// <summary>Prints each case's outcome as it finishes.</summary>
public static class Report
{
    /// <summary>How many problems of one case are printed; the rest are only counted.</summary>
    private const int MaxProblemsShown = 20;

    public static void PrintCase(CaseResult result)
    {
        var delivery = result.Delivery;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{result.Name}: {delivery.Count} events of {result.Put.Count} measured writes, "
            + $"p50 {delivery.P50:F2} ms, p99 {delivery.P99:F2} ms, max {delivery.Max:F2} ms; "
            + $"PUT p50 {result.Put.P50:F2} ms, p99 {result.Put.P99:F2} ms; event after PUT response "
            + $"p50 {result.AfterResponse.P50:F2} ms, p99 {result.AfterResponse.P99:F2} ms; "
            + $"load average {LoadAverage()}"));
        Console.WriteLine($"  CPU used while writing, in cores: {result.Cpu}");

        var check = result.Check;
        Console.WriteLine(check.Passed
            ? $"  every subscriber ({check.Subscribers}) received every revision exactly once, in order"
            : $"  DELIVERY CHECK FAILED: {check.Complete} of {check.Subscribers} subscribers complete");
        foreach (var problem in check.Problems.Concat(result.WriteErrors).Take(MaxProblemsShown))
        {
            Console.WriteLine($"  {problem}");
        }

        var hidden = check.Problems.Count + result.WriteErrors.Count - MaxProblemsShown;
        if (hidden > 0)
        {
            Console.WriteLine($"  … and {hidden} more problems");
        }
    }

    /// <summary>
    /// Returns the 1-, 5- and 15-minute load averages of Linux, which show other work on the machine.
    /// </summary>
    private static string LoadAverage() => File.Exists("/proc/loadavg")
        ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3))
        : "unknown";
}
