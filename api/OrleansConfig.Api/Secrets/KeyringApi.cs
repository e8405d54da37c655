using OrleansConfig.Api.Http;
using OrleansConfig.Api.Identity;
using OrleansConfig.Api.Security;
using OrleansConfig.Identity;
using OrleansConfig.Secrets;

namespace OrleansConfig.Api.Secrets;

/// <summary>
/// The cluster's key-encryption keys: <c>GET /v1/secrets/keyring</c> shows the active and retired keys,
/// each silo's keys and the rotation jobs; <c>POST /v1/secrets/keyring/rotations</c> starts a rotation, and
/// <c>GET /v1/secrets/keyring/rotations/{id}</c> follows it. All need the AdministerSecrets permission on all
/// namespaces (a global admin).
/// </summary>
public static class KeyringApi
{
    private const string Example = """{"targetKey": "kek-2025", "retirePrevious": true}""";

    public static void MapKeyringApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/secrets/keyring").WithTags("Key-encryption keys");
        group.MapGet("", GetKeyring).RequirePermission(Permission.AdministerSecrets, AccessScope.Global);
        group.MapPost("/rotations", StartRotation)
            .RequirePermission(Permission.AdministerSecrets, AccessScope.Global);
        group.MapGet("/rotations/{id}", GetRotation)
            .RequirePermission(Permission.AdministerSecrets, AccessScope.Global);
    }

    private static async Task<IResult> GetKeyring(IGrainFactory grains)
    {
        var info = await grains.GetGrain<IKeyringGrain>(0).GetInfo();

        return TypedResults.Ok(new
        {
            activeKey = info.View.ActiveKeyId,
            retiredKeys = info.View.RetiredKeyIds,
            revision = info.View.Revision,
            silos = info.Silos.Select(silo => new
            {
                silo = silo.Silo,
                keys = silo.KeyIds,
                configuredActiveKey = silo.ConfiguredActiveKeyId,
                reportedAt = silo.ReportedAt,
            }).ToArray(),
            current = info.Current is null ? null : Body(info.Current),
            recent = info.Recent.Select(Body).ToArray(),
        });
    }

    private static async Task<IResult> StartRotation(HttpContext context, IGrainFactory grains)
    {
        var (body, problem) = await JsonBody.ReadAsync<RotationRequestBody>(context.Request, Example);
        if (problem is not null)
        {
            return problem;
        }

        if (string.IsNullOrWhiteSpace(body!.TargetKey) || body.TargetKey.Length > 200
            || body.TargetKey.Any(char.IsControl))
        {
            return Problems.BadRequest($"'targetKey' must name a key-encryption key of the silos' keyrings (1 to 200 "
                + $"printable characters); send for example {Example}.");
        }

        var request = new KekRotationRequest(body.TargetKey, body.RetirePrevious ?? true, Actor.Of(context));
        var start = await grains.GetGrain<IKeyringGrain>(0).StartRotation(request);
        if (!start.Started)
        {
            return Problems.Create(StatusCodes.Status409Conflict, start.Detail!);
        }

        return TypedResults.Accepted($"/v1/secrets/keyring/rotations/{start.Job!.Id}", Body(start.Job));
    }

    private static async Task<IResult> GetRotation(string id, IGrainFactory grains)
    {
        var job = await grains.GetGrain<IKeyringGrain>(0).GetRotation(id);

        return job is null
            ? Problems.NotFound($"No key-encryption key rotation has the id '{id}'; GET /v1/secrets/keyring lists "
                + "the running one and the latest finished ones.")
            : TypedResults.Ok(Body(job));
    }

    /// <summary>A job as HTTP shows it, with its progress in the current pass as a percentage.</summary>
    private static object Body(KekRotationStatus job) => new
    {
        id = job.Id,
        targetKey = job.TargetKeyId,
        targetKeyVersion = job.TargetKeyVersion,
        phase = System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(job.Phase.ToString()),
        startedAt = job.StartedAt,
        startedBy = job.StartedBy,
        completedAt = job.CompletedAt,
        pass = job.Pass,
        environments = job.Environments,
        environmentsDone = job.EnvironmentsDone,
        secretsTotal = job.SecretsTotal,
        secretsDone = job.SecretsDone,
        percentDone = PercentDone(job),
        rewrapped = job.Rewrapped,
        failures = job.Failures,
        error = job.Error,
        retiringKeys = job.RetiringKeyIds,
        retiredKeys = job.RetiredKeyIds,
    };

    /// <summary>The share of the current pass that is done; 100 once the job has finished.</summary>
    private static int PercentDone(KekRotationStatus job)
    {
        if (job.IsFinished)
        {
            return 100;
        }

        return job.SecretsTotal == 0 ? 0 : Math.Min(100, job.SecretsDone * 100 / job.SecretsTotal);
    }

    private sealed record RotationRequestBody(string? TargetKey, bool? RetirePrevious);
}
