using System.Text.Json;
using OrleansConfig.Api.Configuration;
using OrleansConfig.Api.Http;
using OrleansConfig.Api.Security;
using OrleansConfig.Changes;
using OrleansConfig.Configuration;
using OrleansConfig.Identity;
using OrleansConfig.Drift;

namespace OrleansConfig.Api.Drift;

/// <summary>
/// Promotion: <c>POST …/environments/{env}/promote</c> copies chosen keys and flags from another environment of the
/// namespace into this one as one change set, with one audit record for the whole promotion beside the records
/// of each item. Without a selection it copies every difference (an environment copy). Secrets are never copied.
/// </summary>
public static class PromotionApi
{
    private const string Example =
        """{"from": "staging", "keys": ["Payments:Port"], "flags": ["new-checkout"], "deleteMissing": false}""";

    public static void MapPromotionApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/namespaces/{ns}/environments/{env}/promote", Promote).WithTags("Drift")
            .RequirePermission(Permission.Write);
    }

    private static async Task<IResult> Promote(string ns, string env, HttpContext context, IGrainFactory grains)
    {
        if (RouteNames.CheckScope(ns, env) is { } scopeProblem)
        {
            return scopeProblem;
        }

        var (request, problem) = await ReadAsync(context.Request, ns, env);
        if (problem is not null)
        {
            return problem;
        }

        if (!Caller.Of(context).Allows(Permission.Read, ns, request!.From))
        {
            return Problems.Create(StatusCodes.Status403Forbidden,
                $"The caller may not read environment '{request.From}' of namespace '{ns}', so it cannot promote "
                + "from it.");
        }

        var source = await EnvironmentItemsReader.ReadAsync(grains, ns, request.From);
        var target = await EnvironmentItemsReader.ReadAsync(grains, ns, env);
        if (source is null || target is null)
        {
            return await NamespacesApi.MissingScope(grains, ns, source is null ? request.From : env);
        }

        var (entries, selectionProblem) = Select(request, source, target);
        if (selectionProblem is not null)
        {
            return Problems.BadRequest(selectionProblem);
        }

        if (entries.Count == 0)
        {
            return ChangeSetResponses.Nothing(ns, env, target.Revision);
        }

        var id = ChangeSetResponses.NewId();
        var comment = request.Comment ?? $"promote from {request.From}";
        var changeSet = new ChangeSetRequest(id, request.ExpectedRevision ?? target.Revision, entries,
            Actor.Of(context), comment, "promote", request.From);
        var result = await grains.GetGrain<IEnvironmentGrain>(GrainKeys.Environment(ns, env)).ApplyChangeSet(changeSet);

        return ChangeSetResponses.ToResponse(ns, env, id, result);
    }

    /// <summary>
    /// Builds the entries that make the target match the source for the selection: creates and updates from the
    /// source, and deletions of selected items the source lacks when <see cref="PromoteRequest.DeleteMissing"/>.
    /// </summary>
    private static (IReadOnlyList<ChangeSetEntry> Entries, string? Problem) Select(
        PromoteRequest request, EnvironmentItemsSet source, EnvironmentItemsSet target)
    {
        var everything = request.Keys is null && request.Flags is null;
        var entries = new List<ChangeSetEntry>();
        foreach (var (kind, names) in new[] { (ChangeKind.Config, request.Keys), (ChangeKind.Flag, request.Flags) })
        {
            if (!everything && names is null)
            {
                continue;
            }

            var diff = EnvironmentDiff.Compare(source.Sides(kind), target.Sides(kind));
            var selected = names?.ToHashSet(StringComparer.OrdinalIgnoreCase);
            if (selected is not null && Unknown(selected, source.Sides(kind), target.Sides(kind)) is { } unknown)
            {
                return ([], $"The {ChangeEventKinds.Name(kind)} '{unknown}' exists in neither '{source.Environment}' "
                    + $"nor '{target.Environment}'; promote only existing items.");
            }

            bool Chosen(string key) => selected is null || selected.Contains(key);
            entries.AddRange(diff.OnlyInFrom.Where(i => Chosen(i.Key))
                .Select(i => new ChangeSetEntry(kind, i.Key, 0, i.Value)));
            entries.AddRange(diff.Different.Where(d => Chosen(d.Key))
                .Select(d => new ChangeSetEntry(kind, d.To.Key, d.To.Version, d.From.Value)));
            if (request.DeleteMissing)
            {
                entries.AddRange(diff.OnlyInTo.Where(i => Chosen(i.Key))
                    .Select(i => new ChangeSetEntry(kind, i.Key, i.Version, null)));
            }
        }

        return (entries, null);
    }

    private static string? Unknown(IEnumerable<string> selected, IEnumerable<ItemSide> source,
        IEnumerable<ItemSide> target)
    {
        var known = source.Concat(target).Select(i => i.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);

        return selected.FirstOrDefault(key => !known.Contains(key));
    }

    private static async Task<(PromoteRequest? Request, IResult? Problem)> ReadAsync(
        HttpRequest http, string ns, string env)
    {
        var (document, problem) = await RequestBodies.ReadObjectAsync(http, Example);
        if (problem is not null)
        {
            return (null, problem);
        }

        using (document)
        {
            var root = document!.RootElement;
            var from = root.TryGetProperty("from", out var f) && f.ValueKind == JsonValueKind.String
                ? f.GetString()!
                : null;
            if (from is null || RouteNames.CheckScope(ns, from) is not null || from == env)
            {
                return (null, Problems.BadRequest(
                    $"The body needs 'from', another environment of namespace '{ns}'; send {Example}."));
            }

            var (keys, keysProblem) = ReadNames(root, "keys");
            var (flags, flagsProblem) = ReadNames(root, "flags");
            var (comment, commentProblem) = RequestBodies.ReadComment(root);
            var deleteMissing = root.TryGetProperty("deleteMissing", out var d) && d.ValueKind == JsonValueKind.True;
            long? expected = root.TryGetProperty("expectedRevision", out var r) && r.TryGetInt64(out var value)
                ? value
                : null;
            var failure = keysProblem ?? flagsProblem ?? commentProblem;

            return failure is not null
                ? (null, failure)
                : (new PromoteRequest(from, keys, flags, deleteMissing, expected, comment), null);
        }
    }

    private static (IReadOnlyList<string>? Names, IResult? Problem) ReadNames(JsonElement root, string property)
    {
        if (!root.TryGetProperty(property, out var names) || names.ValueKind == JsonValueKind.Null)
        {
            return (null, null);
        }

        var valid = names.ValueKind == JsonValueKind.Array
            && names.EnumerateArray().All(n => n.ValueKind == JsonValueKind.String);
        if (!valid)
        {
            return (null, Problems.BadRequest($"'{property}' must be an array of names; send {Example}."));
        }

        return (names.EnumerateArray().Select(n => n.GetString()!).ToArray(), null);
    }

    /// <summary>A promotion request; null <see cref="Keys"/> and <see cref="Flags"/> select every difference.</summary>
    private sealed record PromoteRequest(string From, IReadOnlyList<string>? Keys, IReadOnlyList<string>? Flags,
        bool DeleteMissing, long? ExpectedRevision, string? Comment);
}
