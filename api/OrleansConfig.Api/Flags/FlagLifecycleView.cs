using OrleansConfig.Flags;

namespace OrleansConfig.Api.Flags;

/// <summary>
/// The lifecycle a flag is shown in. The stored lifecycle is active, stale or archived, and an active
/// flag whose age exceeds its expected lifetime is shown as potentially stale. A flag's age counts
/// from the time of its version 1, which a later deletion and re-creation does not change.
/// </summary>
public static class FlagLifecycleView
{
    public static IReadOnlyList<string> All { get; } =
        [FlagLifecycles.Active, FlagLifecycles.PotentiallyStale, FlagLifecycles.Stale, FlagLifecycles.Archived];

    /// <summary>Returns the shown lifecycle of a flag created at <paramref name="createdAt"/>.</summary>
    public static string Of(StoredFlag flag, DateTimeOffset createdAt, DateTimeOffset now) =>
        flag.Lifecycle == FlagLifecycles.Active && flag.ExpectedLifetime is { } lifetime && now - createdAt > lifetime
            ? FlagLifecycles.PotentiallyStale
            : flag.Lifecycle;

    /// <summary>
    /// Returns true when the shown lifecycle depends on the creation time: an active flag with a
    /// lifetime, past its version 1, last changed within its lifetime. For any other flag the time of
    /// its latest version decides, because a flag is never younger than its latest version.
    /// </summary>
    public static bool NeedsCreationTime(StoredFlag flag, int version, DateTimeOffset updatedAt, DateTimeOffset now) =>
        version > 1 && flag.Lifecycle == FlagLifecycles.Active && flag.ExpectedLifetime is { } lifetime
        && now - updatedAt <= lifetime;

    /// <summary>The instant an active flag becomes potentially stale, or null for a permanent flag.</summary>
    public static DateTimeOffset? StaleAfter(StoredFlag flag, DateTimeOffset createdAt) =>
        flag.ExpectedLifetime is { } lifetime ? createdAt + lifetime : null;
}
