using OrleansConfig.Changes;

namespace OrleansConfig.Configuration;

/// <summary>Converts between item versions and change events.</summary>
public static class ConfigEvents
{
    /// <summary>The event of a configuration key's <paramref name="version"/>.</summary>
    public static ChangeEvent From(string key, ConfigVersion version) => From(ChangeKind.Config, key, version);

    /// <summary>
    /// The event of <paramref name="version"/>, with revision 0 until the environment sequences it. A secret's
    /// event never carries its stored value, which is ciphertext.
    /// </summary>
    public static ChangeEvent From(ChangeKind kind, string key, ConfigVersion version) => new(0, kind, key,
        version.Version, kind == ChangeKind.Secret ? null : version.Value, version.IsDeleted, version.Author,
        version.UpdatedAt, version.Comment, version.RolledBackFrom, version.Action, version.ChangeSet);

    /// <summary>
    /// The version an event records. A secret's event has no value, so a live secret's version gets the JSON
    /// <c>null</c> as a stand-in, which keeps it apart from a tombstone.
    /// </summary>
    public static ConfigChange ToChange(ChangeEvent change) => new(change.Key, new ConfigVersion(change.Version,
        change.Deleted ? null : change.Value ?? "null", change.Time, change.Actor, change.Comment,
        change.RolledBackFrom, change.Action, change.ChangeSet));
}
