using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using OrleansConfig.Api.Configuration;
using OrleansConfig.Api.Http;
using OrleansConfig.Api.Security;
using OrleansConfig.Configuration;
using OrleansConfig.Changes;
using OrleansConfig.Drift;
using OrleansConfig.Identity;

namespace OrleansConfig.Api.Drift;

/// <summary>
/// Configuration as code: <c>POST …/environments/{env}/plan</c> with a desired-state file returns what applying it
/// would create, update and delete, with a plan id; <c>POST …/apply</c> with that id applies it as one change set,
/// refused when the environment moved since the plan was made.
/// </summary>
public static class PlanApi
{
    /// <summary>How long a plan can be applied after it was made.</summary>
    public static readonly TimeSpan PlanLifetime = TimeSpan.FromHours(24);

    private const string ApplyExample = """{"planId": "plan_…", "comment": "optional text"}""";

    public static void MapPlanApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/namespaces/{ns}/environments/{env}").WithTags("Drift");
        group.MapPost("/plan", CreatePlan).WithMetadata(new RequestSizeLimitAttribute(DesiredStateRequests.MaxBytes))
            .RequirePermission(Permission.Write);
        group.MapGet("/plans/{planId}", GetPlan).RequirePermission(Permission.Read);
        group.MapPost("/apply", Apply).RequirePermission(Permission.Write);
    }

    private static async Task<IResult> CreatePlan(string ns, string env, string? format, HttpContext context,
        IGrainFactory grains, TimeProvider time)
    {
        var (current, environmentProblem) = await DesiredStateRequests.ReadEnvironmentAsync(grains, ns, env);
        if (environmentProblem is not null)
        {
            return environmentProblem;
        }

        var (_, _, desired, problem) = await DesiredStateRequests.ReadAsync(context.Request, format, current!);
        if (problem is not null)
        {
            return problem;
        }

        var items = DesiredStatePlanner.Plan(desired!, current!.Sides(ChangeKind.Config),
            current.Sides(ChangeKind.Flag));
        if (await DesiredStateRequests.CheckSchemasAsync(grains, ns, env, items) is { } invalid)
        {
            return invalid;
        }

        var now = time.GetUtcNow();
        var plan = new PlanRecord("plan_" + Guid.NewGuid().ToString("N")[..20], ns, env, current.Revision, items,
            Actor.Of(context), now, now + PlanLifetime);
        await grains.GetGrain<IPlanGrain>(plan.Id).Save(plan);

        return TypedResults.Created($"/v1/namespaces/{ns}/environments/{env}/plans/{plan.Id}", PlanBody.From(plan));
    }

    private static async Task<IResult> GetPlan(string ns, string env, string planId, IGrainFactory grains)
    {
        if (RouteNames.CheckScope(ns, env) is { } scopeProblem)
        {
            return scopeProblem;
        }

        var plan = await FindAsync(grains, ns, env, planId);

        return plan is null ? PlanNotFound(ns, env, planId) : TypedResults.Ok(PlanBody.From(plan));
    }

    private static async Task<IResult> Apply(string ns, string env, HttpContext context, IGrainFactory grains,
        TimeProvider time)
    {
        if (RouteNames.CheckScope(ns, env) is { } scopeProblem)
        {
            return scopeProblem;
        }

        var (planId, comment, bodyProblem) = await ReadApplyAsync(context.Request);
        if (bodyProblem is not null)
        {
            return bodyProblem;
        }

        var plan = await FindAsync(grains, ns, env, planId!);
        if (plan is null)
        {
            return PlanNotFound(ns, env, planId!);
        }

        if (Refusal(plan, time.GetUtcNow()) is { } refused)
        {
            return refused;
        }

        var entries = plan.Items.Where(i => i.Action != PlanActions.Unchanged)
            .Select(i => new ChangeSetEntry(i.Kind, i.Key, i.Action == PlanActions.Create ? 0 : i.CurrentVersion,
                i.NewValue))
            .ToArray();
        var changeSetId = "cs_" + plan.Id;
        var request = new ChangeSetRequest(changeSetId, plan.Revision, entries, Actor.Of(context),
            comment ?? $"apply {plan.Id}", "apply", plan.Id);
        var environment = grains.GetGrain<IEnvironmentGrain>(GrainKeys.Environment(ns, env));
        var result = entries.Length == 0
            ? new ChangeSetResult(ChangeSetStatus.Applied, await environment.GetRevision(), [], null, null)
            : await environment.ApplyChangeSet(request);
        if (result.Status == ChangeSetStatus.Applied)
        {
            await grains.GetGrain<IPlanGrain>(plan.Id).MarkApplied(changeSetId, result.Revision);
        }

        return ChangeSetResponses.ToResponse(ns, env, changeSetId, result);
    }

    private static IResult? Refusal(PlanRecord plan, DateTimeOffset now)
    {
        if (plan.AppliedChangeSet is { } applied)
        {
            return Problems.Create(StatusCodes.Status409Conflict,
                $"The plan {plan.Id} was already applied as change set {applied} at revision {plan.AppliedRevision}; "
                + "make a new plan to change the environment again.");
        }

        return now > plan.ExpiresAt
            ? Problems.Create(StatusCodes.Status409Conflict,
                $"The plan {plan.Id} expired at {plan.ExpiresAt:O}; make a new plan.")
            : null;
    }

    private static async Task<PlanRecord?> FindAsync(IGrainFactory grains, string ns, string env, string planId)
    {
        var plan = await grains.GetGrain<IPlanGrain>(planId).Get();

        return plan is not null && plan.Namespace == ns && plan.Environment == env ? plan : null;
    }

    private static IResult PlanNotFound(string ns, string env, string planId) => Problems.NotFound(
        $"No plan '{planId}' exists for {ns}/{env}; make one with POST /v1/namespaces/{ns}/environments/{env}/plan.");

    private static async Task<(string? PlanId, string? Comment, IResult? Problem)> ReadApplyAsync(HttpRequest request)
    {
        var (document, problem) = await RequestBodies.ReadObjectAsync(request, ApplyExample);
        if (problem is not null)
        {
            return (null, null, problem);
        }

        using (document)
        {
            var root = document!.RootElement;
            if (!root.TryGetProperty("planId", out var id) || id.ValueKind != JsonValueKind.String
                || string.IsNullOrWhiteSpace(id.GetString()))
            {
                return (null, null, Problems.BadRequest($"The body needs 'planId', the id a plan returned; send "
                    + $"{ApplyExample}."));
            }

            var (comment, commentProblem) = RequestBodies.ReadComment(root);

            return (id.GetString(), comment, commentProblem);
        }
    }
}
