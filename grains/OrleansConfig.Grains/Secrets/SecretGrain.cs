using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansConfig.Audit;
using OrleansConfig.Configuration;
using OrleansConfig.Secrets.Envelope;

namespace OrleansConfig.Secrets;

/// <summary>
/// One secret: every version encrypted under its own data key, persisted as one row, and its rotation
/// policy. Values in the clear exist only while a request runs, in buffers zeroed before it returns. A
/// change is acknowledged only after the row is written and the environment has sequenced it.
/// </summary>
public sealed partial class SecretGrain(
    [PersistentState(StorageNames.SecretState, StorageNames.Provider)] IPersistentState<SecretState> state,
    [FromKeyedServices(ProductClock.ServiceKey)] TimeProvider time,
    SecretKeyring keyring,
    SecretFingerprinter fingerprinter,
    SecretGenerators generators,
    IOptions<SecretOptions> options,
    IOptions<AuditOptions> auditOptions,
    ILogger<SecretGrain> logger) : Grain, ISecretGrain, IRemindable
{
    private string _namespace = "";
    private string _environment = "";
    private string _normalizedName = "";
    private bool _environmentExists;
    private bool _registered;

    /// <summary>The latest version the environment grain has confirmed; 0 until one is.</summary>
    private int _reportedVersion;

    private ConfigVersion? Current => state.State.Versions.Count > 0 ? state.State.Versions[^1] : null;

    private int LatestVersion => Current?.Version ?? 0;

    private string Name => state.State.Key ?? _normalizedName;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (_namespace, _environment, _normalizedName) = GrainKeys.ParseConfigKey(this.GetPrimaryKeyString());
        if (state.State.PendingAudit.Count > 0)
        {
            await TryFlushAudit();
        }
    }

    public Task<SecretResult> Get()
    {
        var current = Current;
        var result = current is null
            ? SecretResult.Failure(SecretStatus.NotFound, "The secret does not exist.")
            : new SecretResult(SecretStatus.Found, Describe(), null, current.Version);

        return Task.FromResult(result);
    }

    public Task<SecretHistoryPage> GetVersions(int? before, int limit)
    {
        var versions = state.State.Versions;
        var end = before is int b ? Math.Clamp(b - 1, 0, versions.Count) : versions.Count;
        var count = Math.Clamp(limit, 1, 1000);
        var start = Math.Max(0, end - count);

        var page = new List<SecretVersionInfo>(end - start);
        for (var i = end - 1; i >= start; i--)
        {
            page.Add(DescribeVersion(i));
        }

        int? next = start > 0 ? versions[start].Version : null;

        return Task.FromResult(new SecretHistoryPage(state.State.Key, page, next));
    }

    /// <summary>Describes the secret as it is now: never its value.</summary>
    private SecretInfo Describe()
    {
        var versions = state.State.Versions;
        var previous = PreviousWindow();

        return new SecretInfo(Name, DescribeVersion(versions.Count - 1), versions[0].UpdatedAt,
            previous is { } window ? new SecretPreviousInfo(window.Version, window.Until) : null,
            RotationStatus());
    }

    private SecretVersionInfo DescribeVersion(int index)
    {
        var version = state.State.Versions[index];
        var details = index < state.State.Details.Count ? state.State.Details[index] : null;

        return new SecretVersionInfo(version.Version, version.UpdatedAt, version.Author, version.Comment,
            version.RolledBackFrom, version.Action, !version.IsDeleted, details?.Destroyed ?? false,
            details?.Fingerprint, details?.KeyEncryptionKeyId, details?.KeyEncryptionKeyVersion);
    }

    /// <summary>
    /// The version readable as <c>previous</c>: the one before the current version, while the policy's
    /// overlap after the current version has not passed and both versions have values.
    /// </summary>
    private (int Version, DateTimeOffset Until)? PreviousWindow()
    {
        var versions = state.State.Versions;
        if (state.State.Policy is not { Overlap: var overlap } || overlap <= TimeSpan.Zero || versions.Count < 2)
        {
            return null;
        }

        var current = versions[^1];
        var previous = versions[^2];
        var until = current.UpdatedAt + overlap;
        if (current.IsDeleted || previous.IsDeleted || time.GetUtcNow() >= until)
        {
            return null;
        }

        return (previous.Version, until);
    }

    private ConfigVersion? FindVersion(int version) =>
        version >= 1 && version <= state.State.Versions.Count ? state.State.Versions[version - 1] : null;

    private SecretResult VersionNotFound(int version) => SecretResult.Failure(SecretStatus.VersionNotFound,
        LatestVersion == 0
            ? $"Version {version} does not exist: the secret has no versions."
            : $"Version {version} does not exist: the secret has versions 1 to {LatestVersion}.",
        LatestVersion);

    private SecretResult NoValue(ConfigVersion version)
    {
        var destroyed = state.State.Details[version.Version - 1].Destroyed;

        return SecretResult.Failure(SecretStatus.VersionHasNoValue, destroyed
            ? $"The value of version {version.Version} was destroyed by a purge."
            : $"Version {version.Version} records the secret's deletion and has no value.", LatestVersion);
    }

    private SecretCoordinates Coordinates(int version) => new(_namespace, _environment, _normalizedName, version);
}
