using System.Collections.Concurrent;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using OrleansConfig.Api.Formats;
using OrleansConfig.Api.Http;
using OrleansConfig.Api.Security;
using OrleansConfig.Configuration;
using OrleansConfig.Identity;
using OrleansConfig.Schemas;

namespace OrleansConfig.Api.Configuration;

/// <summary>Whole files in and out of an environment: <c>…/import</c> and <c>…/export</c>.</summary>
public static class ImportExportApi
{
    /// <summary>Largest accepted import file. The default value is 16 MiB.</summary>
    public const long MaxImportBytes = 16 * 1024 * 1024;

    /// <summary>Key writes of one import that run at once.</summary>
    private const int WriteParallelism = 16;

    public static void MapImportExportApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/namespaces/{ns}/environments/{env}").WithTags("Configuration");
        group.MapPost("/import", Import)
            .WithMetadata(new RequestSizeLimitAttribute(MaxImportBytes))
            .RequirePermission(Permission.Write);
        group.MapGet("/export", Export).RequirePermission(Permission.Read);
    }

    private static async Task<IResult> Import(string ns, string env, string? format, int? document, HttpContext context,
        IGrainFactory grains, IOptions<ConfigStoreOptions> limits)
    {
        if (RouteNames.CheckScope(ns, env) is { } scopeProblem)
        {
            return scopeProblem;
        }

        if (!TryReadFormat(format, out var fileFormat, out var formatProblem))
        {
            return formatProblem!;
        }

        var environment = grains.GetGrain<IEnvironmentGrain>(GrainKeys.Environment(ns, env));
        var snapshot = await environment.GetSnapshot(null);
        if (snapshot.Entries is null)
        {
            return await NamespacesApi.MissingScope(grains, ns, env);
        }

        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        var options = new ConfigImportOptions
        {
            Document = document,
            ValueKeys = ImportPlan.StructuredKeys(snapshot.Entries),
        };
        var read = ConfigFileReader.Read(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), fileFormat, options);
        if (read.Error is not null)
        {
            return Problems.BadRequest(read.Error);
        }

        var textOnly = fileFormat == ConfigFileFormat.Dotenv;
        var plan = ImportPlan.Create(read.Entries!, snapshot.Entries, limits.Value.MaxValueBytes, textOnly);
        if (plan.Problem is not null)
        {
            return plan.Problem;
        }

        // The key grains check every value again as they write it; checking the whole file first keeps an
        // invalid value from leaving the file half imported.
        var checks = plan.Writes.Select(entry => new SchemaCheckItem(entry.Key, entry.Value)).ToArray();
        var violations = await grains.GetGrain<INamespaceSchemaGrain>(ns).Validate(env, checks);
        if (violations.Count > 0)
        {
            var keys = violations.Select(v => v.Key).Distinct().Count();

            return ViolationProblems.Create($"{keys} value(s) of the file fail their schemas, so nothing was "
                + $"imported: {SchemaViolations.Describe(violations)}.", violations);
        }

        return await ApplyAsync(plan, ns, env, Actor.Of(context), grains, environment);
    }

    /// <summary>
    /// Writes the changed keys. The whole file was checked before this point, so only a failure of the
    /// cluster can stop it midway. The caller then sees 503. Repeating the import finishes it,
    /// because keys that already have their new value count as unchanged.
    /// </summary>
    private static async Task<IResult> ApplyAsync(
        ImportPlan plan, string ns, string env, string author, IGrainFactory grains, IEnvironmentGrain environment)
    {
        var failures = new ConcurrentBag<ConfigResult>();
        int created = 0, updated = 0, unchanged = plan.Unchanged;
        await Parallel.ForEachAsync(plan.Writes, new ParallelOptions { MaxDegreeOfParallelism = WriteParallelism },
            async (entry, _) =>
            {
                var grain = grains.GetGrain<IConfigKeyGrain>(GrainKeys.ConfigKey(ns, env, entry.Key));
                var put = new ConfigPut(entry.Key, entry.Value, author, "import", WriteConditions.None);
                var result = await grain.Put(put);
                switch (result.Status)
                {
                    case ConfigStatus.Created: Interlocked.Increment(ref created); break;
                    case ConfigStatus.Updated: Interlocked.Increment(ref updated); break;
                    case ConfigStatus.Unchanged: Interlocked.Increment(ref unchanged); break;
                    default: failures.Add(result); break;
                }
            });

        if (failures.FirstOrDefault(f => f.Status == ConfigStatus.AuditUnavailable) is { } audit)
        {
            return Problems.Unavailable($"{audit.Detail} {created} key(s) were created and {updated} updated before "
                + "that; repeat the import once the audit log is back to finish it.");
        }

        if (!failures.IsEmpty)
        {
            // Only a concurrent writer can cause this, for example one creating a key in another case.
            var first = failures.First();

            return Problems.Create(StatusCodes.Status409Conflict,
                $"{failures.Count} key(s) changed concurrently and were not imported; first: {first.Detail} "
                + $"The other keys were imported ({created} created, {updated} updated); repeat the import to finish.");
        }

        var revision = await environment.GetRevision();

        return TypedResults.Ok(new ImportBody(created, updated, unchanged, revision));
    }

    private static async Task<IResult> Export(
        string ns, string env, string? format, HttpContext context, IGrainFactory grains)
    {
        if (RouteNames.CheckScope(ns, env) is { } scopeProblem)
        {
            return scopeProblem;
        }

        if (!TryReadFormat(format, out var fileFormat, out var formatProblem))
        {
            return formatProblem!;
        }

        var snapshot = await grains.GetGrain<IEnvironmentGrain>(GrainKeys.Environment(ns, env)).GetSnapshot(null);
        if (snapshot.Entries is null)
        {
            return await NamespacesApi.MissingScope(grains, ns, env);
        }

        var entries = snapshot.Entries.Select(e => new ConfigEntry(e.Key, e.Value)).ToArray();
        var written = ConfigFileWriter.Write(entries, fileFormat);
        if (written.Error is not null)
        {
            return Problems.Create(StatusCodes.Status409Conflict, written.Error);
        }

        context.Response.Headers.ETag = ETags.ForRevision(snapshot.Revision);

        return TypedResults.Bytes(written.Content!, written.ContentType);
    }

    private static bool TryReadFormat(string? text, out ConfigFileFormat format, out IResult? problem)
    {
        problem = null;
        if (text is null)
        {
            format = ConfigFileFormat.Json;

            return true;
        }

        if (ConfigFileFormats.TryParse(text, out format))
        {
            return true;
        }

        problem = Problems.BadRequest(
            $"format={text} is not supported; use format=json, format=yaml or format=dotenv.");

        return false;
    }
}
