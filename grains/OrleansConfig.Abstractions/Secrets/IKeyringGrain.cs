namespace OrleansConfig.Secrets;

/// <summary>
/// The cluster-wide state of the key-encryption keys (a single grain, key 0): which key wraps new data
/// keys, which keys are retired, which keys each silo has, and the key-encryption key rotation job.
/// Key material never reaches it; silos load keys from their keyring file, environment or Vault.
/// </summary>
[Alias("oc.keyring")]
public interface IKeyringGrain : IGrainWithIntegerKey
{
    /// <summary>Returns the active and retired keys; secret grains read it before each operation.</summary>
    [Alias("view"), AlwaysInterleave]
    Task<KeyringView> GetView();

    /// <summary>Records the key ids a silo can use; silos report at start and then periodically.</summary>
    [Alias("report-silo-keys"), AlwaysInterleave]
    Task ReportSiloKeys(SiloKeys keys);

    [Alias("info"), AlwaysInterleave]
    Task<KeyringInfo> GetInfo();

    /// <summary>
    /// Starts a rotation to <see cref="KekRotationRequest.TargetKeyId"/> unless one is running. The job
    /// continues in the background, across silo restarts, until it completes or fails.
    /// </summary>
    [Alias("start-rotation")]
    Task<KekRotationStart> StartRotation(KekRotationRequest request);

    /// <summary>Returns a rotation job by id, or null when no job has that id.</summary>
    [Alias("rotation"), AlwaysInterleave]
    Task<KekRotationStatus?> GetRotation(string id);
}

/// <summary>
/// The keys as the cluster uses them. <see cref="ActiveKeyId"/> is null until a rotation sets it; each silo
/// then wraps with its configured active key. <see cref="Revision"/> rises with every change.
/// </summary>
[GenerateSerializer, Immutable, Alias("oc.keyring-view")]
public sealed record KeyringView(
    [property: Id(0)] string? ActiveKeyId,
    [property: Id(1)] IReadOnlyList<string> RetiredKeyIds,
    [property: Id(2)] long Revision)
{
    public static readonly KeyringView Empty = new(null, [], 0);
}

/// <summary>The key ids one silo can use, its configured active key, and the time of the report.</summary>
[GenerateSerializer, Immutable, Alias("oc.silo-keys")]
public sealed record SiloKeys(
    [property: Id(0)] string Silo,
    [property: Id(1)] IReadOnlyList<string> KeyIds,
    [property: Id(2)] string? ConfiguredActiveKeyId,
    [property: Id(3)] DateTimeOffset ReportedAt);

/// <summary>
/// Starts a key-encryption key rotation to <see cref="TargetKeyId"/>. With <see cref="RetirePrevious"/> the
/// keys that wrapped data keys before it are retired once no version names them any more.
/// </summary>
[GenerateSerializer, Immutable, Alias("oc.kek-rotation-request")]
public sealed record KekRotationRequest(
    [property: Id(0)] string TargetKeyId,
    [property: Id(1)] bool RetirePrevious,
    [property: Id(2)] string Author);

/// <summary>The steps of a rotation job, in order; the last two are final.</summary>
[GenerateSerializer, Alias("oc.kek-rotation-phase")]
public enum KekRotationPhase
{
    /// <summary>Checking that every active silo has the target key and that it wraps and unwraps.</summary>
    Preparing = 0,

    /// <summary>The target key is active; data keys wrapped by other keys are being re-wrapped.</summary>
    Rewrapping = 1,

    /// <summary>A further pass checks that no version names another key.</summary>
    Verifying = 2,

    /// <summary>The previous keys are being marked retired.</summary>
    Retiring = 3,

    Completed = 4,
    Failed = 5,
}

/// <summary>
/// The progress of a rotation job. Each pass visits every secret of every environment;
/// <see cref="SecretsDone"/> of <see cref="SecretsTotal"/> counts the current pass, <see cref="Rewrapped"/>
/// the data keys wrapped again in all passes, and <see cref="Failures"/> the secrets the current pass could
/// not re-wrap (the next pass retries them). <see cref="Error"/> is the first failure's message.
/// </summary>
[GenerateSerializer, Immutable, Alias("oc.kek-rotation-status")]
public sealed record KekRotationStatus(
    [property: Id(0)] string Id,
    [property: Id(1)] string TargetKeyId,
    [property: Id(2)] int? TargetKeyVersion,
    [property: Id(3)] IReadOnlyList<string> RetiringKeyIds,
    [property: Id(4)] KekRotationPhase Phase,
    [property: Id(5)] DateTimeOffset StartedAt,
    [property: Id(6)] string StartedBy,
    [property: Id(7)] DateTimeOffset? CompletedAt,
    [property: Id(8)] int Pass,
    [property: Id(9)] int Environments,
    [property: Id(10)] int EnvironmentsDone,
    [property: Id(11)] int SecretsTotal,
    [property: Id(12)] int SecretsDone,
    [property: Id(13)] int Rewrapped,
    [property: Id(14)] int Failures,
    [property: Id(15)] string? Error,
    [property: Id(16)] IReadOnlyList<string> RetiredKeyIds)
{
    public bool IsFinished => Phase is KekRotationPhase.Completed or KekRotationPhase.Failed;
}

/// <summary>Outcome of starting a rotation; when it was rejected, <see cref="Detail"/> explains why.</summary>
[GenerateSerializer, Immutable, Alias("oc.kek-rotation-start")]
public sealed record KekRotationStart(
    [property: Id(0)] bool Started,
    [property: Id(1)] KekRotationStatus? Job,
    [property: Id(2)] string? Detail);

/// <summary>The keyring's view, each silo's keys, the running job and the latest finished ones.</summary>
[GenerateSerializer, Immutable, Alias("oc.keyring-info")]
public sealed record KeyringInfo(
    [property: Id(0)] KeyringView View,
    [property: Id(1)] IReadOnlyList<SiloKeys> Silos,
    [property: Id(2)] KekRotationStatus? Current,
    [property: Id(3)] IReadOnlyList<KekRotationStatus> Recent);
