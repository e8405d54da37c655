using System.Text;
using Microsoft.AspNetCore.Mvc;
using OrleansConfig.Api.Configuration;
using OrleansConfig.Api.Formats;
using OrleansConfig.Api.Http;
using OrleansConfig.Api.Security;
using OrleansConfig.Configuration;
using OrleansConfig.Drift;
using OrleansConfig.Identity;

namespace OrleansConfig.Api.Drift;

/// <summary>
/// A desired state registered with an environment and checked on a schedule:
/// <c>PUT/GET/DELETE …/environments/{env}/desired-state</c>, the latest check at <c>GET …/drift</c>, and a check on
/// request at <c>POST …/drift/check</c>.
/// </summary>
public static class DesiredStateApi
{
    public static void MapDesiredStateApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/namespaces/{ns}/environments/{env}").WithTags("Drift");
        group.MapPut("/desired-state", Register)
            .WithMetadata(new RequestSizeLimitAttribute(DesiredStateRequests.MaxBytes))
            .RequirePermission(Permission.Write);
        group.MapGet("/desired-state", GetRegistration).RequirePermission(Permission.Read);
        group.MapDelete("/desired-state", Unregister).RequirePermission(Permission.Write);
        group.MapGet("/drift", GetDrift).RequirePermission(Permission.Read);
        group.MapPost("/drift/check", CheckNow).RequirePermission(Permission.Write);
    }

    private static async Task<IResult> Register(string ns, string env, string? format, HttpContext context,
        IGrainFactory grains, TimeProvider time)
    {
        var (current, environmentProblem) = await DesiredStateRequests.ReadEnvironmentAsync(grains, ns, env);
        if (environmentProblem is not null)
        {
            return environmentProblem;
        }

        var (file, fileFormat, desired, problem) =
            await DesiredStateRequests.ReadAsync(context.Request, format, current!);
        if (problem is not null)
        {
            return problem;
        }

        var registration = new DesiredStateRegistration(Encoding.UTF8.GetString(file),
            fileFormat == ConfigFileFormat.Yaml ? "yaml" : "json", desired!, Actor.Of(context), time.GetUtcNow());
        var grain = Grain(grains, ns, env);
        var replaced = await grain.GetRegistration() is not null;
        var report = await grain.Register(registration);
        var body = new { registration = RegistrationBody(ns, env, registration), drift = DriftBody(ns, env, report) };

        return replaced
            ? TypedResults.Ok(body)
            : TypedResults.Created($"/v1/namespaces/{ns}/environments/{env}/desired-state", body);
    }

    private static async Task<IResult> GetRegistration(string ns, string env, IGrainFactory grains)
    {
        if (RouteNames.CheckScope(ns, env) is { } scopeProblem)
        {
            return scopeProblem;
        }

        var registration = await Grain(grains, ns, env).GetRegistration();

        return registration is null ? NotRegistered(ns, env) : TypedResults.Ok(RegistrationBody(ns, env, registration));
    }

    private static async Task<IResult> Unregister(string ns, string env, HttpContext context, IGrainFactory grains)
    {
        if (RouteNames.CheckScope(ns, env) is { } scopeProblem)
        {
            return scopeProblem;
        }

        return await Grain(grains, ns, env).Unregister(Actor.Of(context))
            ? TypedResults.NoContent()
            : NotRegistered(ns, env);
    }

    private static async Task<IResult> GetDrift(string ns, string env, IGrainFactory grains)
    {
        if (RouteNames.CheckScope(ns, env) is { } scopeProblem)
        {
            return scopeProblem;
        }

        var report = await Grain(grains, ns, env).GetLatest();

        return report is null ? NotRegistered(ns, env) : TypedResults.Ok(DriftBody(ns, env, report));
    }

    private static async Task<IResult> CheckNow(string ns, string env, IGrainFactory grains)
    {
        if (RouteNames.CheckScope(ns, env) is { } scopeProblem)
        {
            return scopeProblem;
        }

        var report = await Grain(grains, ns, env).Check("request");

        return report is null ? NotRegistered(ns, env) : TypedResults.Ok(DriftBody(ns, env, report));
    }

    private static object RegistrationBody(string ns, string env, DesiredStateRegistration registration) => new
    {
        @namespace = ns,
        environment = env,
        format = registration.Format,
        registeredAt = registration.RegisteredAt,
        author = registration.Author,
        configurationKeys = registration.State.Configuration?.Count,
        flags = registration.State.Flags?.Count,
        file = registration.File,
    };

    private static object? DriftBody(string ns, string env, DriftReport? report) => report is null ? null : new
    {
        @namespace = ns,
        environment = env,
        drifted = report.Drift.Count > 0,
        revision = report.Revision,
        checkedAt = report.CheckedAt,
        trigger = report.Trigger,
        nextCheckAt = report.NextCheckAt,
        eventRevision = report.EventRevision,
        summary = PlanSummaryBody.From(report.Drift),
        items = report.Drift.Select(PlanItemBody.From),
    };

    private static IResult NotRegistered(string ns, string env) => Problems.NotFound(
        $"No desired state is registered for {ns}/{env}; register one with PUT "
        + $"/v1/namespaces/{ns}/environments/{env}/desired-state.");

    private static IEnvironmentDriftGrain Grain(IGrainFactory grains, string ns, string env) =>
        grains.GetGrain<IEnvironmentDriftGrain>(GrainKeys.Environment(ns, env));
}
