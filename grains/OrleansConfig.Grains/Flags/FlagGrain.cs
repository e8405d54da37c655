using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansConfig.Audit;
using OrleansConfig.Changes;
using OrleansConfig.Configuration;
using OrleansConfig.Items;

namespace OrleansConfig.Flags;

/// <summary>
/// One feature flag of one environment. Each version's value is the flag document (see
/// <see cref="FlagDocument"/>), checked before it is stored; lifecycle changes and scheduled changes are
/// versions too, so they are in the history, on the change stream and in the audit log. Scheduled changes
/// fire from one reminder per flag, due at the earliest pending change, and apply only what is pending and
/// due when it fires, so a cancelled or moved change never applies at its old time.
/// </summary>
public sealed partial class FlagGrain(
    [PersistentState(StorageNames.FlagState, StorageNames.Provider)] IPersistentState<FlagGrainState> state,
    [FromKeyedServices(ProductClock.ServiceKey)] TimeProvider time,
    IOptions<ConfigStoreOptions> options,
    IOptions<AuditOptions> auditOptions,
    ILogger<FlagGrain> logger) : VersionedItemGrain<FlagGrainState>(state, time, logger), IFlagGrain, IRemindable
{
    /// <summary>The name of the reminder that applies due scheduled changes.</summary>
    public const string ScheduleReminder = "flag-schedules";

    protected override ChangeKind Kind => ChangeKind.Flag;

    protected override string Noun => "flag";

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await base.OnActivateAsync(cancellationToken);
        if (State.PendingAudit.Count > 0)
        {
            await FlushAudit();
        }
    }

    public Task<ConfigResult> Put(ConfigPut request)
    {
        ArgumentNullException.ThrowIfNull(request);

        var keyProblem = FlagKeyRules.ValidateKey(request.Key);
        if (keyProblem is not null)
        {
            return Task.FromResult(ConfigResult.Failure(ConfigStatus.InvalidKey, keyProblem, request.Key));
        }

        if (FlagKeyRules.Normalize(request.Key) != NormalizedKey)
        {
            return Task.FromResult(ConfigResult.Failure(ConfigStatus.InvalidKey,
                $"The flag key '{request.Key}' does not belong to the grain '{this.GetPrimaryKeyString()}'.",
                request.Key));
        }

        var parsed = Parse(request.Key, request.Value, out var failure);
        if (parsed is null)
        {
            return Task.FromResult(failure!);
        }

        return Commit(request.Conditions, () => DecidePut(request, parsed));
    }

    public async Task<ConfigResult> Delete(ConfigDelete request)
    {
        ArgumentNullException.ThrowIfNull(request);

        var result = await Commit(request.Conditions, () => DecideDelete(request));
        if (result.Status == ConfigStatus.Deleted)
        {
            await EndPendingSchedules(FlagScheduleStatus.Cancelled, "The flag was deleted.");
        }

        return result;
    }

    public Task<ConfigResult> Rollback(ConfigRollback request)
    {
        ArgumentNullException.ThrowIfNull(request);

        return Commit(request.Conditions, () =>
        {
            if (CurrentDocument() is { IsArchived: true })
            {
                return Decision.Return(ArchivedRefusal("roll it back"));
            }

            // A rollback restores the definition; the lifecycle stays where it is.
            var lifecycle = CurrentDocument()?.Lifecycle ?? FlagLifecycles.Active;

            return DecideRollback(request, value =>
            {
                var document = Parse(State.Key!, value, out var failure);

                return document is null ? (null, failure) : (document.With(lifecycle: lifecycle).Write(), null);
            });
        });
    }

    public Task<ConfigResult> SetLifecycle(FlagLifecycleChange request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!FlagLifecycles.IsSettable(request.Lifecycle))
        {
            return Task.FromResult(ConfigResult.Failure(ConfigStatus.InvalidValue,
                $"The lifecycle '{request.Lifecycle}' is not one a flag can be set to; use \"active\", \"stale\" or "
                + $"\"archived\" ({FlagLifecycles.PotentiallyStale} is computed from the flag's age).", State.Key,
                LatestVersion));
        }

        return Commit(request.Conditions, () =>
        {
            var document = CurrentDocument();
            if (document is null)
            {
                return Decision.Return(Read(null));
            }

            if (document.Lifecycle == request.Lifecycle)
            {
                return Decision.Return(Unchanged(Current!));
            }

            var action = request.Lifecycle == FlagLifecycles.Archived ? "archive"
                : document.IsArchived ? "restore"
                : "lifecycle";
            var comment = request.Comment ?? $"Lifecycle {document.Lifecycle} → {request.Lifecycle}";

            return Decision.Store(State.Key!, NewVersion(document.With(lifecycle: request.Lifecycle).Write(),
                request.Author, comment, action: action));
        });
    }

    public Task<ConfigResult> Get(int? version) => Task.FromResult(Read(version));

    public Task<ConfigHistoryPage> GetVersions(int? before, int limit) => Task.FromResult(ReadVersions(before, limit));

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != ScheduleReminder)
        {
            return;
        }

        await ApplyDueSchedules();
    }

    /// <summary>Parses a document, returning null and the failure to return when it is not a valid flag.</summary>
    private FlagDocument? Parse(string key, string json, out ConfigResult? failure)
    {
        failure = null;
        var bytes = Encoding.UTF8.GetByteCount(json);
        if (bytes > options.Value.MaxValueBytes)
        {
            failure = ConfigResult.Failure(ConfigStatus.ValueTooLarge,
                string.Create(CultureInfo.InvariantCulture,
                    $"The flag definition is {bytes:N0} bytes; the maximum is {options.Value.MaxValueBytes:N0}."), key,
                LatestVersion);

            return null;
        }

        var parsed = FlagDocument.Read(key, json);
        if (parsed.Definition is { } document)
        {
            return document;
        }

        var errors = parsed.Problems.Where(p => p.Severity == FlagProblemSeverity.Error)
            .Select(p => $"{p.Path}: {p.Message}");
        failure = ConfigResult.Failure(ConfigStatus.InvalidValue,
            $"The flag definition is not valid. {string.Join(" ", errors)}", key, LatestVersion);

        return null;
    }

    private Decision DecidePut(ConfigPut request, FlagDocument document)
    {
        var current = Current;
        var currentDocument = CurrentDocument();
        if (current is { IsDeleted: false } && !string.Equals(State.Key, request.Key, StringComparison.Ordinal))
        {
            return Decision.Return(ConfigResult.Failure(ConfigStatus.CaseConflict,
                $"The flag key '{request.Key}' differs only by case from the existing flag '{State.Key}'; flag keys "
                + "that differ only by case name the same flag, so write to the existing key or delete it first.",
                State.Key, LatestVersion));
        }

        if (currentDocument is { IsArchived: true })
        {
            return Decision.Return(ArchivedRefusal("change it"));
        }

        var value = document.With(lifecycle: currentDocument?.Lifecycle ?? FlagLifecycles.Active).Write();
        if (current is { IsDeleted: false } && current.Value == value)
        {
            return Decision.Return(Unchanged(current));
        }

        return Decision.Store(request.Key, NewVersion(value, request.Author, request.Comment));
    }

    private ConfigResult ArchivedRefusal(string what) => ConfigResult.Failure(ConfigStatus.Conflict,
        $"The flag '{State.Key}' is archived; restore it (POST …/flags/{State.Key}/restore) before you {what}.",
        State.Key, LatestVersion);

    /// <summary>The current version's document, or null when the flag does not exist or is deleted.</summary>
    private FlagDocument? CurrentDocument() =>
        Current is { IsDeleted: false, Value: { } value } ? FlagDocument.Read(State.Key!, value).Definition : null;

    private Task FlushAudit() =>
        AuditOutbox.FlushAsync(GrainFactory, State.PendingAudit, auditOptions.Value.WriteTimeout);
}
