using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansConfig.Audit;
using OrleansConfig.Changes;
using OrleansConfig.Configuration;

namespace OrleansConfig.Drift;

/// <summary>
/// The registered desired state of one environment and its checks. Checks are due in product time. A reminder
/// wakes the grain after a restart, and while active the grain polls the product clock, so a check runs within
/// one poll interval of being due.
/// </summary>
public sealed partial class EnvironmentDriftGrain(
    [PersistentState(StorageNames.DesiredState, StorageNames.Provider)] IPersistentState<EnvironmentDriftState> state,
    [FromKeyedServices(ProductClock.ServiceKey)] TimeProvider time,
    IOptions<DriftCheckOptions> options,
    IOptions<AuditOptions> auditOptions,
    ILogger<EnvironmentDriftGrain> logger) : Grain, IEnvironmentDriftGrain, IRemindable
{
    private const string CheckReminder = "drift-check";

    /// <summary>The shortest reminder period the Orleans reminder service accepts by default.</summary>
    private static readonly TimeSpan MinimumReminderPeriod = TimeSpan.FromMinutes(1);

    private IGrainTimer? _poll;

    private string Key => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Registration is not null)
        {
            StartPolling();
        }

        try
        {
            await FlushAudit();
        }
        catch (AuditUnavailableException)
        {
            // Left pending: the next registration tries again.
        }
    }

    public async Task<DriftReport?> Register(DesiredStateRegistration registration)
    {
        ArgumentNullException.ThrowIfNull(registration);

        await FlushAudit();
        var (ns, env) = GrainKeys.ParseEnvironment(Key);
        var previous = (state.State.Registration, state.State.ReportedSignature);
        state.State.Registration = registration;
        state.State.ReportedSignature = null;
        var summary = AuditSummaries.Of(("format", registration.Format),
            ("configuration", Count(registration.State.Configuration)), ("flags", Count(registration.State.Flags)));
        var audit = AuditOutbox.Record(registration.RegisteredAt, registration.Author, "desired-state.register", ns,
            env, "desired-state", env, summary);
        await Save(audit, () => (state.State.Registration, state.State.ReportedSignature) = previous);
        await this.RegisterOrUpdateReminder(CheckReminder, ReminderPeriod, ReminderPeriod);
        StartPolling();
        LogRegistered(Key, registration.Author);

        return await Check("register");
    }

    public Task<DesiredStateRegistration?> GetRegistration() => Task.FromResult(state.State.Registration);

    public async Task<bool> Unregister(string author)
    {
        if (state.State.Registration is not { } registration)
        {
            return false;
        }

        await FlushAudit();
        var (ns, env) = GrainKeys.ParseEnvironment(Key);
        var latest = state.State.Latest;
        state.State.Registration = null;
        state.State.Latest = null;
        state.State.NextCheckAt = null;
        var audit = AuditOutbox.Record(time.GetUtcNow(), author, "desired-state.unregister", ns, env,
            "desired-state", env, null);
        await Save(audit, () => (state.State.Registration, state.State.Latest) = (registration, latest));
        _poll?.Dispose();
        _poll = null;
        if (await this.GetReminder(CheckReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }

        return true;
    }

    public Task<DriftReport?> GetLatest() => Task.FromResult(state.State.Latest);

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == CheckReminder)
        {
            await CheckIfDue();
        }
    }

    private TimeSpan ReminderPeriod =>
        options.Value.Interval > MinimumReminderPeriod ? options.Value.Interval : MinimumReminderPeriod;

    private void StartPolling()
    {
        var poll = options.Value.PollInterval;
        _poll ??= this.RegisterGrainTimer(_ => CheckIfDue(), new GrainTimerCreationOptions(poll, poll));
    }

    private async Task CheckIfDue()
    {
        if (state.State.Registration is null || state.State.NextCheckAt > time.GetUtcNow())
        {
            return;
        }

        try
        {
            await Check("schedule");
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogCheckFailed(Key, exception);
        }
    }

    /// <summary>Writes the state with an audit record, then appends the record to the chain.</summary>
    private async Task Save(AuditRecord audit, Action undo)
    {
        state.State.PendingAudit.Add(audit);
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State.PendingAudit.Remove(audit);
            undo();
            throw;
        }

        await FlushAudit();
    }

    private Task FlushAudit() =>
        AuditOutbox.FlushAsync(GrainFactory, state.State.PendingAudit, auditOptions.Value.WriteTimeout);

    private static string? Count<T>(IReadOnlyList<T>? items) =>
        items?.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
