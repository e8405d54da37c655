using OrleansConfig.Api.Identity;
using OrleansConfig.Audit;
using OrleansConfig.Identity;

namespace OrleansConfig.Api.Audit;

/// <summary>
/// Collects a compliance report from the audit log (changes, secret reveals, chain verification) and
/// from the key grains (identities and grants).
/// </summary>
public sealed class ReportBuilder(IGrainFactory grains)
{
    /// <summary>
    /// The maximum number of configuration changes, and of secret reveals, that one report lists. A longer
    /// period is rejected rather than cut short, so that a report never looks complete when it is not.
    /// </summary>
    public const int MaxChanges = 10_000;

    public const string NoSecretRevealsNote = "None recorded in the period.";

    public const string StaleItemsNote = "Stale flags and secrets overdue for rotation are not listed in this "
        + "report; GET /v1/namespaces/{namespace}/secret-rotations?overdue=true lists the overdue secrets.";

    private const int PageSize = 1000;

    /// <summary>The action that records a secret's value being shown.</summary>
    private const string SecretReveal = "secret.reveal";

    private static readonly string[] ChangeActions =
    [
        AuditActions.ConfigCreate, AuditActions.ConfigUpdate, AuditActions.ConfigDelete, AuditActions.ConfigRollback,
    ];

    /// <summary>
    /// Builds the report, or returns null when the period contains more than <see cref="MaxChanges"/> changes
    /// or more than that many secret reveals.
    /// </summary>
    public async Task<ReportBody?> BuildAsync(ReportRequest request, string requestedBy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);

        var changes = await ReadChangesAsync(request);
        if (changes is null)
        {
            return null;
        }

        var reveals = await ReadAllAsync(Query(request, SecretReveal), MaxChanges);
        if (reveals.Count > MaxChanges)
        {
            return null;
        }

        var identities = await ReadIdentitiesAsync(request, now);
        var verification = await grains.GetGrain<IAuditChainGrain>(request.Namespace).Verify();

