using OrleansConfig.Audit;

namespace OrleansConfig.Configuration;

/// <summary>Persisted state of the catalog grain: every namespace with its environments.</summary>
public sealed class CatalogState
{
    public Dictionary<string, NamespaceRecord> Namespaces { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Audit records of changes written here but not yet confirmed by their chains.</summary>
    public List<AuditRecord> PendingAudit { get; set; } = [];
}

public sealed class NamespaceRecord
{
    public DateTimeOffset CreatedAt { get; set; }

    public string CreatedBy { get; set; } = "";

    public SortedSet<string> Environments { get; set; } = new(StringComparer.Ordinal);
}
