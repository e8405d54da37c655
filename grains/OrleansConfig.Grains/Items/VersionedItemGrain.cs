using Microsoft.Extensions.Logging;
using Orleans.Storage;
using OrleansConfig.Changes;
using OrleansConfig.Configuration;

namespace OrleansConfig.Items;

/// <summary>
/// A versioned item of one environment: a configuration key, a flag or a secret. Its whole history is
/// in memory and persisted as one row; every change is a new version. A change is acknowledged only after
/// the row is written and the environment has sequenced the version, which puts it in the change log,
/// on the change stream and in the audit log.
/// </summary>
public abstract partial class VersionedItemGrain<TState>(
    IPersistentState<TState> state,
    TimeProvider time,
    ILogger logger) : Grain
    where TState : VersionedItemState, new()
{
    private bool _environmentExists;

    /// <summary>The latest version the environment grain has confirmed; 0 until one is.</summary>
    private int _reportedVersion;

    protected string Namespace { get; private set; } = "";

    protected string Environment { get; private set; } = "";

    protected string NormalizedKey { get; private set; } = "";

    /// <summary>The kind the environment sequences this item's versions as.</summary>
    protected abstract ChangeKind Kind { get; }

    /// <summary>How messages name this item: "key", "flag" or "secret".</summary>
    protected abstract string Noun { get; }

    protected TState State => state.State;

    protected TimeProvider Time => time;

    protected ConfigVersion? Current => state.State.Versions.Count > 0 ? state.State.Versions[^1] : null;

    protected int LatestVersion => Current?.Version ?? 0;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (Namespace, Environment, NormalizedKey) = GrainKeys.ParseConfigKey(this.GetPrimaryKeyString());

        return Task.CompletedTask;
    }

    /// <summary>Reads the current version, or <paramref name="version"/> when given.</summary>
    protected ConfigResult Read(int? version)
    {
        var key = state.State.Key;
        if (version is null)
        {
            var current = Current;

            return current switch
            {
                null => ConfigResult.Failure(ConfigStatus.NotFound, $"The {Noun} does not exist."),
                { IsDeleted: true } => ConfigResult.Failure(ConfigStatus.NotFound,
                    $"The {Noun} was deleted at version {current.Version}; read an older version with ?version=N.",
                    key, current.Version),
                _ => new ConfigResult(ConfigStatus.Found, key, current, null, current.Version),
            };
        }

        return FindVersion(version.Value) switch
        {
            null => VersionNotFound(version.Value),
            { IsDeleted: true } found => ConfigResult.Failure(ConfigStatus.VersionIsDeletion,
                $"Version {found.Version} of the {Noun} records its deletion and has no value.", key, LatestVersion),
            var found => new ConfigResult(ConfigStatus.Found, key, found, null, LatestVersion),
        };
    }

    /// <summary>
    /// Reads up to <paramref name="limit"/> versions older than <paramref name="before"/>, newest first.
    /// </summary>
    protected ConfigHistoryPage ReadVersions(int? before, int limit)
    {
        var versions = state.State.Versions;
        var end = before is int b ? Math.Clamp(b - 1, 0, versions.Count) : versions.Count;
        var count = Math.Clamp(limit, 1, 1000);
        var start = Math.Max(0, end - count);

        var page = new List<ConfigVersion>(end - start);
        for (var i = end - 1; i >= start; i--)
        {
            page.Add(versions[i]);
        }

        int? next = start > 0 ? versions[start].Version : null;

        return new ConfigHistoryPage(state.State.Key, page, next);
    }

    protected ConfigVersion? FindVersion(int version) =>
        version >= 1 && version <= state.State.Versions.Count ? state.State.Versions[version - 1] : null;

    protected ConfigResult VersionNotFound(int version) => ConfigResult.Failure(ConfigStatus.VersionNotFound,
        LatestVersion == 0
            ? $"Version {version} does not exist: the {Noun} has no versions."
            : $"Version {version} does not exist: the {Noun} has versions 1 to {LatestVersion}.",
        state.State.Key, LatestVersion);

    /// <summary>Decides a deletion: a tombstone version, unless there is nothing to delete.</summary>
    protected Decision DecideDelete(ConfigDelete request)
    {
        var current = Current;
        if (current is null or { IsDeleted: true })
        {
            return Decision.Return(ConfigResult.Failure(ConfigStatus.NotFound,
                current is null
                    ? $"The {Noun} does not exist."
                    : $"The {Noun} was already deleted at version {current.Version}.",
                state.State.Key, LatestVersion));
        }

        return Decision.Store(state.State.Key!, NewVersion(null, request.Author, request.Comment));
    }

    /// <summary>
    /// Decides a rollback: a new version with the value of <see cref="ConfigRollback.Version"/>, passed
    /// through <paramref name="restore"/> (which may adjust it, or return a result to refuse).
    /// </summary>
    protected Decision DecideRollback(ConfigRollback request, Func<string, (string? Value, ConfigResult? Refusal)>?
        restore = null)
    {
        var target = FindVersion(request.Version);
        if (target is null)
        {
            return Decision.Return(VersionNotFound(request.Version));
        }

        if (target.IsDeleted)
        {
            return Decision.Return(ConfigResult.Failure(ConfigStatus.VersionIsDeletion,
                $"Version {target.Version} records the {Noun}'s deletion; roll back to a version that has a value, "
                + $"or DELETE the {Noun}.", state.State.Key, LatestVersion));
        }

        var value = target.Value!;
        if (restore is not null)
        {
            var (restored, refusal) = restore(value);
            if (refusal is not null)
            {
                return Decision.Return(refusal);
            }

            value = restored!;
        }

        var current = Current!;
        if (!current.IsDeleted && current.Value == value)
        {
            return Decision.Return(Unchanged(current));
        }

        var comment = request.Comment ?? $"Rollback to version {target.Version}";

        return Decision.Store(state.State.Key!, NewVersion(value, request.Author, comment, target.Version));
    }

    protected ConfigResult Unchanged(ConfigVersion current) =>
        new(ConfigStatus.Unchanged, state.State.Key, current, null, current.Version);

    protected ConfigVersion NewVersion(string? value, string author, string? comment, int? rolledBackFrom = null,
        string? action = null) =>
        new(LatestVersion + 1, value, time.GetUtcNow(), author, comment, rolledBackFrom, action);

    /// <summary>What a write decided: a new version to store, or a result to return as it is.</summary>
    protected readonly record struct Decision(ConfigVersion? NewVersion, string? Key, ConfigResult? Result)
    {
        public static Decision Return(ConfigResult result) => new(null, null, result);

        public static Decision Store(string key, ConfigVersion version) => new(version, key, null);
    }
}
