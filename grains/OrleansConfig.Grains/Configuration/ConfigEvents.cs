using OrleansConfig.Changes;

namespace OrleansConfig.Configuration;

/// <summary>Converts between configuration versions and change events.</summary>
public static class ConfigEvents
{
    /// <summary>The event of <paramref name="version"/>, with revision 0 until the environment sequences it.</summary>
    public static ChangeEvent From(string key, ConfigVersion version) => new(0, ChangeKind.Config, key,
        version.Version, version.Value, version.IsDeleted, version.Author, version.UpdatedAt, version.Comment,
        version.RolledBackFrom);

    public static ConfigChange ToChange(ChangeEvent change) => new(change.Key, new ConfigVersion(change.Version,
        change.Deleted ? null : change.Value, change.Time, change.Actor, change.Comment, change.RolledBackFrom));
}
