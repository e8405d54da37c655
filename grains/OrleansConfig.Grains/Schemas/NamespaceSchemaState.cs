using System.Text.Json.Serialization;
using OrleansConfig.Audit;

namespace OrleansConfig.Schemas;

/// <summary>Persisted state of a namespace's schema grain, stored as JSON.</summary>
public sealed class NamespaceSchemaState
{
    /// <summary>Raised by every schema change; key grains compare it to reuse what they compiled.</summary>
    public long Revision { get; set; }

    public List<SchemaRecord> Schemas { get; set; } = [];

    /// <summary>Audit records written with the change they record and not yet appended to the chain.</summary>
    public List<AuditRecord> PendingAudit { get; set; } = [];
}

/// <summary>One schema attachment: a key pattern as written, for one environment or all, and its versions.</summary>
public sealed class SchemaRecord
{
    public string Key { get; set; } = "";

    /// <summary>The one environment the schema applies to, or null for every environment of the namespace.</summary>
    public string? Environment { get; set; }

    /// <summary>Every version, oldest first, numbered from 1 without gaps.</summary>
    public List<SchemaVersion> Versions { get; set; } = [];

    [JsonIgnore]
    public SchemaVersion Current => Versions[^1];

    [JsonIgnore]
    public bool IsLive => Versions.Count > 0 && Current.Schema is not null;

    public bool Is(string key, string? environment) =>
        string.Equals(Key, key, StringComparison.OrdinalIgnoreCase) && Environment == environment;

    public SchemaEntry ToEntry() => new(Key, Environment, Current);

    public SchemaDocument ToDocument() => new(Key, Environment, Current.Version, Current.Schema!);
}
