namespace OrleansConfig.Client.Feed;

/// <summary>What a change feed delivers once it is open.</summary>
internal abstract record FeedMessage;

/// <summary>The feed is open; the environment was at <paramref name="Revision"/> when it opened.</summary>
internal sealed record FeedReady(long Revision) : FeedMessage;

/// <summary>
/// One committed change. <paramref name="Kind"/> is <c>config</c> for configuration keys; other kinds
/// share the environment's revisions and are skipped. <paramref name="ValueJson"/> is null for a deletion.
/// </summary>
internal sealed record FeedChange(long Revision, string Kind, string Key, int Version, string? ValueJson, bool Deleted)
    : FeedMessage
{
    public const string ConfigKind = "config";
}

/// <summary>
/// The feed cannot replay the changes after the requested revision: the caller reloads the snapshot,
/// and the feed continues after <paramref name="Revision"/>.
/// </summary>
internal sealed record FeedResync(long Revision, long FirstRetained) : FeedMessage;
