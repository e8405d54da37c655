using OrleansConfig.Api.Configuration;
using OrleansConfig.Api.Http;
using OrleansConfig.Api.Security;
using OrleansConfig.Configuration;
using OrleansConfig.Identity;
using OrleansConfig.Secrets;

namespace OrleansConfig.Api.Secrets;

/// <summary>
/// Rotation reports: every secret with a rotation policy, of one environment
/// (<c>/v1/namespaces/{ns}/environments/{env}/secret-rotations</c>) or of every environment of a namespace
/// the caller may read (<c>/v1/namespaces/{ns}/secret-rotations</c>), with its due time, failures and
/// latest attempts. <c>?overdue=true</c> keeps only the secrets whose rotation is due and has not happened.
/// </summary>
public static class SecretRotationReportApi
{
    /// <summary>How many attempts each entry shows.</summary>
    private const int RecentAttempts = 5;

    /// <summary>How many secret grains a report reads at once.</summary>
    private const int Parallelism = 16;

    public static void MapSecretRotationReports(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/namespaces/{ns}/environments/{env}/secret-rotations", EnvironmentReport)
            .WithTags("Secret rotation").RequirePermission(Permission.Read);
        app.MapGet("/v1/namespaces/{ns}/secret-rotations", NamespaceReport)
            .WithTags("Secret rotation").RequirePermission(Permission.Read, AccessScope.WithinNamespace);
    }

    private static async Task<IResult> EnvironmentReport(string ns, string env, bool? overdue, IGrainFactory grains,
        TimeProvider time)
    {
        if (RouteNames.CheckScope(ns, env) is { } invalid)
        {
            return invalid;
        }

        if (await grains.GetGrain<IEnvironmentGrain>(GrainKeys.Environment(ns, env)).GetInfo() is null)
        {
            return await NamespacesApi.MissingScope(grains, ns, env);
        }

        return TypedResults.Ok(await BuildAsync(grains, ns, env, [env], overdue ?? false, time.GetUtcNow()));
    }

    private static async Task<IResult> NamespaceReport(string ns, bool? overdue, HttpContext context,
        IGrainFactory grains, TimeProvider time)
    {
        if (RouteNames.CheckScope(ns) is { } invalid)
        {
            return invalid;
        }

        var info = await grains.GetGrain<ICatalogGrain>(0).GetNamespace(ns);
        if (info is null)
        {
            return Problems.NotFound($"The namespace '{ns}' does not exist.");
        }

        var caller = Caller.Of(context);
        var readable = info.Environments.Where(env => caller.Allows(Permission.Read, ns, env)).ToArray();

        return TypedResults.Ok(await BuildAsync(grains, ns, null, readable, overdue ?? false, time.GetUtcNow()));
    }

    private static async Task<SecretRotationReportBody> BuildAsync(IGrainFactory grains, string ns, string? scope,
        IReadOnlyList<string> environments, bool overdueOnly, DateTimeOffset now)
    {
        var candidates = new List<(string Env, string Name)>();
        foreach (var env in environments)
        {
            var indexed = await grains.GetGrain<ISecretIndexGrain>(GrainKeys.Environment(ns, env)).List();
            candidates.AddRange(indexed.Where(e => e.HasPolicy).Select(e => (env, e.Name)));
        }

        var found = new SecretRotationReportEntryBody?[candidates.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, candidates.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (i, _) =>
            {
                var (env, name) = candidates[i];
                var grain = SecretsApi.Grain(grains, ns, env, name);
                var secret = (await grain.Get()).Secret;
                if (secret?.Rotation is { } rotation && (!overdueOnly || rotation.Overdue))
                {
                    var attempts = await grain.GetRotationHistory(RecentAttempts);
                    found[i] = new SecretRotationReportEntryBody(env, secret.Name, secret.Current.Version,
                        SecretRotationBody.From(rotation), attempts.Select(SecretRotationAttemptBody.From).ToArray());
                }
            });

        var entries = found.OfType<SecretRotationReportEntryBody>()
            .OrderByDescending(e => e.Rotation.Overdue)
            .ThenBy(e => e.Rotation.NextDueAt)
            .ThenBy(e => e.Environment, StringComparer.Ordinal)
            .ThenBy(e => e.Name, StringComparer.Ordinal)
            .ToArray();

        return new SecretRotationReportBody(ns, scope, now, overdueOnly, entries.Length,
            entries.Count(e => e.Rotation.Overdue), entries.Count(e => e.Rotation.ConsecutiveFailures > 0), entries);
    }
}
