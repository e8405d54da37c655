namespace OrleansConfig.Configuration;

/// <summary>
/// Persisted state of a key grain, stored as JSON (see the storage serializer). The environment
/// snapshot query reads <c>key</c> and the last element of <c>versions</c> from it, so renaming these
/// properties changes the storage format.
/// </summary>
public sealed class ConfigKeyState
{
    /// <summary>The key in the case it was last created with; null before the first write.</summary>
    public string? Key { get; set; }

    /// <summary>Every version, oldest first, numbered from 1 without gaps.</summary>
    public List<ConfigVersion> Versions { get; set; } = [];
}
