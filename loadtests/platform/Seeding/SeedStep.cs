namespace OrleansConfig.LoadTests.Platform.Seeding;

/// <summary>What a seeding step writes.</summary>
public enum SeedStepKind
{
    /// <summary>The namespaces and environments.</summary>
    Scopes,

    /// <summary>A batch of configuration keys, imported as one file.</summary>
    Keys,

    Flags,
    Secrets,

    /// <summary>A batch of keys imported again with new values: real changes that make audit records.</summary>
    AuditPass,
}

/// <summary>
/// One resumable unit of seeding: items <see cref="First"/> to <see cref="First"/> + <see cref="Count"/> - 1 of
/// environment <see cref="Environment"/>, written in pass <see cref="Pass"/>. <see cref="Id"/> is stable
/// across runs, so that the seed state can name what is done.
/// </summary>
public sealed record SeedStep(SeedStepKind Kind, int Environment, int First, int Count, int Pass)
{
    public string Id => $"{Kind}:{Environment}:{First}:{Count}:{Pass}";
}
