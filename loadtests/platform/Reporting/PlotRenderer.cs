using OrleansConfig.LoadTests.Platform.Engine;
using OrleansConfig.LoadTests.Platform.Monitoring;
using ScottPlot;

namespace OrleansConfig.LoadTests.Platform.Reporting;

/// <summary>
/// Draws the report's PNG plots with ScottPlot. Each scenario gets its latency percentiles and throughput
/// over time (phase boundaries dashed) and its latency distribution per operation. The run gets the CPU
/// and memory of the watched processes.
/// </summary>
public static class PlotRenderer
{
    private const int Width = 1000;
    private const int Height = 420;

    /// <summary>The x positions of the distribution plot: -log10(1 - p), so 90 % is 1 and 99.9 % is 3.</summary>
    private static readonly (double Percentile, string Label)[] DistributionTicks =
        [(0, "0%"), (50, "50%"), (90, "90%"), (99, "99%"), (99.9, "99.9%"), (99.99, "99.99%")];

    public static string LatencyOverTime(ScenarioResult scenario, string folder)
    {
        ArgumentNullException.ThrowIfNull(scenario);

        var plot = new Plot();
        var points = scenario.Timeline.Where(p => p.Completed > 0).ToArray();
        var seconds = points.Select(p => (double)p.Second).ToArray();
        AddLine(plot, seconds, points.Select(p => p.P50).ToArray(), "p50");
        AddLine(plot, seconds, points.Select(p => p.P90).ToArray(), "p90");
        AddLine(plot, seconds, points.Select(p => p.P99).ToArray(), "p99");
        AddLine(plot, seconds, points.Select(p => p.Max).ToArray(), "max");
        AddPhases(plot, scenario);
        Label(plot, $"{scenario.Name}: latency percentiles per second", "seconds since the scenario's start",
            "latency, ms (CO-corrected)");

        return Save(plot, folder, $"{scenario.Name}-latency.png");
    }

    public static string ThroughputOverTime(ScenarioResult scenario, string folder)
    {
        ArgumentNullException.ThrowIfNull(scenario);

        var plot = new Plot();
        var seconds = scenario.Timeline.Select(p => (double)p.Second).ToArray();
        AddLine(plot, seconds, scenario.Timeline.Select(p => (double)p.Completed).ToArray(), "completed per second");
        AddLine(plot, seconds, scenario.Timeline.Select(p => (double)p.Errors).ToArray(), "failed per second");
        AddPhases(plot, scenario);
        Label(plot, $"{scenario.Name}: throughput per second", "seconds since the scenario's start", "requests");

        return Save(plot, folder, $"{scenario.Name}-throughput.png");
    }

    public static string Distribution(ScenarioResult scenario, string folder)
    {
        ArgumentNullException.ThrowIfNull(scenario);

        var plot = new Plot();
        foreach (var operation in scenario.Operations.Where(o => o.Category != OperationCategory.LongPoll))
        {
            var points = operation.Distribution.Where(p => p.Percentile < 100).ToArray();
            AddLine(plot, points.Select(p => Position(p.Percentile)).ToArray(),
                points.Select(p => p.Milliseconds).ToArray(), operation.Name);
        }

        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            DistributionTicks.Select(t => Position(t.Percentile)).ToArray(),
            DistributionTicks.Select(t => t.Label).ToArray());
        Label(plot, $"{scenario.Name}: latency distribution over the whole scenario", "percentile",
            "latency, ms (CO-corrected)");

        return Save(plot, folder, $"{scenario.Name}-distribution.png");
    }

    /// <summary>Draws CPU (cores) or resident memory (MB) of every sampled process over the run.</summary>
    public static string Resources(IReadOnlyList<ProcessSeries> series, bool memory, string folder)
    {
        ArgumentNullException.ThrowIfNull(series);

        var plot = new Plot();
        foreach (var process in series.Where(s => !memory || s.Name != ProcessSampler.Machine))
        {
            AddLine(plot, process.Points.Select(p => (double)p.Second).ToArray(),
                process.Points.Select(p => memory ? p.ResidentMb : p.CpuCores).ToArray(), process.Name);
        }

        Label(plot, memory ? "Resident memory of the sampled processes" : "CPU of the sampled processes",
            "seconds since the run's start", memory ? "MB (with child processes)" : "cores busy");

        return Save(plot, folder, memory ? "resources-memory.png" : "resources-cpu.png");
    }

    private static double Position(double percentile) => -Math.Log10(Math.Max(1e-6, 1 - percentile / 100));

    private static void AddLine(Plot plot, double[] xs, double[] ys, string legend)
    {
        var finite = xs.Zip(ys).Where(p => double.IsFinite(p.First) && double.IsFinite(p.Second)).ToArray();
        if (finite.Length == 0)
        {
            return;
        }

        var line = plot.Add.Scatter(finite.Select(p => p.First).ToArray(), finite.Select(p => p.Second).ToArray());
        line.LegendText = legend;
        line.MarkerSize = finite.Length > 60 ? 0 : 3;
        line.LineWidth = 1.5f;
    }

    private static void AddPhases(Plot plot, ScenarioResult scenario)
    {
        var end = 0.0;
        foreach (var stage in scenario.Stages.SkipLast(1))
        {
            end += stage.Seconds;
            var line = plot.Add.VerticalLine(end);
            line.LinePattern = LinePattern.Dashed;
            line.Color = Colors.Gray;
        }
    }

    private static void Label(Plot plot, string title, string x, string y)
    {
        plot.Title(title);
        plot.XLabel(x);
        plot.YLabel(y);
        plot.ShowLegend(Alignment.UpperLeft);
    }

    private static string Save(Plot plot, string folder, string file)
    {
        plot.SavePng(Path.Combine(folder, file), Width, Height);

        return file;
    }
}
