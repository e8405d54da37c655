using OrleansConfig.Api.Configuration;
using OrleansConfig.Api.Http;
using OrleansConfig.Api.Security;
using OrleansConfig.Changes;
using OrleansConfig.Configuration;
using OrleansConfig.Identity;

namespace OrleansConfig.Api.Flags;

/// <summary>
/// All flags of an environment, <c>GET …/environments/{env}/flags</c>, read from the environment's
/// snapshot rather than from each flag, and filtered as <see cref="FlagListFilter"/> describes.
/// </summary>
public static class FlagListApi
{
    /// <summary>The maximum number of creation times a listing reads from flag grains at once.</summary>
    private const int LookupParallelism = 16;

    public static void MapFlagListApi(this RouteGroupBuilder group) =>
        group.MapGet("", ListFlags).RequirePermission(Permission.Read);

    private static async Task<IResult> ListFlags(string ns, string env, HttpContext context, IGrainFactory grains,
        FlagCreationTimes creationTimes, TimeProvider time)
    {
        if (RouteNames.CheckScope(ns, env) is { } problem)
        {
            return problem;
        }

        var (filter, error) = FlagListFilter.Read(context.Request.Query);
        if (error is not null)
        {
            return Problems.BadRequest(error);
        }

        var items = await grains.GetGrain<IEnvironmentGrain>(GrainKeys.Environment(ns, env))
            .GetItems(ChangeKind.Flag, -1);
        if (items.Entries is null)
        {
            return await NamespacesApi.MissingScope(grains, ns, env);
        }

        var now = time.GetUtcNow();
        var candidates = items.Entries
            .Select(entry => (Entry: entry, Flag: StoredFlag.Parse(entry.Value)))
            .Where(c => filter!.MatchesDefinition(c.Entry.Key, c.Flag))
            .ToArray();
        var lifecycles = new string[candidates.Length];
        var options = new ParallelOptions
        {
            MaxDegreeOfParallelism = LookupParallelism,
            CancellationToken = context.RequestAborted,
        };
        await Parallel.ForAsync(0, candidates.Length, options, async (i, _) =>
        {
            var (entry, flag) = candidates[i];
            var createdAt = FlagLifecycleView.NeedsCreationTime(flag, entry.Version, entry.UpdatedAt, now)
                ? await creationTimes.GetAsync(ns, env, entry.Key, entry.Version, entry.UpdatedAt)
                : entry.UpdatedAt;
            lifecycles[i] = FlagLifecycleView.Of(flag, createdAt, now);
        });

        var flags = candidates
            .Select((c, i) => new FlagListItemBody(c.Entry.Key, StoredFlag.Compact(c.Entry.Value), c.Entry.Version,
                c.Entry.UpdatedAt, c.Entry.Author, lifecycles[i]))
            .Where(item => filter!.MatchesLifecycle(item.Lifecycle))
            .ToArray();

        return TypedResults.Ok(new FlagListBody(ns, env, items.Revision, flags));
    }
}
