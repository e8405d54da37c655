using OrleansConfig.LoadTests.Platform.Monitoring;

namespace OrleansConfig.LoadTests.Platform.Reporting;

/// <summary>What was seeded, or found seeded, before the scenarios ran.</summary>
public sealed record SeedReport(string Volume, long Changes, int StepsRun, int StepsAlreadyDone, int StepsTotal,
    IReadOnlyList<string> Unavailable, double Seconds, string Note);

/// <summary>Everything one run measured; the report is rendered from it, and report.json holds it.</summary>
public sealed record RunReport(
    MachineInfo Machine,
    string Profile,
    string Driver,
    string Target,
    string Topology,
    SeedReport Seed,
    IReadOnlyList<ScenarioResult> Scenarios,
    IReadOnlyList<ProcessSeries> Resources,
    DateTimeOffset Started,
    DateTimeOffset Finished,
    string Command);
