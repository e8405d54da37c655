using OrleansConfig.LoadTests.Platform.Engine;
using OrleansConfig.LoadTests.Platform.Reporting;

namespace OrleansConfig.Tests.LoadTests;

public sealed class BottleneckTests
{
    [Fact]
    public void MachineAboveProcesses_NamesOtherWork()
    {
        var findings = Bottlenecks.Find(LoadResults.Run(machine: 1.5, api: 0.5, silo: 0.5));

        var cpu = Assert.Single(findings, f => f.StartsWith("CPU", StringComparison.Ordinal));
        Assert.Contains("kept 1.50 of 2 cores busy", cpu, StringComparison.Ordinal);
        Assert.Contains("other work on the machine 0.50", cpu, StringComparison.Ordinal);
    }

    [Fact]
    public void MachineBelowProcesses_SaysCountersUndercount()
    {
        var findings = Bottlenecks.Find(LoadResults.Run(machine: 0.1, api: 0.3, silo: 0.4));

        var cpu = Assert.Single(findings, f => f.StartsWith("CPU:", StringComparison.Ordinal));
        Assert.Contains("the sampled processes used 0.70 of 2 cores", cpu, StringComparison.Ordinal);
        Assert.DoesNotContain("other work on the machine", cpu, StringComparison.Ordinal);
        var counters = Assert.Single(findings, f => f.StartsWith("CPU counters:", StringComparison.Ordinal));
        Assert.Contains("reported 0.10 busy cores against 0.70", counters, StringComparison.Ordinal);
    }

    [Fact]
    public void SaturatedProcesses_AreCalledSaturated()
    {
        var findings = Bottlenecks.Find(LoadResults.Run(machine: 0.2, api: 0.9, silo: 0.9));

        Assert.Contains(findings, f => f.StartsWith("CPU-saturated", StringComparison.Ordinal));
    }

    [Fact]
    public void Slowest_AreRankedWithoutVerdict()
    {
        var findings = Bottlenecks.Find(LoadResults.Run(machine: 1, api: 0.2, silo: 0.2));

        var slowest = Assert.Single(findings, f => f.StartsWith("Slowest", StringComparison.Ordinal));
        Assert.StartsWith("Slowest steady p99 #1, whether or not it meets an objective: GET key in config-read, 5",
            slowest, StringComparison.Ordinal);
    }
}
