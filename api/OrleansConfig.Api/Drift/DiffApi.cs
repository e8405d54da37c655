using OrleansConfig.Api.Configuration;
using OrleansConfig.Api.Http;
using OrleansConfig.Api.Security;
using OrleansConfig.Changes;
using OrleansConfig.Configuration;
using OrleansConfig.Identity;
using OrleansConfig.Drift;

namespace OrleansConfig.Api.Drift;

/// <summary>
/// Drift between environments: <c>GET /v1/namespaces/{ns}/diff?from=staging&amp;to=prod</c> lists the keys only in
/// one side, the keys whose values differ, the flags whose definitions differ and the secrets that differ by
/// fingerprint.
/// </summary>
public static class DiffApi
{
    public static void MapDiffApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/namespaces/{ns}/diff", GetDiff).WithTags("Drift")
            .RequirePermission(Permission.Read, AccessScope.WithinNamespace);
    }

    private static async Task<IResult> GetDiff(
        string ns, string? from, string? to, HttpContext context, IGrainFactory grains)
    {
        if (from is null || to is null)
        {
            return Problems.BadRequest("Name both environments, as in ?from=staging&to=prod.");
        }

        if ((RouteNames.CheckScope(ns, from) ?? RouteNames.CheckScope(ns, to)) is { } problem)
        {
            return problem;
        }

        var caller = Caller.Of(context);
        var unreadable = new[] { from, to }.FirstOrDefault(env => !caller.Allows(Permission.Read, ns, env));
        if (unreadable is not null)
        {
            return Problems.Create(StatusCodes.Status403Forbidden,
                $"The caller may not read environment '{unreadable}' of namespace '{ns}'; a diff needs read access "
                + "to both environments.");
        }

        var left = await EnvironmentItemsReader.ReadAsync(grains, ns, from);
        var right = await EnvironmentItemsReader.ReadAsync(grains, ns, to);
        if (left is null || right is null)
        {
            return await NamespacesApi.MissingScope(grains, ns, left is null ? from : to);
        }

        return TypedResults.Ok(Describe(ns, left, right));
    }

    public static EnvironmentDiffBody Describe(string ns, EnvironmentItemsSet left, EnvironmentItemsSet right)
    {
        var configs = EnvironmentDiff.Compare(left.Sides(ChangeKind.Config), right.Sides(ChangeKind.Config));
        var flags = EnvironmentDiff.Compare(left.Sides(ChangeKind.Flag), right.Sides(ChangeKind.Flag));
        var (comparedBy, equal) = SecretComparison.Choose(
            left.Sides(ChangeKind.Secret).Select(s => s.Value), right.Sides(ChangeKind.Secret).Select(s => s.Value));
        var secrets = EnvironmentDiff.Compare(left.Sides(ChangeKind.Secret), right.Sides(ChangeKind.Secret), equal);

        return new EnvironmentDiffBody(ns, new DiffSideBody(left.Environment, left.Revision),
            new DiffSideBody(right.Environment, right.Revision), configs.IsEmpty && flags.IsEmpty && secrets.IsEmpty,
            KindDiffBody.WithValues(configs), KindDiffBody.WithValues(flags),
            KindDiffBody.WithoutValues(secrets, comparedBy));
    }
}
