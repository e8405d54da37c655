using OrleansConfig.Api.Http;
using OrleansConfig.Changes;
using OrleansConfig.Configuration;

namespace OrleansConfig.Api.Drift;

/// <summary>What an applied change set did to one item.</summary>
public sealed record ChangeSetEntryBody(string Kind, string Key, string Outcome, int Version);

/// <summary>An applied change set: its id, the environment's revision after it and the outcome per item.</summary>
public sealed record ChangeSetBody(
    string Namespace, string Environment, string? ChangeSet, long Revision, int Changed,
    IReadOnlyList<ChangeSetEntryBody> Entries);

/// <summary>Maps a <see cref="ChangeSetResult"/> to a response.</summary>
public static class ChangeSetResponses
{
    public static IResult ToResponse(string ns, string env, string id, ChangeSetResult result)
    {
        if (result.Status == ChangeSetStatus.Applied)
        {
            var entries = result.Entries
                .Select(e => new ChangeSetEntryBody(ChangeEventKinds.Name(e.Kind), e.Key, e.Outcome, e.Version))
                .ToArray();

            return TypedResults.Ok(new ChangeSetBody(ns, env, id, result.Revision, entries.Length, entries));
        }

        var detail = result.Detail ?? result.Status.ToString();
        var extensions = new Dictionary<string, object?> { ["revision"] = result.Revision };

        return result.Status switch
        {
            ChangeSetStatus.AuditUnavailable => Problems.Unavailable(detail),
            ChangeSetStatus.EnvironmentNotFound => Problems.NotFound(detail),
            ChangeSetStatus.Invalid => ViolationProblems.Create(detail, result.Violations ?? [], extensions),
            _ => Problems.Create(StatusCodes.Status409Conflict, detail, extensions),
        };
    }

    /// <summary>The response of a request whose selection needs no change.</summary>
    public static IResult Nothing(string ns, string env, long revision) =>
        TypedResults.Ok(new ChangeSetBody(ns, env, null, revision, 0, []));

    public static string NewId() => "cs_" + Guid.NewGuid().ToString("N")[..16];
}
