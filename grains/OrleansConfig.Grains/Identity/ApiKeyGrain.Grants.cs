using OrleansConfig.Audit;

namespace OrleansConfig.Identity;

/// <summary>
/// Changes to a key's grants. A key has at most one grant per scope, and a service token keeps the
/// one grant it was created with.
/// </summary>
public sealed partial class ApiKeyGrain
{
    public async Task<ApiKeyInfo?> SetGrant(Grant grant, string grantedBy)
    {
        ArgumentNullException.ThrowIfNull(grant);
        ArgumentException.ThrowIfNullOrEmpty(grantedBy);
        if (ApiKeyRules.ValidateGrant(grant) is { } problem)
        {
            throw new ArgumentException(problem, nameof(grant));
        }

        if (!CanChangeGrants())
        {
            return null;
        }

        var key = state.State;
        var index = key.Grants.FindIndex(g => ApiKeyRules.IsOnScope(g, grant.Namespace, grant.Environment));
        var previousRole = index >= 0 ? key.Grants[index].Role : (Role?)null;
        if (index >= 0 && key.Grants[index] == grant)
        {
            return ToInfo();
        }

        await FlushAudit();
        var previousGrants = key.Grants;
        key.Grants = [.. key.Grants.Where((_, i) => i != index), grant];
        var record = KeyRecord(AuditActions.GrantSet, grantedBy, AuditSummaries.Of(("role", grant.Role.ToString()),
            ("previousRole", previousRole?.ToString()),
            ("secrets", grant.Secrets is null ? null : string.Join(",", grant.Secrets))),
            grant.Namespace, grant.Environment);
        key.PendingAudit.Add(record);
        await WriteOrUndo(() =>
        {
            key.Grants = previousGrants;
            key.PendingAudit.Remove(record);
        });
        await FlushAudit();
        LogGrantSet(key.Id, grant.ToString(), grantedBy, previousRole?.ToString() ?? "none");

        return ToInfo();
    }

    public async Task<ApiKeyInfo?> RemoveGrant(string? ns, string? env, string removedBy)
    {
        ArgumentException.ThrowIfNullOrEmpty(removedBy);

        if (!CanChangeGrants())
        {
            return null;
        }

        var key = state.State;
        var removed = key.Grants.Find(g => ApiKeyRules.IsOnScope(g, ns, env));
        if (removed is null)
        {
            return ToInfo();
        }

        await FlushAudit();
        var previousGrants = key.Grants;
        key.Grants = [.. key.Grants.Where(g => !ReferenceEquals(g, removed))];
        var record = KeyRecord(AuditActions.GrantRemove, removedBy,
            AuditSummaries.Of(("role", removed.Role.ToString())),
            removed.Namespace, removed.Environment);
        key.PendingAudit.Add(record);
        await WriteOrUndo(() =>
        {
            key.Grants = previousGrants;
            key.PendingAudit.Remove(record);
        });
        await FlushAudit();
        LogGrantRemoved(key.Id, removed.ToString(), removedBy);

        return ToInfo();
    }

    /// <summary>Returns false for a missing or revoked key; throws for a service token.</summary>
    private bool CanChangeGrants()
    {
        var key = state.State;
        if (!key.Exists || key.RevokedAt is not null)
        {
            return false;
        }

        if (key.Kind == ApiKeyKind.ServiceToken)
        {
            throw new InvalidOperationException(
                $"The service token {key.Id} has exactly the grant it was created with; create a new token instead.");
        }

        return true;
    }
}
