using OrleansConfig.Configuration;

namespace OrleansConfig.Items;

/// <summary>
/// The item's side of a change set (see <see cref="IEnvironmentGrain.ApplyChangeSet"/>): an entry is checked and
/// the item reserved, then the entry is written without a report of its own, because the environment sequences
/// the whole change set in one batch. While reserved, ordinary writes wait. The commit interleaves with a write
/// that waits, and the write gate keeps it from interleaving with a write in progress.
/// </summary>
public abstract partial class VersionedItemGrain<TState>
{
    /// <summary>How long a change set may hold the item before writes stop waiting for it.</summary>
    private static readonly TimeSpan ReservationTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Serializes every state change: ordinary writes and the interleaving change-set commits.</summary>
    private readonly SemaphoreSlim _writeGate = new(1, 1);

    private Reservation? _reservation;

    /// <summary>
    /// Checks an entry as a write would and reserves the item for <paramref name="changeSetId"/>; returns null
    /// when reserved, else the failure. <paramref name="validate"/> checks a new value's own rules.
    /// </summary>
    protected async Task<ConfigResult?> PrepareChangeCore(ChangeSetEntry entry, string changeSetId,
        Func<string, string, ConfigResult?> validate)
    {
        ArgumentNullException.ThrowIfNull(entry);

        if (_reservation is { } held && held.Id != changeSetId && !held.IsExpired)
        {
            return Precondition($"The {Noun} is held by change set {held.Id}, which is being applied; retry.");
        }

        if (!IsAtExpectedVersion(entry))
        {
            var expected = entry.ExpectedVersion == 0 ? "absent" : $"at version {entry.ExpectedVersion}";

            return Precondition($"The {Noun} '{entry.Key}' is at version {LatestVersion}, not {expected} as the "
                + "change set expects; it changed after the change set was made.");
        }

        var failure = entry.Value is null ? CheckDeletion() : await CheckChangedValue(entry.Key, entry.Value, validate);
        if (failure is not null)
        {
            return failure;
        }

        var expiresAt = System.Environment.TickCount64 + (long)ReservationTimeout.TotalMilliseconds;
        _reservation = new Reservation(changeSetId, expiresAt);

        return null;
    }

    /// <summary>
    /// Writes an entry of a committed change set. A version the change set already wrote is returned as it is;
    /// an item that moved on without being reserved keeps its later version.
    /// </summary>
    protected async Task<ConfigResult> CommitChangeCore(
        ChangeSetEntry entry, string changeSetId, string author, string? comment)
    {
        ArgumentNullException.ThrowIfNull(entry);

        await _writeGate.WaitAsync();
        try
        {
            var written = State.Versions.LastOrDefault(v => v.ChangeSet == changeSetId);
            if (written is not null)
            {
                return new ConfigResult(ConfigStatus.Unchanged, State.Key, written, null, LatestVersion);
            }

            if (_reservation?.Id != changeSetId && !IsAtExpectedVersion(entry))
            {
                return Precondition($"The {Noun} moved to version {LatestVersion} before change set "
                    + $"{changeSetId} reached it, so that later change stands.");
            }

            var previous = Current;
            var version = NewVersion(entry.Value, author, comment) with { ChangeSet = changeSetId };
            await Persist(entry.Value is null ? State.Key! : entry.Key, version);

            return new ConfigResult(StatusOf(previous, version), State.Key, Current, null, LatestVersion);
        }
        finally
        {
            ReleaseChangeCore(changeSetId);
            _writeGate.Release();
        }
    }

    /// <summary>Releases the item when change set <paramref name="changeSetId"/> holds it.</summary>
    protected void ReleaseChangeCore(string changeSetId)
    {
        if (_reservation is { } held && held.Id == changeSetId)
        {
            _reservation = null;
            held.Released.TrySetResult();
        }
    }

    /// <summary>Waits until no change set holds the item, or until its reservation expires.</summary>
    private async Task WaitForReservation()
    {
        while (_reservation is { } held)
        {
            var remaining = held.ExpiresAt - System.Environment.TickCount64;
            if (remaining <= 0)
            {
                logger.LogReservationExpired(Noun, this.GetPrimaryKeyString(), held.Id);
                _reservation = null;

                return;
            }

            await Task.WhenAny(held.Released.Task, Task.Delay(TimeSpan.FromMilliseconds(remaining)));
        }
    }

    /// <summary>Returns true when the item is at the entry's version, or, for version 0, does not exist.</summary>
    private bool IsAtExpectedVersion(ChangeSetEntry entry) => entry.ExpectedVersion == 0
        ? Current is null or { IsDeleted: true }
        : LatestVersion == entry.ExpectedVersion;

    private ConfigResult? CheckDeletion() => Current is null or { IsDeleted: true }
        ? ConfigResult.Failure(ConfigStatus.NotFound, $"The {Noun} does not exist, so the change set cannot delete it.",
            State.Key, LatestVersion)
        : null;

    private async Task<ConfigResult?> CheckChangedValue(string key, string value,
        Func<string, string, ConfigResult?> validate)
    {
        if (validate(key, value) is { } invalid)
        {
            return invalid;
        }

        if (Current is { IsDeleted: false } && !string.Equals(State.Key, key, StringComparison.Ordinal))
        {
            return ConfigResult.Failure(ConfigStatus.CaseConflict,
                $"The {Noun} '{key}' differs only by case from the existing {Noun} '{State.Key}'.",
                State.Key, LatestVersion);
        }

        return await CheckValue(key, value);
    }

    /// <summary>A change set's hold on the item until <see cref="ExpiresAt"/>, in Environment.TickCount64 ms.</summary>
    private sealed class Reservation(string id, long expiresAt)
    {
        public string Id { get; } = id;

        public long ExpiresAt { get; } = expiresAt;

        public TaskCompletionSource Released { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool IsExpired => System.Environment.TickCount64 >= ExpiresAt;
    }
}
