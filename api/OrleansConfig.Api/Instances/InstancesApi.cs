using System.Text.Json;
using OrleansConfig.Api.Configuration;
using OrleansConfig.Api.Http;
using OrleansConfig.Api.Security;
using OrleansConfig.Configuration;
using OrleansConfig.Identity;
using OrleansConfig.Instances;

namespace OrleansConfig.Api.Instances;

/// <summary>
/// Running instances of an environment: clients post heartbeats to
/// <c>…/environments/{env}/instances/{instanceId}/heartbeat</c> (read access is enough, so service tokens can), and
/// <c>GET …/instances</c> lists each instance's revision and whether it is current, behind, diverged or stale.
/// </summary>
public static class InstancesApi
{
    private const int MaxInstanceIdLength = 128;

    private const string Example =
        """{"revision": 12, "configHash": "sha256:…", "prefix": null, "application": "shop", "source": "platform"}""";

    public static void MapInstancesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/namespaces/{ns}/environments/{env}/instances").WithTags("Drift");
        group.MapGet("/", List).RequirePermission(Permission.Read);
        group.MapPost("/{instanceId}/heartbeat", Heartbeat).RequirePermission(Permission.Read);
    }

    private static async Task<IResult> List(string ns, string env, IGrainFactory grains)
    {
        if (RouteNames.CheckScope(ns, env) is { } problem)
        {
            return problem;
        }

        var view = await Grain(grains, ns, env).List();
        if (view.Revision < 0)
        {
            return await NamespacesApi.MissingScope(grains, ns, env);
        }

        var instances = view.Instances.Select(i => new
        {
            instanceId = i.Heartbeat.InstanceId,
            state = i.State,
            revision = i.Heartbeat.Revision,
            revisionsBehind = i.RevisionsBehind,
            configHash = i.Heartbeat.ConfigHash,
            expectedHash = i.ExpectedHash,
            prefix = i.Heartbeat.Prefix,
            application = i.Heartbeat.Application,
            host = i.Heartbeat.Host,
            transport = i.Heartbeat.Transport,
            source = i.Heartbeat.Source,
            startedAt = i.Heartbeat.StartedAt,
            lastSeen = i.LastSeen,
        }).ToArray();
        string[] states =
            [InstanceStates.Current, InstanceStates.Behind, InstanceStates.Diverged, InstanceStates.Stale];

        return TypedResults.Ok(new
        {
            @namespace = ns,
            environment = env,
            revision = view.Revision,
            summary = states.ToDictionary(s => s, s => instances.Count(i => i.state == s)),
            instances,
        });
    }

    private static async Task<IResult> Heartbeat(string ns, string env, string instanceId, HttpContext context,
        IGrainFactory grains)
    {
        if ((RouteNames.CheckScope(ns, env) ?? CheckInstanceId(instanceId)) is { } problem)
        {
            return problem;
        }

        var (document, bodyProblem) = await RequestBodies.ReadObjectAsync(context.Request, Example);
        if (bodyProblem is not null)
        {
            return bodyProblem;
        }

        using (document)
        {
            var root = document!.RootElement;
            if (!root.TryGetProperty("revision", out var revision) || !revision.TryGetInt64(out var applied))
            {
                return Problems.BadRequest(
                    $"The body needs 'revision', the revision the instance applied; send {Example}.");
            }

            DateTimeOffset? startedAt = root.TryGetProperty("startedAt", out var started)
                && started.ValueKind == JsonValueKind.String && started.TryGetDateTimeOffset(out var at) ? at : null;
            var heartbeat = new InstanceHeartbeat(instanceId, applied, Text(root, "configHash"), Text(root, "prefix"),
                Text(root, "application"), Text(root, "host"), Text(root, "transport"), Text(root, "source"),
                startedAt);
            await Grain(grains, ns, env).Heartbeat(heartbeat);
        }

        return TypedResults.NoContent();
    }

    private static IResult? CheckInstanceId(string instanceId)
    {
        var valid = instanceId.Length is > 0 and <= MaxInstanceIdLength
            && instanceId.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or ':' or '-');

        return valid
            ? null
            : Problems.BadRequest($"The instance id is not valid; use 1 to {MaxInstanceIdLength} ASCII letters, "
                + "digits and . _ : -");
    }

    /// <summary>Reads an optional string member, cut to 256 characters.</summary>
    private static string? Text(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        var text = value.GetString()!;

        return text.Length > 256 ? text[..256] : text;
    }

    private static IInstanceRegistryGrain Grain(IGrainFactory grains, string ns, string env) =>
        grains.GetGrain<IInstanceRegistryGrain>(GrainKeys.Environment(ns, env));
}
