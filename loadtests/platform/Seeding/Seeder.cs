using System.Diagnostics;
using OrleansConfig.LoadTests.Platform.Data;

namespace OrleansConfig.LoadTests.Platform.Seeding;

/// <summary>What seeding did: steps run now and before, kinds the target lacks, and changes made.</summary>
public sealed record SeedSummary(int StepsRun, int StepsAlreadyDone, int StepsTotal,
    IReadOnlyList<SeedStepKind> Unavailable, long Changes, TimeSpan Duration, string Note);

/// <summary>
/// Runs the steps of a <see cref="SeedPlan"/> that the seed state does not list as done, saving the state
/// after every step, so that an interrupted seeding resumes where it stopped. Steps of a kind the target
/// does not serve are skipped and stay open for a later run.
/// </summary>
public sealed class Seeder(ISeedTarget target, TextWriter progress)
{
    public async Task<SeedSummary> RunAsync(DatasetLayout layout, string targetName, string statePath,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(layout);

        var clock = Stopwatch.StartNew();
        var (state, note) = await LoadStateAsync(layout, targetName, statePath, cancellationToken);
        var plan = SeedPlan.Create(layout);
        var support = new Dictionary<SeedStepKind, bool>();
        int run = 0, done = 0;
        var lastPrint = TimeSpan.Zero;
        foreach (var step in plan)
        {
            if (state.Completed.ContainsKey(step.Id))
            {
                done++;
                continue;
            }

            if (!await SupportsAsync(step.Kind, support, cancellationToken))
            {
                continue;
            }

            state.Completed[step.Id] = await target.RunAsync(step, cancellationToken);
            if (step.Kind == SeedStepKind.Scopes)
            {
                await target.WriteMarkerAsync(state.Marker, cancellationToken);
            }

            state.Save(statePath);
            run++;
            if (clock.Elapsed - lastPrint >= TimeSpan.FromSeconds(2) || done + run == plan.Count)
            {
                lastPrint = clock.Elapsed;
                progress.WriteLine($"  seeding: {done + run}/{plan.Count} steps, {state.Changes:N0} changes, "
                    + $"{clock.Elapsed.TotalSeconds:F0} s (now at {step.Kind} of environment {step.Environment})");
            }
        }

        var unavailable = support.Where(s => !s.Value).Select(s => s.Key).ToArray();

        return new SeedSummary(run, done, plan.Count, unavailable, state.Changes, clock.Elapsed, note);
    }

    private async Task<(SeedState State, string Note)> LoadStateAsync(DatasetLayout layout, string targetName,
        string statePath, CancellationToken cancellationToken)
    {
        var fresh = new SeedState
        {
            Target = targetName,
            Fingerprint = layout.Volume.Fingerprint,
            Marker = Guid.NewGuid().ToString("N"),
        };
        var state = SeedState.Load(statePath);
        if (state is null)
        {
            return (fresh, "no seed state yet: seeding from the start");
        }

        if (state.Target != targetName || state.Fingerprint != layout.Volume.Fingerprint)
        {
            return (fresh, $"the seed state in {statePath} is for {state.Target} ({state.Fingerprint}): "
                + "seeding from the start");
        }

        var marker = await target.ReadMarkerAsync(cancellationToken);
        if (marker != state.Marker)
        {
            return (fresh, "the target does not hold the seed marker of the saved state (a new database?): "
                + "seeding from the start");
        }

        return (state, "resuming from the saved seed state");
    }

    private async Task<bool> SupportsAsync(SeedStepKind kind, Dictionary<SeedStepKind, bool> support,
        CancellationToken cancellationToken)
    {
        if (!support.TryGetValue(kind, out var supported))
        {
            supported = await target.SupportsAsync(kind, cancellationToken);
            support[kind] = supported;
            if (!supported)
            {
                progress.WriteLine(
                    $"  seeding: the target does not serve {kind}; those steps are left for a later run");
            }
        }

        return supported;
    }
}
