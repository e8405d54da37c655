using OrleansConfig.Configuration;

namespace OrleansConfig.Items;

/// <summary>
/// What every versioned item (configuration key, flag, secret) persists, stored as JSON (see the storage
/// serializer). The environment reads <c>key</c> and the last element of <c>versions</c> straight from
/// the storage table, so renaming these properties changes the storage format. Derived states add
/// properties of their own beside them.
/// </summary>
public class VersionedItemState
{
    /// <summary>The key in the case it was last created with; null before the first write.</summary>
    public string? Key { get; set; }

    /// <summary>Every version, oldest first, numbered from 1 without gaps.</summary>
    public List<ConfigVersion> Versions { get; set; } = [];
}
