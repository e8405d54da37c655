using OrleansConfig.LoadTests.Platform.Engine;
using OrleansConfig.LoadTests.Platform.Slo;

namespace OrleansConfig.LoadTests.Platform.Reporting;

/// <summary>
/// Lays out the load verification report: environment, method, scenarios and targets, results, the SLO table,
/// bottlenecks and plots. Every number comes from <see cref="RunReport"/>; an objective that was not measured
/// is shown as not measured, never with its target in place of a value.
/// </summary>
public static class ReportBuilder
{
    public const string Title = "OrleansConfig load verification report";

    public static ReportDocument Build(RunReport run, SloFile slo, IReadOnlyList<SloRow> rows,
        IReadOnlyDictionary<string, IReadOnlyList<string>> plots)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(slo);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(plots);

        var document = new ReportDocument().Heading(1, Title);
        document.Paragraph(Summary(run, rows));
        ReportSections.Environment(document, run);
        ReportSections.Method(document, run);
        ReportSections.Scenarios(document, run);
        Results(document, run);
        Objectives(document, slo, rows);
        document.Heading(2, "Bottlenecks observed").List(Bottlenecks.Find(run));
        Plots(document, run, plots);

        return document;
    }

    private static string Summary(RunReport run, IReadOnlyList<SloRow> rows)
    {
        var measured = rows.Where(r => r.Verdict != SloVerdict.NoData).ToArray();
        var passed = measured.Count(r => r.Verdict == SloVerdict.Pass);
        var verdict = measured.Length == 0 ? "no objective could be measured"
            : passed == measured.Length ? $"all {measured.Length} measured objective rows pass"
            : $"{measured.Length - passed} of {measured.Length} measured objective rows fail";
        var completed = run.Scenarios.Count(s => s.Status == ScenarioStatus.Completed);

        return $"Profile {run.Profile}, {run.Driver} driver, target {run.Target}, from {run.Started:u} to "
            + $"{run.Finished:u}. {completed} of {run.Scenarios.Count} scenarios ran; {verdict}.";
    }

    private static void Results(ReportDocument document, RunReport run)
    {
        document.Heading(2, "Results");
        document.Paragraph("Latencies in milliseconds over the steady phase (for spike: the base load before the "
            + "jump), corrected for coordinated omission: each request is timed from its due time. "
            + "Requests and errors count every phase. Service p99 is the steady phase timed from the actual "
            + "send.");
        string[] header = ["Scenario", "Operation", "Requests", "Errors", "Error rate", "Steady req/s", "p50", "p90",
            "p95", "p99", "max", "Service p99"];
        var rows = run.Scenarios.Where(s => s.Status == ScenarioStatus.Completed)
            .SelectMany(s => s.Operations.Select(o => (IReadOnlyList<string>)
            [
                s.Name, o.Name, Format.Count(o.Requests), Format.Count(o.Errors), Format.Percent(o.ErrorRate),
                Format.Rate(o.SteadyThroughput), Format.Ms(o.Steady.P50), Format.Ms(o.Steady.P90),
                Format.Ms(o.Steady.P95), Format.Ms(o.Steady.P99), Format.Ms(o.Steady.Max),
                Format.Ms(o.SteadyServiceTime.P99),
            ]));
        document.Table(header, rows);
        foreach (var scenario in run.Scenarios.Where(s => s.Notes.Count > 0))
        {
            document.List(scenario.Notes.Select(n => $"{scenario.Name}: {n}"));
        }
    }

    private static void Objectives(ReportDocument document, SloFile slo, IReadOnlyList<SloRow> rows)
    {
        document.Heading(2, "Service level objectives");
        document.Paragraph($"From the SLO file, version {slo.Version}: {slo.Description}");
        document.Table(["Scenario", "Objective", "Operation", "Target", "Measured", "Result"],
            rows.Select(r => (IReadOnlyList<string>)
            [
                r.Scenario, r.Objective, r.Subject, r.Target, r.MeasuredText,
                r.Verdict switch { SloVerdict.Pass => "pass", SloVerdict.Fail => "FAIL", _ => "not measured" },
            ]));
    }

    private static void Plots(ReportDocument document, RunReport run,
        IReadOnlyDictionary<string, IReadOnlyList<string>> plots)
    {
        document.Heading(2, "Plots");
        foreach (var (name, files) in plots)
        {
            document.Heading(3, name);
            foreach (var file in files)
            {
                document.Image(file, $"{name}: {Path.GetFileNameWithoutExtension(file)}");
            }
        }

        if (run.Resources.All(r => r.Points.Count == 0))
        {
            document.Paragraph("No process was sampled (no /proc, or no --watch given).");
        }
    }
}
