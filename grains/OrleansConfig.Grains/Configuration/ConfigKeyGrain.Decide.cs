namespace OrleansConfig.Configuration;

public sealed partial class ConfigKeyGrain
{
    private Decision DecidePut(ConfigPut request)
    {
        var current = Current;
        if (current is { IsDeleted: false } && !string.Equals(state.State.Key, request.Key, StringComparison.Ordinal))
        {
            return Decision.Return(ConfigResult.Failure(ConfigStatus.CaseConflict,
                $"The key '{request.Key}' differs only by case from the existing key '{state.State.Key}'; "
                + "keys are read case-insensitively, so write to the existing key or delete it first.",
                state.State.Key, LatestVersion));
        }

        if (current is { IsDeleted: false } && current.Value == request.Value)
        {
            return Decision.Return(Unchanged(current));
        }

        return Decision.Store(request.Key, NewVersion(request.Value, request.Author, request.Comment, null));
    }

    private Decision DecideDelete(ConfigDelete request)
    {
        var current = Current;
        if (current is null or { IsDeleted: true })
        {
            return Decision.Return(ConfigResult.Failure(ConfigStatus.NotFound,
                current is null
                    ? "The key does not exist."
                    : $"The key was already deleted at version {current.Version}.",
                state.State.Key, LatestVersion));
        }

        return Decision.Store(state.State.Key!, NewVersion(null, request.Author, request.Comment, null));
    }

    private Decision DecideRollback(ConfigRollback request)
    {
        var target = FindVersion(request.Version);
        if (target is null)
        {
            return Decision.Return(VersionNotFound(request.Version));
        }

        if (target.IsDeleted)
        {
            return Decision.Return(ConfigResult.Failure(ConfigStatus.VersionIsDeletion,
                $"Version {target.Version} records the key's deletion; roll back to a version that has a value, "
                + "or DELETE the key.", state.State.Key, LatestVersion));
        }

        var current = Current!;
        if (!current.IsDeleted && current.Value == target.Value)
        {
            return Decision.Return(Unchanged(current));
        }

        var comment = request.Comment ?? $"Rollback to version {target.Version}";

        return Decision.Store(state.State.Key!, NewVersion(target.Value, request.Author, comment, target.Version));
    }

    private ConfigResult Unchanged(ConfigVersion current) =>
        new(ConfigStatus.Unchanged, state.State.Key, current, null, current.Version);

    private ConfigVersion NewVersion(string? value, string author, string? comment, int? rolledBackFrom) =>
        new(LatestVersion + 1, value, time.GetUtcNow(), author, comment, rolledBackFrom);
}
