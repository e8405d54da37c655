using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace OrleansConfig.Secrets;

/// <summary>
/// The cluster's keyring (a single grain, key 0): the active and retired key-encryption keys, the keys
/// each silo reported, and the key-encryption key rotation job. A running job advances one batch of
/// secrets per timer tick, storing its progress after each, and a reminder reactivates the grain and the
/// job after a silo restart. Reads are interleaved with a running batch, so secret grains that the job is
/// waiting on can still read the view.
/// </summary>
public sealed partial class KeyringGrain(
    [PersistentState(StorageNames.KeyringState, StorageNames.Provider)] IPersistentState<KeyringState> state,
    [FromKeyedServices(ProductClock.ServiceKey)] TimeProvider time,
    TimeProvider runtimeTime,
    SecretKeyring keyring,
    IOptions<SecretOptions> options,
    ILogger<KeyringGrain> logger) : Grain, IKeyringGrain, IRemindable
{
    /// <summary>The reminder that keeps a running job alive across silo restarts.</summary>
    public const string RotationReminder = "kek-rotation";

    /// <summary>How many finished jobs the keyring keeps.</summary>
    private const int FinishedLimit = 20;

    private readonly Dictionary<string, SiloKeys> _silos = new(StringComparer.Ordinal);
    private IGrainTimer? _timer;
    private bool _reminderRegistered;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Current is not null)
        {
            // Silo reports live in memory only; after a move the preparation waits for them anew.
            _preparingSince = runtimeTime.GetUtcNow();
            StartTimer();
        }

        return Task.CompletedTask;
    }

    public Task<KeyringView> GetView() => Task.FromResult(View());

    public Task ReportSiloKeys(SiloKeys keys)
    {
        ArgumentNullException.ThrowIfNull(keys);

        _silos[keys.Silo] = keys;

        return Task.CompletedTask;
    }

    public Task<KeyringInfo> GetInfo()
    {
        var silos = _silos.Values.OrderBy(s => s.Silo, StringComparer.Ordinal).ToArray();
        var recent = state.State.Finished.AsEnumerable().Reverse().ToArray();

        return Task.FromResult(new KeyringInfo(View(), silos, state.State.Current?.ToStatus(), recent));
    }

    public Task<KekRotationStatus?> GetRotation(string id)
    {
        var status = state.State.Current is { } current && current.Id == id
            ? current.ToStatus()
            : state.State.Finished.FindLast(job => job.Id == id);

        return Task.FromResult(status);
    }

    public async Task<KekRotationStart> StartRotation(KekRotationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);

        if (state.State.Current is { } running)
        {
            return new KekRotationStart(false, running.ToStatus(),
                $"Rotation {running.Id} to '{running.TargetKeyId}' is running ({Describe(running.Phase)}); wait for "
                + "it to finish, and follow it at GET /v1/secrets/keyring/rotations/" + running.Id + ".");
        }

        if (state.State.RetiredKeyIds.Contains(request.TargetKeyId, StringComparer.Ordinal))
        {
            return new KekRotationStart(false, null, $"Key-encryption key '{request.TargetKeyId}' is retired and "
                + "cannot become active again; add a new key to the keyring and rotate to it.");
        }

        var job = new KekRotationJob
        {
            Id = $"kek-{time.GetUtcNow():yyyyMMddHHmmss}-{Guid.NewGuid().ToString("N")[..6]}",
            TargetKeyId = request.TargetKeyId,
            RetirePrevious = request.RetirePrevious,
            Phase = KekRotationPhase.Preparing,
            StartedAt = time.GetUtcNow(),
            StartedBy = request.Author,
        };
        state.State.Current = job;
        await WriteOrUndo(() => state.State.Current = null);
        _preparingSince = runtimeTime.GetUtcNow();
        StartTimer();
        LogStarted(job.Id, job.TargetKeyId, request.Author);
        await EnsureReminder();

        return new KekRotationStart(true, job.ToStatus(), null);
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != RotationReminder)
        {
            return;
        }

        if (state.State.Current is null)
        {
            if (await this.GetReminder(RotationReminder) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }

            return;
        }

        _reminderRegistered = true;
        StartTimer();
    }

    /// <summary>
    /// Registers the reminder that brings a running job back after a restart. A failure is logged and
    /// retried at the next step, because the job itself runs from the timer.
    /// </summary>
    private async Task EnsureReminder()
    {
        if (_reminderRegistered)
        {
            return;
        }

        try
        {
            await this.RegisterOrUpdateReminder(RotationReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
            _reminderRegistered = true;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogReminderFailed(exception);
        }
    }

    private KeyringView View() =>
        new(state.State.ActiveKeyId, [.. state.State.RetiredKeyIds], state.State.Revision);

    private void StartTimer() => _timer ??= this.RegisterGrainTimer(Step,
        new GrainTimerCreationOptions(TimeSpan.Zero, StepPeriod) { KeepAlive = true });

    private void StopTimer()
    {
        _timer?.Dispose();
        _timer = null;
    }

    /// <summary>Writes the state; on failure <paramref name="undo"/> restores memory to match storage.</summary>
    private async Task WriteOrUndo(Action undo)
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            undo();
            throw;
        }
    }

    private static string Describe(KekRotationPhase phase) => phase switch
    {
        KekRotationPhase.Preparing => "preparing",
        KekRotationPhase.Rewrapping => "rewrapping",
        KekRotationPhase.Verifying => "verifying",
        KekRotationPhase.Retiring => "retiring",
        KekRotationPhase.Completed => "completed",
        _ => "failed",
    };
}
