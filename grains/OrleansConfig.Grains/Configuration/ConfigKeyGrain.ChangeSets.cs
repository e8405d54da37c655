using OrleansConfig.Changes;

namespace OrleansConfig.Configuration;

public sealed partial class ConfigKeyGrain
{
    /// <summary>How long a change set may hold the key before writes stop waiting for it.</summary>
    private static readonly TimeSpan ReservationTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Serializes every state change: ordinary writes and the interleaving change-set commits.</summary>
    private readonly SemaphoreSlim _writeGate = new(1, 1);

    private Reservation? _reservation;

    public async Task<ConfigResult?> PrepareChange(ChangeSetEntry entry, string changeSetId)
    {
        ArgumentNullException.ThrowIfNull(entry);

        if (_reservation is { } held && held.Id != changeSetId && !held.IsExpired)
        {
            return Precondition($"The key is held by change set {held.Id}, which is being applied; retry.");
        }

        if (LatestVersion != entry.ExpectedVersion)
        {
            return Precondition($"The key '{entry.Key}' is at version {LatestVersion}, not {entry.ExpectedVersion} as "
                + "the change set expects; it changed after the change set was made.");
        }

        var failure = entry.Value is null ? CheckDeletion() : await CheckWrite(entry.Key, entry.Value);
        if (failure is not null)
        {
            return failure;
        }

        var expiresAt = Environment.TickCount64 + (long)ReservationTimeout.TotalMilliseconds;
        _reservation = new Reservation(changeSetId, expiresAt);

        return null;
    }

    public async Task<ConfigResult> CommitChange(
        ChangeSetEntry entry, string changeSetId, string author, string? comment)
    {
        ArgumentNullException.ThrowIfNull(entry);

        await _writeGate.WaitAsync();
        try
        {
            var written = state.State.Versions.LastOrDefault(v => v.ChangeSet == changeSetId);
            if (written is not null)
            {
                return new ConfigResult(ConfigStatus.Unchanged, state.State.Key, written, null, LatestVersion);
            }

            if (_reservation?.Id != changeSetId && LatestVersion != entry.ExpectedVersion)
            {
                return Precondition($"The key moved to version {LatestVersion} before change set {changeSetId} "
                    + "reached it, so that later change stands.");
            }

            var previous = Current;
            var version = NewVersion(entry.Value, author, comment, null) with { ChangeSet = changeSetId };
            await Persist(entry.Value is null ? state.State.Key! : entry.Key, version);

            return new ConfigResult(StatusOf(previous, version), state.State.Key, Current, null, LatestVersion);
        }
        finally
        {
            Release(changeSetId);
            _writeGate.Release();
        }
    }

    public Task ReleaseChange(string changeSetId)
    {
        Release(changeSetId);

        return Task.CompletedTask;
    }

    /// <summary>Waits until no change set holds the key, or until its reservation expires.</summary>
    private async Task WaitForReservation()
    {
        while (_reservation is { } held)
        {
            var remaining = held.ExpiresAt - Environment.TickCount64;
            if (remaining <= 0)
            {
                LogReservationExpired(this.GetPrimaryKeyString(), held.Id);
                _reservation = null;

                return;
            }

            await Task.WhenAny(held.Released.Task, Task.Delay(TimeSpan.FromMilliseconds(remaining)));
        }
    }

    private void Release(string changeSetId)
    {
        if (_reservation is { } held && held.Id == changeSetId)
        {
            _reservation = null;
            held.Released.TrySetResult();
        }
    }

    private ConfigResult? CheckDeletion() => Current is null or { IsDeleted: true }
        ? ConfigResult.Failure(ConfigStatus.NotFound, "The key does not exist, so the change set cannot delete it.",
            state.State.Key, LatestVersion)
        : null;

    private async Task<ConfigResult?> CheckWrite(string key, string value)
    {
        var invalid = ValidatePut(new ConfigPut(key, value, "", null, WriteConditions.None));
        if (invalid is not null)
        {
            return invalid;
        }

        if (Current is { IsDeleted: false } && !string.Equals(state.State.Key, key, StringComparison.Ordinal))
        {
            return ConfigResult.Failure(ConfigStatus.CaseConflict,
                $"The key '{key}' differs only by case from the existing key '{state.State.Key}'.",
                state.State.Key, LatestVersion);
        }

        return await CheckSchemas(key, value);
    }

    /// <summary>A change set's hold on the key until <see cref="ExpiresAt"/>, in Environment.TickCount64 ms.</summary>
    private sealed class Reservation(string id, long expiresAt)
    {
        public string Id { get; } = id;

        public long ExpiresAt { get; } = expiresAt;

        public TaskCompletionSource Released { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool IsExpired => Environment.TickCount64 >= ExpiresAt;
    }
}