        return new ReportBody(request.Namespace, request.Environment, request.From, request.To, now, requestedBy,
            Changes(changes), SecretReveals(reveals), new ReportIdentitiesBody(identities, IdentitiesNote(request)),
            Chain(verification), new ReportNoticeBody(StaleItemsNote));
    }

    /// <summary>Reads every <c>config.*</c> record oldest first, or returns null beyond the maximum.</summary>
    private async Task<List<AuditEntry>?> ReadChangesAsync(ReportRequest request)
    {
        var changes = new List<AuditEntry>();
        foreach (var action in ChangeActions)
        {
            changes.AddRange(await ReadAllAsync(Query(request, action), MaxChanges - changes.Count));
            if (changes.Count > MaxChanges)
            {
                return null;
            }
        }

        changes.Sort((a, b) => a.Record.Time != b.Record.Time
            ? a.Record.Time.CompareTo(b.Record.Time)
            : a.Position.CompareTo(b.Position));

        return changes;
    }

    /// <summary>Reads the matching records page by page, stopping beyond <paramref name="max"/>.</summary>
    private async Task<List<AuditEntry>> ReadAllAsync(AuditQuery query, int max)
    {
        var reader = grains.GetGrain<IAuditQueryGrain>(0);
        var entries = new List<AuditEntry>();
        var page = query;
        while (true)
        {
            var result = await reader.Query(page);
            entries.AddRange(result.Entries);
            if (result.Next is null || entries.Count > max)
            {
                return entries;
            }

            page = page with { After = result.Next };
        }
    }

    private static AuditQuery Query(ReportRequest request, string action) => new(request.From, request.To, null,
        request.Namespace, request.Environment, null, action, null, PageSize, Ascending: true);

    private async Task<IReadOnlyList<ReportIdentityBody>> ReadIdentitiesAsync(ReportRequest request, DateTimeOffset now)
    {
        var ids = await grains.GetGrain<IApiKeyDirectoryGrain>(0).ListKeyIds();

        // NOTE: this reads every key grain, as GET /v1/keys does, so it suits hundreds of keys, not millions.
        var keys = await Task.WhenAll(ids.Select(id => grains.GetGrain<IApiKeyGrain>(id).GetInfo()));

        return keys
            .OfType<ApiKeyInfo>()
            .Select(key => (Key: key, Grants: key.Grants.Where(g => Reaches(g, request)).ToArray()))
            .Where(entry => entry.Grants.Length > 0)
            .OrderBy(entry => entry.Key.CreatedAt)
            .ThenBy(entry => entry.Key.Id, StringComparer.Ordinal)
            .Select(entry => Identity(entry.Key, entry.Grants, now))
            .ToArray();
    }

    /// <summary>True for a grant on all namespaces, on the namespace, or on an environment the report covers.</summary>
    private static bool Reaches(Grant grant, ReportRequest request) =>
        grant.Namespace is null
        || (grant.Namespace == request.Namespace
            && (grant.Environment is null || request.Environment is null || grant.Environment == request.Environment));

    private static ReportIdentityBody Identity(ApiKeyInfo key, Grant[] grants, DateTimeOffset now) => new(
        key.Id, key.Name, key.Owner, KeyResponses.KindName(key.Kind), KeyResponses.StatusName(key, now), key.CreatedAt,
        key.CreatedBy, key.ExpiresAt, key.RevokedAt, key.RevokedBy,
        grants
            .OrderBy(ScopeRank)
            .ThenBy(g => g.Environment, StringComparer.Ordinal)
            .Select(g => new ReportGrantBody(KeyResponses.RoleName(g.Role), g.Namespace, g.Environment))
            .ToArray());

    /// <summary>Ranks grants from the widest scope to the narrowest: all namespaces, namespace, environment.</summary>
    private static int ScopeRank(Grant grant)
    {
        if (grant.Namespace is null)
        {
            return 0;
        }

        return grant.Environment is null ? 1 : 2;
    }

    private static string IdentitiesNote(ReportRequest request)
    {
        var scope = request.Environment is null
            ? $"on namespace '{request.Namespace}' or any of its environments"
            : $"on namespace '{request.Namespace}' or its environment '{request.Environment}'";

        return $"API keys and service tokens with a grant on all namespaces, {scope}, revoked ones included. "
            + "Callers that sign in with JWT bearer tokens take their grants from the token and are not listed.";
    }

    private static ReportChangesBody Changes(List<AuditEntry> entries)
    {
        var items = entries.Select(e => e.Record).Select(r => new ReportChangeBody(r.Time, r.Actor, r.Action,
            r.Environment, r.Resource, r.VersionBefore, r.VersionAfter, r.Revision, r.Id)).ToArray();
        var byActor = items
            .GroupBy(c => c.Actor, StringComparer.Ordinal)
            .Select(g => new ReportActorCountBody(g.Key, g.Count()))
            .OrderByDescending(c => c.Changes)
            .ThenBy(c => c.Actor, StringComparer.Ordinal)
            .ToArray();

        return new ReportChangesBody(items.Length, byActor, items);
    }

    private static ReportSecretRevealsBody SecretReveals(List<AuditEntry> entries)
    {
        var items = entries.Select(e => e.Record).Select(r => new ReportSecretRevealBody(r.Time, r.Actor,
            r.Environment, r.Resource, r.Id)).ToArray();

        return new ReportSecretRevealsBody(items.Length, items, items.Length == 0 ? NoSecretRevealsNote : null);
    }

    private static ReportChainBody Chain(AuditVerification result) => new(result.Chain, result.Intact, result.Records,
        result.BrokenAt, result.Problem, result.CheckpointSequence, result.CheckpointTime, result.Intact
            ? $"intact up to record {result.Records}"
            : $"broken at record {result.BrokenAt}: {result.Problem}");
}
