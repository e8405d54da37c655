using Microsoft.AspNetCore.Mvc;
using OrleansConfig.Api.Configuration;
using OrleansConfig.Api.Http;
using OrleansConfig.Api.Security;
using OrleansConfig.Changes;
using OrleansConfig.Configuration;
using OrleansConfig.Flags;
using OrleansConfig.Identity;

namespace OrleansConfig.Api.Flags;

/// <summary>
/// Whole flagd files: <c>POST …/flags/import</c> (<c>?mode=merge|replace</c>, <c>?dryRun=true</c>) and
/// <c>GET …/flags/export</c> (<c>?includeArchived=true</c>, <c>?extras=false</c>).
/// </summary>
public static class FlagImportExportApi
{
    /// <summary>The schema an exported file names, which flagd and editors validate it against.</summary>
    public const string FlagdSchema = "https://flagd.dev/schema/v0/flags.json";

    public static void MapFlagImportExportApi(this RouteGroupBuilder group)
    {
        group.MapPost("/import", Import)
            .WithMetadata(new RequestSizeLimitAttribute(ImportExportApi.MaxImportBytes))
            .RequirePermission(Permission.Write);
        group.MapGet("/export", Export).RequirePermission(Permission.Read);
    }

    private static async Task<IResult> Import(string ns, string env, string? mode, string? dryRun,
        HttpContext context, IGrainFactory grains)
    {
        var (replace, dry, optionProblem) = ReadImportOptions(mode, dryRun);
        if ((RouteNames.CheckScope(ns, env) ?? optionProblem) is { } problem)
        {
            return problem;
        }

        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        var file = FlagImportFile.Read(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
        if (file.IsMalformed)
        {
            // A file that is not JSON has one problem, about the whole text, so the detail is that problem.
            var problems = file.Problems.Select(FlagProblemBody.From).ToArray();

            return Problems.Create(StatusCodes.Status400BadRequest, $"{file.Problems[0].Message} Nothing was written.",
                new Dictionary<string, object?> { ["problems"] = problems });
        }

        if (file.HasErrors)
        {
            return FlagDocumentInput.Invalid("The flagd file", file.Problems, StatusCodes.Status422UnprocessableEntity);
        }

        var environment = grains.GetGrain<IEnvironmentGrain>(GrainKeys.Environment(ns, env));
        var items = await environment.GetItems(ChangeKind.Flag, -1);
        if (items.Entries is null)
        {
            return await NamespacesApi.MissingScope(grains, ns, env);
        }

        var plan = FlagImportPlan.Create(file.Flags, items.Entries, replace);
        if (plan.Conflicts.Count > 0)
        {
            return FlagDocumentInput.Invalid("The import", plan.Conflicts, StatusCodes.Status409Conflict);
        }

        var warnings = file.Problems.Select(FlagProblemBody.From).ToArray();
        if (dry)
        {
            return TypedResults.Ok(new FlagImportBody(replace ? "replace" : "merge", true,
                Sorted(plan.Creates.Select(w => w.Key)), Sorted(plan.Updates.Select(w => w.Key)),
                Sorted(plan.Unchanged), Sorted(plan.Deletes.Select(e => e.Key)), warnings, items.Revision));
        }

        var applied = await FlagImportRun.ApplyAsync(plan, FlagRoutes.FlagsPath(ns, env), Actor.Of(context),
            key => FlagRoutes.Grain(grains, ns, env, key));
        if (applied.Problem is not null)
        {
            return applied.Problem;
        }

        return TypedResults.Ok(new FlagImportBody(replace ? "replace" : "merge", false, applied.Created,
            applied.Updated, applied.Unchanged, applied.Deleted, warnings, await environment.GetRevision()));
    }

    private static (bool Replace, bool DryRun, IResult? Problem) ReadImportOptions(string? mode, string? dryRun)
    {
        if (mode is not (null or "merge" or "replace"))
        {
            return (false, false, Problems.BadRequest($"mode={mode} is not an import mode; use mode=merge to add and "
                + "update flags (the default), or mode=replace to also delete the flags the file lacks."));
        }

        if (dryRun is not null && !bool.TryParse(dryRun, out _))
        {
            return (false, false, Problems.BadRequest($"dryRun={dryRun} is not true or false."));
        }

        return (mode == "replace", dryRun is not null && bool.Parse(dryRun), null);
    }

    private static async Task<IResult> Export(string ns, string env, string? includeArchived, string? extras,
        HttpContext context, IGrainFactory grains)
    {
        if (RouteNames.CheckScope(ns, env) is { } problem)
        {
            return problem;
        }

        if (ReadBoolean("includeArchived", includeArchived, false, out var withArchived) is { } archivedProblem)
        {
            return archivedProblem;
        }

        if (ReadBoolean("extras", extras, true, out var withExtras) is { } extrasProblem)
        {
            return extrasProblem;
        }

        var items = await grains.GetGrain<IEnvironmentGrain>(GrainKeys.Environment(ns, env))
            .GetItems(ChangeKind.Flag, -1);
        if (items.Entries is null)
        {
            return await NamespacesApi.MissingScope(grains, ns, env);
        }

        var flags = new OrderedDictionary<string, FlagDefinition>(StringComparer.Ordinal);
        foreach (var entry in items.Entries)
        {
            var document = FlagDocument.Read(entry.Key, entry.Value).Definition
                ?? throw new InvalidOperationException($"The stored flag '{entry.Key}' in {ns}/{env} cannot be read.");
            if (withArchived || !document.IsArchived)
            {
                flags[entry.Key] = withExtras ? document.Flag : document.ToFlagd();
            }
        }

        var text = FlagdWriter.WriteFlagSet(new FlagSetDefinition { Schema = FlagdSchema, Flags = flags });
        context.Response.Headers.ETag = ETags.ForRevision(items.Revision);

        return TypedResults.Text(text, "application/json", System.Text.Encoding.UTF8);
    }

    private static string[] Sorted(IEnumerable<string> keys) => keys.Order(StringComparer.Ordinal).ToArray();

    private static IResult? ReadBoolean(string name, string? text, bool defaultValue, out bool value)
    {
        value = defaultValue;

        return text is null || bool.TryParse(text, out value)
            ? null
            : Problems.BadRequest($"{name}={text} is not true or false.");
    }
}

/// <summary>
/// The outcome of an import, or with <c>dryRun</c> its plan: the keys created, updated, unchanged
/// and deleted, the file's warnings, and the environment's revision afterwards.
/// </summary>
public sealed record FlagImportBody(
    string Mode,
    bool DryRun,
    IReadOnlyList<string> Created,
    IReadOnlyList<string> Updated,
    IReadOnlyList<string> Unchanged,
    IReadOnlyList<string> Deleted,
    IReadOnlyList<FlagProblemBody> Warnings,
    long Revision);
