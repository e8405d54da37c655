using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Storage;
using OrleansConfig.Audit;

namespace OrleansConfig.Identity;

/// <summary>
/// One API key or service token, keyed by its public id. It stores the SHA-256 of the secret, never
/// the secret, and at most one grant per scope. A service token keeps the one grant it was created
/// with: <see cref="SetGrant"/> and <see cref="RemoveGrant"/> throw for it.
/// </summary>
public sealed partial class ApiKeyGrain(
    [PersistentState(StorageNames.ApiKeyState, StorageNames.Provider)] IPersistentState<ApiKeyState> state,
    TimeProvider time,
    IOptions<AuditOptions> auditOptions,
    ILogger<ApiKeyGrain> logger) : Grain, IApiKeyGrain
{
    private static readonly AuthenticationResult InvalidResult = new(AuthenticationStatus.Invalid, null);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        try
        {
            await FlushAudit();
        }
        catch (AuditUnavailableException)
        {
            // Left pending: the next change tries again and fails while the audit log is unavailable.
        }
    }

    public async Task<ApiKeyInfo?> Create(ApiKeyCreate request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (ApiKeyRules.ValidateCreate(request) is { } problem)
        {
            throw new ArgumentException(problem, nameof(request));
        }

        if (state.State.Exists)
        {
            return null;
        }

        await FlushAudit();
        var previous = state.State;
        state.State = NewState(request);
        state.State.PendingAudit.Add(KeyRecord(AuditActions.KeyCreate, request.CreatedBy, AuditSummaries.Of(
            ("name", request.Name), ("kind", request.Kind.ToString()), ("grants", string.Join("; ", request.Grants)))));
        await WriteOrUndo(() => state.State = previous);
        await FlushAudit();
        LogCreated(state.State.Id, request.Kind, request.Name, request.CreatedBy, string.Join("; ", request.Grants));

        return ToInfo();
    }

    public Task<AuthenticationResult> Authenticate(byte[] secretHash)
    {
        ArgumentNullException.ThrowIfNull(secretHash);

        var key = state.State;
        if (!key.Exists || !CryptographicOperations.FixedTimeEquals(key.SecretHash, secretHash))
        {
            return Task.FromResult(InvalidResult);
        }

        var status = AuthenticationStatus.Authenticated;
        if (key.RevokedAt is not null)
        {
            status = AuthenticationStatus.Revoked;
        }
        else if (key.ExpiresAt <= time.GetUtcNow())
        {
            status = AuthenticationStatus.Expired;
        }

        return Task.FromResult(new AuthenticationResult(status, ToInfo()));
    }

    public Task<ApiKeyInfo?> GetInfo() => Task.FromResult(state.State.Exists ? ToInfo() : null);

    public async Task<ApiKeyInfo?> Revoke(string revokedBy)
    {
        ArgumentException.ThrowIfNullOrEmpty(revokedBy);

        var key = state.State;
        if (!key.Exists || key.RevokedAt is not null)
        {
            return key.Exists ? ToInfo() : null;
        }

        await FlushAudit();
        key.RevokedAt = time.GetUtcNow();
        key.RevokedBy = revokedBy;
        var record = KeyRecord(AuditActions.KeyRevoke, revokedBy, null);
        key.PendingAudit.Add(record);
        await WriteOrUndo(() =>
        {
            key.RevokedAt = null;
            key.RevokedBy = null;
            key.PendingAudit.Remove(record);
        });
        await FlushAudit();
        LogRevoked(key.Id, revokedBy);

        return ToInfo();
    }

    private ApiKeyState NewState(ApiKeyCreate request) => new()
    {
        Exists = true,
        Id = this.GetPrimaryKeyString(),
        Name = request.Name,
        Owner = request.Owner,
        Kind = request.Kind,
        SecretHash = request.SecretHash.ToArray(),
        CreatedAt = time.GetUtcNow(),
        CreatedBy = request.CreatedBy,
        CreatorId = request.CreatorId,
        ExpiresAt = request.ExpiresAt,
        Grants = [.. request.Grants],
    };

    /// <summary>
    /// Writes the state; if the write fails, runs <paramref name="undo"/> so memory matches storage.
    /// An <see cref="InconsistentStateException"/> from a concurrent writer escapes on purpose: the
    /// Orleans runtime (10.x) then deactivates this activation, so a retry reads the stored row.
    /// </summary>
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

    private Task FlushAudit() =>
        AuditOutbox.FlushAsync(GrainFactory, state.State.PendingAudit, auditOptions.Value.WriteTimeout);

    private AuditRecord KeyRecord(
        string action, string actor, string? summary, string? ns = null, string? env = null)
    {
        var kind = action.StartsWith("grant", StringComparison.Ordinal) ? "grant" : "key";

        return AuditOutbox.Record(time.GetUtcNow(), actor, action, ns, env, kind, this.GetPrimaryKeyString(), summary);
    }

    private ApiKeyInfo ToInfo()
    {
        var key = state.State;

        return new ApiKeyInfo(key.Id, key.Name, key.Owner, key.Kind, key.CreatedAt, key.CreatedBy, key.ExpiresAt,
            key.RevokedAt, key.RevokedBy, key.Grants.ToArray(), key.CreatorId);
    }
}
