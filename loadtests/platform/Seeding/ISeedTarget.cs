namespace OrleansConfig.LoadTests.Platform.Seeding;

/// <summary>Where seeding writes: the platform's public API, or a fake in tests.</summary>
public interface ISeedTarget
{
    /// <summary>Returns whether the target serves the endpoints of <paramref name="kind"/>.</summary>
    Task<bool> SupportsAsync(SeedStepKind kind, CancellationToken cancellationToken);

    /// <summary>Returns the seed marker stored in the target, or null when there is none.</summary>
    Task<string?> ReadMarkerAsync(CancellationToken cancellationToken);

    Task WriteMarkerAsync(string marker, CancellationToken cancellationToken);

    /// <summary>Runs one step; returns the number of changes it made (created or changed items).</summary>
    Task<int> RunAsync(SeedStep step, CancellationToken cancellationToken);
}
