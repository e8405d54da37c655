using OrleansConfig.LoadTests.Platform.Monitoring;

namespace OrleansConfig.LoadTests.Platform.Reporting;

/// <summary>The descriptive sections of the report: environment, method and the scenarios with their targets.</summary>
public static class ReportSections
{
    public static void Environment(ReportDocument document, RunReport run)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(run);

        var machine = run.Machine;
        var seed = run.Seed;
        var watched = run.Resources.Where(r => r.Name != ProcessSampler.Machine).Select(r => $"{r.Name} (pid {r.Pid})");
        document.Heading(2, "Environment");
        document.Table(["Item", "Value"],
        [
            ["Machine", $"{machine.Host}: {machine.Cores} cores ({machine.Cpu}), "
                + $"{Format.Number(machine.MemoryGiB, "0.#")} GiB"],
            ["Operating system", $"{machine.OperatingSystem}, kernel {machine.Kernel}"],
            ["Runtime of the load generator", machine.Runtime],
            ["Product commit", machine.Commit],
            ["Target and driver", $"{run.Target} ({run.Driver})"],
            ["Topology", run.Topology],
            ["Sampled processes", string.Join(", ", watched)],
            ["Data volume", seed.Volume],
            ["Seeding", $"{seed.Note}; {seed.StepsRun} of {seed.StepsTotal} steps run now, {seed.StepsAlreadyDone} "
                + $"done before, {Format.Count(seed.Changes)} changes recorded in the seed state, "
                + $"{Format.Number(seed.Seconds, "0")} s"
                + (seed.Unavailable.Count > 0
                    ? $"; not served by the target: {string.Join(", ", seed.Unavailable)}"
                    : "")],
            ["Command", run.Command],
        ]);
    }

    public static void Method(ReportDocument document, RunReport run)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(run);

        document.Heading(2, "Method");
        document.List(
        [
            "Open loop: requests start on a fixed schedule (arrival i is due when the rate line's area reaches "
            + "i + ½), whatever earlier requests do; at most the stated number of virtual users are in flight.",
            "Coordinated omission is corrected by timing each request from its due time, so waiting for a free "
            + "virtual user or behind a late schedule counts. Long polls run closed loop and are reported apart.",
            "Latencies go into HDR histograms (HdrHistogram 2.5.0, 1 µs to 60 s, 3 significant digits); the "
            + "per-second plots use each second's exact latencies.",
            "Reads, flag evaluations and secret reveals use one service token per seeded environment, writes and "
            + "audit requests an admin key. The tokens are revoked at the end of the run.",
            "The objectives are checked against the steady phase only. CPU and memory are sampled once a second "
            + "from /proc for the processes named in the environment table.",
        ]);
    }

    public static void Scenarios(ReportDocument document, RunReport run)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(run);

        document.Heading(2, "Scenarios and targets");
        document.Table(["Scenario", "What it does", "Phases (s at req/s)", "Virtual users", "Status"],
            run.Scenarios.Select(s => (IReadOnlyList<string>)
            [
                s.Name, s.Description,
                string.Join(", ", s.Stages.Select(t => $"{t.Phase} {Format.Number(t.Seconds, "0.#")} at "
                    + $"{Format.Rate(t.StartRate)}→{Format.Rate(t.EndRate)}")),
                s.MaxInFlight > 0 ? Format.Count(s.MaxInFlight) : "–",
                s.Status switch
                {
                    ScenarioStatus.Completed => "completed",
                    ScenarioStatus.NotAvailable => $"not run: {s.Reason}",
                    _ => $"failed: {s.Reason}",
                },
            ]));
        var leftOut = run.Scenarios.Where(s => s.Status == ScenarioStatus.Completed && s.Unavailable.Count > 0)
            .Select(s => $"{s.Name} ran without: {string.Join("; ", s.Unavailable)}").ToArray();
        if (leftOut.Length > 0)
        {
            document.List(leftOut);
        }
    }
}
