using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OrleansConfig.LoadTests.Platform.Data;
using OrleansConfig.LoadTests.Platform.Drivers;
using OrleansConfig.LoadTests.Platform.Engine;
using OrleansConfig.LoadTests.Platform.Monitoring;
using OrleansConfig.LoadTests.Platform.Options;
using OrleansConfig.LoadTests.Platform.Reporting;
using OrleansConfig.LoadTests.Platform.Scenarios;
using OrleansConfig.LoadTests.Platform.Seeding;
using OrleansConfig.LoadTests.Platform.Slo;

namespace OrleansConfig.LoadTests.Platform;

/// <summary>
/// One run of the tool: seed, probe, create the run's service tokens, run the scenarios while sampling
/// the processes, and write report.md, report.html, report.json and the plots.
/// </summary>
public sealed class LoadRun(LoadOptions options, TextWriter progress)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter() },
    };

    public async Task<RunReport> RunAsync(string command, string commit, CancellationToken cancellationToken)
    {
        var started = DateTimeOffset.UtcNow;
        var profile = options.Effective;
        var slo = SloFile.Load(SloPath());
        var layout = new DatasetLayout(profile.Volume, options.Prefix);
        var runId = started.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture);
        Directory.CreateDirectory(options.OutputDirectory);
        using var client = new PlatformClient(options.Target, options.AdminKey, RunBounds.Default.RequestTimeout);
        var topology = await TargetHealth.RequireReadyAsync(client, cancellationToken);

        var seed = await SeedAsync(client, layout, cancellationToken);
        var features = await FeatureProbe.ProbeAsync(client, layout.Environments[0], cancellationToken);
        progress.WriteLine(
            $"target serves flags: {features.Flags}, OFREP: {features.Ofrep}, secrets: {features.Secrets}");
        var credentials = await RunCredentials.CreateAsync(client, layout, runId, features.Secrets, cancellationToken);
        IHost? orleans = null;
        List<ScenarioResult> results;
        ProcessSampler? sampler = null;
        try
        {
            if (options.Driver == DriverKind.Orleans)
            {
                progress.WriteLine(
                    $"connecting an Orleans client to cluster '{options.ClusterId}' through {options.Redis}");
                orleans = await ClusterClientHost.StartAsync(options.Redis, options.ClusterId, options.ServiceId,
                    cancellationToken);
            }

            sampler = new ProcessSampler(options.Watched);
            var scenarios = new ScenarioSet(options, profile, layout, client, credentials, features, orleans, runId,
                sampler, progress);
            results = await scenarios.RunAsync(cancellationToken);
        }
        finally
        {
            if (sampler is not null)
            {
                await sampler.DisposeAsync();
            }

            var failed = await credentials.RevokeAsync(client, CancellationToken.None);
            progress.WriteLine(failed == 0
                ? "revoked the run's service tokens"
                : $"{failed} service tokens could not be revoked");
            if (orleans is not null)
            {
                await orleans.StopAsync(CancellationToken.None);
                orleans.Dispose();
            }
        }

        var run = new RunReport(MachineInfo.Read(commit), profile.Name, options.Driver.ToString().ToLowerInvariant(),
            options.Target.ToString(), topology, seed, results, sampler.Series(), started, DateTimeOffset.UtcNow,
            command);
        WriteReport(run, slo, options.OutputDirectory, progress);

        return run;
    }

    private async Task<SeedReport> SeedAsync(PlatformClient client, DatasetLayout layout,
        CancellationToken cancellationToken)
    {
        var volume = layout.Volume;
        var description = $"{volume.Keys:N0} keys, {volume.Flags:N0} flags, {volume.Secrets:N0} secrets over "
            + $"{volume.Namespaces} namespaces × dev, staging, prod ({layout.Environments.Count} environments), "
            + $"{volume.AuditRecords:N0} audit records from real changes";
        if (!options.Seed)
        {
            return new SeedReport(description, 0, 0, 0, 0, [], 0, "seeding skipped (--no-seed)");
        }

        var statePath = options.SeedStatePath
            ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(options.OutputDirectory))!, "seed-state.json");
        progress.WriteLine($"seeding {description} (state: {statePath})");
        var summary = await new Seeder(new HttpSeedTarget(client, layout), progress)
            .RunAsync(layout, options.Target.ToString(), statePath, cancellationToken);

        return new SeedReport(description, summary.Changes, summary.StepsRun, summary.StepsAlreadyDone,
            summary.StepsTotal, summary.Unavailable.Select(k => k.ToString()).ToArray(), summary.Duration.TotalSeconds,
            summary.Note);
    }

    /// <summary>
    /// Writes the report again from the <c>report.json</c> of an earlier run into <paramref name="folder"/>,
    /// with this build's rendering and findings and the objectives of <paramref name="sloPath"/>. It sends
    /// no request: every number comes from the saved measurements.
    /// </summary>
    public static RunReport Render(string reportJson, string folder, string? sloPath, TextWriter progress)
    {
        ArgumentNullException.ThrowIfNull(progress);

        using var saved = JsonDocument.Parse(File.ReadAllText(reportJson));
        var run = saved.RootElement.TryGetProperty("run", out var element)
            ? element.Deserialize<RunReport>(Json)
            : null;
        if (run is null)
        {
            throw new InvalidDataException($"{reportJson} has no 'run' member; name the report.json of a load run.");
        }

        Directory.CreateDirectory(folder);
        WriteReport(run, SloFile.Load(FindSloFile(sloPath)), folder, progress);

        return run;
    }

    private static void WriteReport(RunReport run, SloFile slo, string folder, TextWriter progress)
    {
        var rows = SloEvaluator.Evaluate(slo, run.Scenarios);
        var plots = ReportPlots.Render(run, folder);
        var document = ReportBuilder.Build(run, slo, rows, plots);
        File.WriteAllText(Path.Combine(folder, "report.md"), MarkdownWriter.Write(document));
        File.WriteAllText(Path.Combine(folder, "report.html"), HtmlWriter.Write(document, ReportBuilder.Title, folder));
        File.WriteAllText(Path.Combine(folder, "report.json"), JsonSerializer.Serialize(new { run, slo = rows }, Json));
        var failed = rows.Count(r => r.Verdict == SloVerdict.Fail);
        progress.WriteLine($"wrote {Path.Combine(folder, "report.md")}, report.html and report.json; "
            + $"{rows.Count(r => r.Verdict == SloVerdict.Pass)} objective rows pass, {failed} fail, "
            + $"{rows.Count(r => r.Verdict == SloVerdict.NoData)} not measured");
    }

    private string SloPath() => FindSloFile(options.SloPath);

    /// <summary>
    /// Returns <paramref name="path"/> when given, else the nearest loadtests/slo.json above this folder.
    /// </summary>
    private static string FindSloFile(string? path)
    {
        if (!string.IsNullOrEmpty(path))
        {
            return path;
        }

        var start = new DirectoryInfo(Directory.GetCurrentDirectory());
        for (var folder = start; folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "loadtests", "slo.json");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException(
            "No loadtests/slo.json above the current folder; name the SLO file with --slo.");
    }
}
