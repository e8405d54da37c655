namespace OrleansConfig.Secrets;

/// <summary>
/// Persisted state of the keyring grain: which key-encryption key is active, which are retired, the
/// running rotation job and the latest finished ones. It names keys by id and contains no key material.
/// </summary>
public sealed class KeyringState
{
    /// <summary>The key that wraps new data keys, or null until a rotation sets one.</summary>
    public string? ActiveKeyId { get; set; }

    public List<string> RetiredKeyIds { get; set; } = [];

    /// <summary>Rises with every change of the active or retired keys.</summary>
    public long Revision { get; set; }

    public KekRotationJob? Current { get; set; }

    /// <summary>The latest finished jobs, oldest first.</summary>
    public List<KekRotationStatus> Finished { get; set; } = [];
}

/// <summary>A running key-encryption key rotation: its request, its progress and the position of its pass.</summary>
public sealed class KekRotationJob
{
    public string Id { get; set; } = "";

    public string TargetKeyId { get; set; } = "";

    public int? TargetKeyVersion { get; set; }

    public bool RetirePrevious { get; set; }

    public List<string> RetiringKeyIds { get; set; } = [];

    public KekRotationPhase Phase { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public string StartedBy { get; set; } = "";

    public DateTimeOffset? CompletedAt { get; set; }

    public int Pass { get; set; }

    /// <summary>The environments ("namespace/environment") the job visits, read when it started.</summary>
    public List<string> Environments { get; set; } = [];

    /// <summary>The environment the current pass is in, as an index into <see cref="Environments"/>.</summary>
    public int EnvironmentIndex { get; set; }

    /// <summary>How many secrets of that environment the current pass has visited.</summary>
    public int SecretIndex { get; set; }

    public int SecretsTotal { get; set; }

    public int SecretsDone { get; set; }

    public int Rewrapped { get; set; }

    /// <summary>Data keys the current pass wrapped again; a verifying pass must find none.</summary>
    public int PassRewrapped { get; set; }

    public int Failures { get; set; }

    public string? Error { get; set; }

    public List<string> RetiredKeyIds { get; set; } = [];

    public KekRotationStatus ToStatus() => new(Id, TargetKeyId, TargetKeyVersion, [.. RetiringKeyIds], Phase,
        StartedAt, StartedBy, CompletedAt, Pass, Environments.Count, EnvironmentIndex, SecretsTotal, SecretsDone,
        Rewrapped, Failures, Error, [.. RetiredKeyIds]);
}
