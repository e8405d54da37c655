namespace OrleansConfig.Api.Audit;

/// <summary>
/// A compliance report of one namespace over a period, as <c>GET /v1/audit/reports/{ns}</c> returns it
/// in JSON; the CSV and HTML forms show the same content. <see cref="Environment"/> is null when the
/// report covers every environment. The period includes <see cref="From"/> and excludes <see cref="To"/>.
/// </summary>
public sealed record ReportBody(
    string Namespace,
    string? Environment,
    DateTimeOffset From,
    DateTimeOffset To,
    DateTimeOffset GeneratedAt,
    string GeneratedBy,
    ReportChangesBody Changes,
    ReportSecretRevealsBody SecretReveals,
    ReportIdentitiesBody Identities,
    ReportChainBody Chain,
    ReportNoticeBody StaleItems);

/// <summary>The configuration changes of the period, oldest first, and how many each actor made.</summary>
public sealed record ReportChangesBody(
    int Total,
    IReadOnlyList<ReportActorCountBody> ByActor,
    IReadOnlyList<ReportChangeBody> Items);

public sealed record ReportActorCountBody(string Actor, int Changes);

/// <summary>One configuration change: a <c>config.*</c> audit record.</summary>
public sealed record ReportChangeBody(
    DateTimeOffset Time,
    string Actor,
    string Action,
    string? Environment,
    string? Key,
    int? VersionBefore,
    int? VersionAfter,
    long? Revision,
    string RecordId);

/// <summary>The <c>secret.reveal</c> records of the period. <see cref="Note"/> explains an empty list.</summary>
public sealed record ReportSecretRevealsBody(int Total, IReadOnlyList<ReportSecretRevealBody> Items, string? Note);

public sealed record ReportSecretRevealBody(
    DateTimeOffset Time,
    string Actor,
    string? Environment,
    string? Secret,
    string RecordId);

/// <summary>The keys with access to the namespace. <see cref="Note"/> names the callers the list leaves out.</summary>
public sealed record ReportIdentitiesBody(IReadOnlyList<ReportIdentityBody> Items, string Note);

/// <summary>
/// A key or service token with its grants on the report's scope, without its secret or the secret's hash.
/// <see cref="Status"/> is active, expired or revoked when the report was generated.
/// </summary>
public sealed record ReportIdentityBody(
    string Id,
    string Name,
    string Owner,
    string Kind,
    string Status,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? RevokedAt,
    string? RevokedBy,
    IReadOnlyList<ReportGrantBody> Grants);

/// <summary>A role on all namespaces (both names null), a namespace, or one of its environments.</summary>
public sealed record ReportGrantBody(string Role, string? Namespace, string? Environment);

/// <summary>The result of verifying the namespace's audit chain when the report was generated.</summary>
public sealed record ReportChainBody(
    string Chain,
    bool Intact,
    long Records,
    long? BrokenAt,
    string? Problem,
    long? CheckpointSequence,
    DateTimeOffset? CheckpointTime,
    string Summary);

/// <summary>A section that this version cannot fill yet, with the reason.</summary>
public sealed record ReportNoticeBody(string Note);
