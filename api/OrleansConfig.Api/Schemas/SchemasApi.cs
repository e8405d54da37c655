using System.Text.Json;
using OrleansConfig.Api.Configuration;
using OrleansConfig.Api.Http;
using OrleansConfig.Api.Security;
using OrleansConfig.Configuration;
using OrleansConfig.Identity;
using OrleansConfig.Schemas;

namespace OrleansConfig.Api.Schemas;

/// <summary>
/// JSON Schemas attached to keys and prefixes: <c>/v1/namespaces/{ns}/schemas/{key}</c>, where a prefix ends in
/// <c>*</c> (<c>Payments:*</c>, sent as <c>Payments%3A*</c> or as written).
/// </summary>
public static class SchemasApi
{
    private const string PutExample = """{"schema": {"type": "integer"}, "environment": "prod", "comment": "…"}""";

    public static void MapSchemasApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/namespaces/{ns}/schemas").WithTags("Schemas");
        group.MapGet("/", ListSchemas).RequirePermission(Permission.Read);
        group.MapGet("/{key}", GetSchema).RequirePermission(Permission.Read);
        group.MapPut("/{key}", PutSchema).RequirePermission(Permission.Write);
        group.MapDelete("/{key}", DeleteSchema).RequirePermission(Permission.Write);
        group.MapGet("/{key}/versions", GetVersions).RequirePermission(Permission.Read);
        group.MapGet("/{key}/drift", GetDrift).RequirePermission(Permission.Read);
    }

    private static async Task<IResult> ListSchemas(string ns, IGrainFactory grains)
    {
        if (RouteNames.CheckScope(ns) is { } problem)
        {
            return problem;
        }

        var entries = await Grain(grains, ns).List();

        return TypedResults.Ok(new
        {
            @namespace = ns,
            schemas = entries.Select(e => SchemaBody.From(ns, e, null, null)),
        });
    }

    private static async Task<IResult> GetSchema(
        string ns, string key, string? environment, int? version, HttpContext context, IGrainFactory grains)
    {
        var (pattern, problem) = Decode(context, ns, key, environment);
        if (problem is not null)
        {
            return problem;
        }

        if (version is < 1)
        {
            return Problems.BadRequest($"version={version} is not a version; versions start at 1.");
        }

        var result = await Grain(grains, ns).Get(pattern, environment, version);

        return ToResponse(context, ns, result, null);
    }

    private static async Task<IResult> PutSchema(string ns, string key, bool? dryRun, bool? force,
        HttpContext context, IGrainFactory grains)
    {
        var (pattern, problem) = Decode(context, ns, key, null);
        var (conditions, conditionError) = ETags.ReadConditions(context.Request);
        if (problem is not null || conditionError is not null)
        {
            return problem ?? Problems.BadRequest(conditionError!);
        }

        if (dryRun == true && force == true)
        {
            return Problems.BadRequest("dryRun=true and force=true exclude each other; a dry run saves nothing.");
        }

        var (body, bodyProblem) = await ReadPutAsync(context.Request);
        if (bodyProblem is not null)
        {
            return bodyProblem;
        }

        var mode = dryRun == true ? SchemaWriteMode.DryRun
            : force == true ? SchemaWriteMode.Force
            : SchemaWriteMode.Save;
        var request = new SchemaPut(pattern, body.Environment, body.Schema, Actor.Of(context), body.Comment, mode,
            conditions.IfMatchVersion);
        var result = await Grain(grains, ns).Put(request);
        if (result.Status == SchemaStatus.DryRun)
        {
            return TypedResults.Ok(new SchemaDryRunBody(ns, pattern, body.Environment, false,
                result.Entry?.Current.Version, SchemaDriftBody.From(result.Report)!));
        }

        return ToResponse(context, ns, result, result.Report);
    }

    private static async Task<IResult> DeleteSchema(
        string ns, string key, string? environment, HttpContext context, IGrainFactory grains)
    {
        var (pattern, problem) = Decode(context, ns, key, environment);
        var (conditions, conditionError) = ETags.ReadConditions(context.Request);
        if (problem is not null || conditionError is not null)
        {
            return problem ?? Problems.BadRequest(conditionError!);
        }

        var request = new SchemaDelete(pattern, environment, Actor.Of(context), null, conditions.IfMatchVersion);
        var result = await Grain(grains, ns).Delete(request);

        return ToResponse(context, ns, result, null);
    }

    private static async Task<IResult> GetVersions(
        string ns, string key, string? environment, HttpContext context, IGrainFactory grains)
    {
        var (pattern, problem) = Decode(context, ns, key, environment);
        if (problem is not null)
        {
            return problem;
        }

        var history = await Grain(grains, ns).GetVersions(pattern, environment);
        if (history is null)
        {
            return Problems.NotFound($"No schema was ever attached to '{pattern}'"
                + (environment is null ? " for all environments." : $" for environment '{environment}'."));
        }

        return TypedResults.Ok(new
        {
            @namespace = ns,
            key = history.Key,
            environment = history.Environment,
            versions = history.Versions.Select(v => SchemaBody.From(ns, history.Key, history.Environment, v, null,
                null)),
        });
    }

    /// <summary>The existing values that fail the saved schema: schema drift after a forced save.</summary>
    private static async Task<IResult> GetDrift(
        string ns, string key, string? environment, HttpContext context, IGrainFactory grains)
    {
        var (pattern, problem) = Decode(context, ns, key, environment);
        if (problem is not null)
        {
            return problem;
        }

        var result = await Grain(grains, ns).CheckExisting(pattern, environment);
        if (!result.IsSuccess)
        {
            return Failure(result);
        }

        return TypedResults.Ok(new
        {
            @namespace = ns,
            key = result.Entry!.Key,
            environment = result.Entry.Environment,
            version = result.Entry.Current.Version,
            drift = SchemaDriftBody.From(result.Report),
        });
    }

    private static (string Pattern, IResult? Problem) Decode(HttpContext context, string ns, string key,
        string? environment)
    {
        var (pattern, problem) = RouteNames.DecodeSchemaKey(context, ns, key);
        if (problem is null && environment is not null
            && ConfigKeyRules.ValidateName(environment, "environment") is { } envProblem)
        {
            problem = Problems.BadRequest(envProblem);
        }

        return (pattern, problem);
    }

    private static IResult ToResponse(HttpContext context, string ns, SchemaResult result, SchemaDriftReport? report)
    {
        if (!result.IsSuccess)
        {
            return Failure(result);
        }

        var entry = result.Entry!;
        context.Response.Headers.ETag = ETags.ForVersion(entry.Current.Version);
        bool? changed = result.Status switch
        {
            SchemaStatus.Found => null,
            SchemaStatus.Unchanged => false,
            _ => true,
        };
        var body = SchemaBody.From(ns, entry, changed, report);

        return result.Status == SchemaStatus.Created
            ? TypedResults.Created(SchemaPath(ns, entry.Key, entry.Environment), body)
            : TypedResults.Ok(body);
    }

    private static IResult Failure(SchemaResult result)
    {
        var detail = result.Detail ?? result.Status.ToString();
        if (result.Status == SchemaStatus.AuditUnavailable)
        {
            return Problems.Unavailable(detail);
        }

        if (result.Status == SchemaStatus.DriftFound)
        {
            return Problems.Create(StatusCodes.Status409Conflict, detail,
                new Dictionary<string, object?> { ["drift"] = SchemaDriftBody.From(result.Report) });
        }

        var status = result.Status switch
        {
            SchemaStatus.NotFound or SchemaStatus.NamespaceNotFound or SchemaStatus.EnvironmentNotFound
                or SchemaStatus.VersionNotFound => StatusCodes.Status404NotFound,
            SchemaStatus.PreconditionFailed => StatusCodes.Status412PreconditionFailed,
            SchemaStatus.InvalidSchema => StatusCodes.Status422UnprocessableEntity,
            _ => StatusCodes.Status400BadRequest,
        };

        return Problems.Create(status, detail);
    }

    private static async Task<(SchemaPutBody Body, IResult? Problem)> ReadPutAsync(HttpRequest request)
    {
        var empty = new SchemaPutBody("", null, null);
        var (document, problem) = await RequestBodies.ReadObjectAsync(request, PutExample);
        if (problem is not null)
        {
            return (empty, problem);
        }

        using (document)
        {
            var root = document!.RootElement;
            if (!root.TryGetProperty("schema", out var schema)
                || schema.ValueKind is not (JsonValueKind.Object or JsonValueKind.True or JsonValueKind.False))
            {
                return (empty, Problems.BadRequest(
                    $"The body needs 'schema', a JSON Schema object; send {PutExample}."));
            }

            string? environment = null;
            if (root.TryGetProperty("environment", out var env) && env.ValueKind != JsonValueKind.Null)
            {
                environment = env.ValueKind == JsonValueKind.String ? env.GetString() : "";
                if (ConfigKeyRules.ValidateName(environment, "environment") is { } envProblem)
                {
                    return (empty, Problems.BadRequest(
                        $"{envProblem} Leave 'environment' out to attach the schema to every environment."));
                }
            }

            var (comment, commentProblem) = RequestBodies.ReadComment(root);

            return (new SchemaPutBody(schema.GetRawText(), environment, comment), commentProblem);
        }
    }

    private static INamespaceSchemaGrain Grain(IGrainFactory grains, string ns) =>
        grains.GetGrain<INamespaceSchemaGrain>(ns);

    private static string SchemaPath(string ns, string key, string? environment) =>
        $"/v1/namespaces/{ns}/schemas/{Uri.EscapeDataString(key)}"
        + (environment is null ? "" : $"?environment={environment}");

    private sealed record SchemaPutBody(string Schema, string? Environment, string? Comment);
}
