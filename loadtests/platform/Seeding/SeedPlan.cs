using OrleansConfig.LoadTests.Platform.Data;

namespace OrleansConfig.LoadTests.Platform.Seeding;

/// <summary>
/// The steps that seed a <see cref="DatasetLayout"/>: scopes, key batches, flags, secrets, then passes
/// that change keys again until the changes made add up to the audit record volume.
/// </summary>
public static class SeedPlan
{
    /// <summary>Keys per imported file.</summary>
    public const int KeyBatch = 500;

    /// <summary>Flags or secrets per step.</summary>
    public const int ItemBatch = 25;

    public static IReadOnlyList<SeedStep> Create(DatasetLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);

        var steps = new List<SeedStep> { new(SeedStepKind.Scopes, 0, 0, layout.Environments.Count, 0) };
        steps.AddRange(Batches(layout, SeedStepKind.Keys, layout.KeyCount, KeyBatch, 0));
        steps.AddRange(Batches(layout, SeedStepKind.Flags, layout.FlagCount, ItemBatch, 0));
        steps.AddRange(Batches(layout, SeedStepKind.Secrets, layout.SecretCount, ItemBatch, 0));

        var volume = layout.Volume;
        var changes = (long)volume.Keys + volume.Flags + volume.Secrets;
        for (var pass = 1; changes < volume.AuditRecords && volume.Keys > 0; pass++)
        {
            foreach (var step in Batches(layout, SeedStepKind.AuditPass, layout.KeyCount, KeyBatch, pass))
            {
                var needed = (int)Math.Min(step.Count, volume.AuditRecords - changes);
                if (needed <= 0)
                {
                    break;
                }

                steps.Add(step with { Count = needed });
                changes += needed;
            }
        }

        return steps;
    }

    private static IEnumerable<SeedStep> Batches(DatasetLayout layout, SeedStepKind kind, Func<int, int> countOf,
        int batch, int pass)
    {
        foreach (var environment in layout.Environments)
        {
            var count = countOf(environment.Index);
            for (var first = 0; first < count; first += batch)
            {
                yield return new SeedStep(kind, environment.Index, first, Math.Min(batch, count - first), pass);
            }
        }
    }
}
