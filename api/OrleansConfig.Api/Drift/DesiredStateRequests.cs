using OrleansConfig.Api.Configuration;
using OrleansConfig.Api.Formats;
using OrleansConfig.Api.Http;
using OrleansConfig.Changes;
using OrleansConfig.Drift;
using OrleansConfig.Schemas;

namespace OrleansConfig.Api.Drift;

/// <summary>Reads a desired-state file from a request and checks its values against the schemas.</summary>
public static class DesiredStateRequests
{
    /// <summary>Largest accepted desired-state file: 16 MiB, as for imports.</summary>
    public const long MaxBytes = ImportExportApi.MaxImportBytes;

    /// <summary>
    /// Reads the body in the format of <c>?format=</c>, else of the content type (YAML when it names yaml),
    /// else JSON. Returns the file, its format and the desired state, or a 400 naming the problem.
    /// </summary>
    public static async Task<(byte[] File, ConfigFileFormat Format, DesiredState? State, IResult? Problem)> ReadAsync(
        HttpRequest request, string? format, EnvironmentItemsSet current)
    {
        var fileFormat = ConfigFileFormat.Json;
        if (format is not null && !(ConfigFileFormats.TryParse(format, out fileFormat)
            && fileFormat is ConfigFileFormat.Json or ConfigFileFormat.Yaml))
        {
            return ([], fileFormat, null, Problems.BadRequest(
                $"format={format} is not supported for a desired state; use format=yaml or format=json."));
        }

        if (format is null && request.ContentType?.Contains("yaml", StringComparison.OrdinalIgnoreCase) == true)
        {
            fileFormat = ConfigFileFormat.Yaml;
        }

        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
        var file = buffer.ToArray();
        var (state, problem) = Parse(file, fileFormat, current);

        return (file, fileFormat, state, problem is null ? null : Problems.BadRequest(problem));
    }

    /// <summary>
    /// Checks the route's names and reads the environment's items, or returns the 400 or 404 that names the
    /// problem.
    /// </summary>
    public static async Task<(EnvironmentItemsSet? Items, IResult? Problem)> ReadEnvironmentAsync(
        IGrainFactory grains, string ns, string env)
    {
        if (RouteNames.CheckScope(ns, env) is { } scopeProblem)
        {
            return (null, scopeProblem);
        }

        var current = await EnvironmentItemsReader.ReadAsync(grains, ns, env);

        return current is null ? (null, await NamespacesApi.MissingScope(grains, ns, env)) : (current, null);
    }

    /// <summary>Parses a stored or received file against the environment's current items.</summary>
    public static (DesiredState? State, string? Problem) Parse(byte[] file, ConfigFileFormat format,
        EnvironmentItemsSet current)
    {
        var structured = ImportPlan.StructuredKeys(current.Items[ChangeKind.Config]);

        return DesiredStateReader.Read(file, format, structured);
    }

    /// <summary>Returns a 422 listing the violations when a wanted configuration value fails its schemas.</summary>
    public static async Task<IResult?> CheckSchemasAsync(IGrainFactory grains, string ns, string env,
        IReadOnlyList<PlanItem> plan)
    {
        var values = plan
            .Where(i => i.Kind == ChangeKind.Config && i.NewValue is not null && i.Action != PlanActions.Unchanged)
            .Select(i => new SchemaCheckItem(i.Key, i.NewValue!))
            .ToArray();
        var violations = await grains.GetGrain<INamespaceSchemaGrain>(ns).Validate(env, values);
        if (violations.Count == 0)
        {
            return null;
        }

        var keys = violations.Select(v => v.Key).Distinct().Count();

        return ViolationProblems.Create($"{keys} wanted value(s) fail their schemas: "
            + $"{SchemaViolations.Describe(violations)}.", violations);
    }
}
