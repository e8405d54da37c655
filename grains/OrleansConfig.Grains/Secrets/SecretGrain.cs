using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansConfig.Audit;
using OrleansConfig.Changes;
using OrleansConfig.Configuration;
using OrleansConfig.Items;
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
    ILogger<SecretGrain> logger)
    : VersionedItemGrain<SecretState>(state, time, logger), ISecretGrain, IRemindable
{
    private bool _registered;

    protected override ChangeKind Kind => ChangeKind.Secret;

    protected override string Noun => "secret";

    private string Name => State.Key ?? NormalizedKey;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await base.OnActivateAsync(cancellationToken);
        if (State.PendingAudit.Count > 0)
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
        var page = ReadVersions(before, limit);

        return Task.FromResult(new SecretHistoryPage(page.Key, page.Versions.Select(DescribeVersion).ToArray(),
            page.NextBefore));
    }

    /// <summary>Describes the secret as it is now: never its value.</summary>
    private SecretInfo Describe()
    {
        var previous = PreviousWindow();

        return new SecretInfo(Name, DescribeVersion(Current!), State.Versions[0].UpdatedAt,
            previous is { } window ? new SecretPreviousInfo(window.Version, window.Until) : null,
            RotationStatus());
    }

    private SecretVersionInfo DescribeVersion(ConfigVersion version)
    {
        var details = State.DetailsOf(version.Version);

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
        var versions = State.Versions;
        if (State.Policy is not { Overlap: var overlap } || overlap <= TimeSpan.Zero || versions.Count < 2)
        {
            return null;
        }

        var current = versions[^1];
        var previous = versions[^2];
        var until = current.UpdatedAt + overlap;
        if (current.IsDeleted || previous.IsDeleted || Time.GetUtcNow() >= until)
        {
            return null;
        }

        return (previous.Version, until);
    }

    /// <summary>Turns a result of the shared write path into a secret result.</summary>
    private SecretResult ToSecretResult(ConfigResult result)
    {
        var status = result.Status switch
        {
            ConfigStatus.Created => SecretStatus.Created,
            ConfigStatus.Updated => SecretStatus.Updated,
            ConfigStatus.Unchanged => SecretStatus.Unchanged,
            ConfigStatus.Deleted => SecretStatus.Deleted,
            ConfigStatus.Found => SecretStatus.Found,
            ConfigStatus.EnvironmentNotFound => SecretStatus.EnvironmentNotFound,
            ConfigStatus.PreconditionFailed => SecretStatus.PreconditionFailed,
            ConfigStatus.AuditUnavailable => SecretStatus.AuditUnavailable,
            ConfigStatus.VersionNotFound => SecretStatus.VersionNotFound,
            ConfigStatus.VersionIsDeletion => SecretStatus.VersionHasNoValue,
            _ => SecretStatus.NotFound,
        };

        return result.IsSuccess && Current is not null
            ? new SecretResult(status, Describe(), null, LatestVersion)
            : SecretResult.Failure(status, result.Detail ?? status.ToString(), LatestVersion);
    }

    private SecretResult NotFoundVersion(int version) => ToSecretResult(VersionNotFound(version));

    private SecretResult NoValue(ConfigVersion version) => SecretResult.Failure(SecretStatus.VersionHasNoValue,
        State.DetailsOf(version.Version)?.Destroyed == true
            ? $"The value of version {version.Version} was destroyed by a purge."
            : $"Version {version.Version} records the secret's deletion and has no value.", LatestVersion);

    private SecretCoordinates Coordinates(int version) => new(Namespace, Environment, NormalizedKey, version);
}
