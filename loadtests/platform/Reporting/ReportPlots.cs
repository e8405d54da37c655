namespace OrleansConfig.LoadTests.Platform.Reporting;

/// <summary>Renders every plot of a run into its folder and returns the file names by section.</summary>
public static class ReportPlots
{
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Render(RunReport run, string folder)
    {
        ArgumentNullException.ThrowIfNull(run);

        var plots = new Dictionary<string, IReadOnlyList<string>>();
        foreach (var scenario in run.Scenarios.Where(s => s.Status == ScenarioStatus.Completed && s.Requests > 0))
        {
            plots[scenario.Name] =
            [
                PlotRenderer.LatencyOverTime(scenario, folder),
                PlotRenderer.ThroughputOverTime(scenario, folder),
                PlotRenderer.Distribution(scenario, folder),
            ];
        }

        if (run.Resources.Any(r => r.Points.Count > 0))
        {
            plots["resources"] =
            [
                PlotRenderer.Resources(run.Resources, false, folder),
                PlotRenderer.Resources(run.Resources, true, folder),
            ];
        }

        return plots;
    }
}
