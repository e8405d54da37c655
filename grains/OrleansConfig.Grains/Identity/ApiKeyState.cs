using OrleansConfig.Audit;

namespace OrleansConfig.Identity;

/// <summary>Persisted state of an API key grain. The secret itself is never stored, only its hash.</summary>
public sealed class ApiKeyState
{
    public bool Exists { get; set; }

    public string Id { get; set; } = "";

    public string Name { get; set; } = "";

    public string Owner { get; set; } = "";

    public ApiKeyKind Kind { get; set; }

    /// <summary>SHA-256 of the key's secret part, 32 bytes.</summary>
    public byte[] SecretHash { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }

    public string CreatedBy { get; set; } = "";

    public string? CreatorId { get; set; }

    public DateTimeOffset? ExpiresAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    public string? RevokedBy { get; set; }

    /// <summary>At most one grant per scope.</summary>
    public List<Grant> Grants { get; set; } = [];

    /// <summary>Audit records of changes written here but not yet confirmed by their chains.</summary>
    public List<AuditRecord> PendingAudit { get; set; } = [];
}
