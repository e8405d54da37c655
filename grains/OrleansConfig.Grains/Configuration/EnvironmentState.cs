namespace OrleansConfig.Configuration;

/// <summary>
/// Persisted state of an environment grain. The snapshot and the revision are not stored here: they
/// are derived from the key grains' rows, which are the only source of truth for values.
/// </summary>
public sealed class EnvironmentState
{
    public bool Exists { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public string CreatedBy { get; set; } = "";
}
