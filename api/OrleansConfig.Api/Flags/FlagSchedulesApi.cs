using OrleansConfig.Api.Configuration;
using OrleansConfig.Api.Http;
using OrleansConfig.Api.Security;
using OrleansConfig.Configuration;
using OrleansConfig.Flags;
using OrleansConfig.Identity;

namespace OrleansConfig.Api.Flags;

/// <summary>
/// Scheduled changes of a flag: <c>…/flags/{key}/schedules</c> to list and add them,
/// <c>…/schedules/{id}</c> to reschedule (PUT) and cancel (DELETE) a pending one.
/// </summary>
public static class FlagSchedulesApi
{
    private const int MaxIdLength = 100;

    public static void MapFlagSchedulesApi(this RouteGroupBuilder group)
    {
        group.MapGet("/{key}/schedules", ListSchedules).RequirePermission(Permission.Read);
        group.MapPost("/{key}/schedules", AddSchedule).RequirePermission(Permission.Write);
        group.MapPut("/{key}/schedules/{id}", Reschedule).RequirePermission(Permission.Write);
        group.MapDelete("/{key}/schedules/{id}", CancelSchedule).RequirePermission(Permission.Write);
    }

    private static async Task<IResult> ListSchedules(
        string ns, string env, string key, string? status, IGrainFactory grains)
    {
        if (FlagRoutes.Check(ns, env, key) is { } problem)
        {
            return problem;
        }

        FlagScheduleStatus? wanted = null;
        if (status is not null)
        {
            if (!Enum.TryParse<FlagScheduleStatus>(status, ignoreCase: true, out var parsed)
                || !Enum.IsDefined(parsed) || int.TryParse(status, out _))
            {
                return Problems.BadRequest(
                    $"status={status} is not a schedule status; use pending, applied, cancelled or failed.");
            }

            wanted = parsed;
        }

        var grain = FlagRoutes.Grain(grains, ns, env, key);
        var schedules = await grain.GetSchedules();
        if (schedules.Count == 0 && (await grain.Get(null)).LatestVersion == 0)
        {
            return await FlagRoutes.NotFound(grains, ns, env, key);
        }

        var bodies = schedules.Where(s => wanted is null || s.Status == wanted).Select(FlagScheduleBody.From);

        return TypedResults.Ok(new FlagScheduleListBody(key, bodies.ToArray()));
    }

    private static async Task<IResult> AddSchedule(
        string ns, string env, string key, HttpContext context, IGrainFactory grains, TimeProvider time)
    {
        if (FlagRoutes.Check(ns, env, key) is { } problem)
        {
            return problem;
        }

        var (input, inputProblem) = await FlagScheduleInput.ReadAsync(context.Request, time.GetUtcNow(), true);
        if (inputProblem is not null)
        {
            return inputProblem;
        }

        var request = new FlagScheduleRequest(null, input!.At, input.Action!.Value, input.Variant, input.Weights,
            Actor.Of(context), input.Comment);
        var result = await FlagRoutes.Grain(grains, ns, env, key).Schedule(request);
        if (result.Schedule is not { } schedule || !IsSuccess(result.Status))
        {
            return await FailureAsync(result, grains, ns, env, key, null);
        }

        var location = $"{FlagRoutes.FlagPath(ns, env, key)}/schedules/{Uri.EscapeDataString(schedule.Id)}";

        return TypedResults.Created(location, FlagScheduleBody.From(schedule));
    }

    private static async Task<IResult> Reschedule(
        string ns, string env, string key, string id, HttpContext context, IGrainFactory grains, TimeProvider time)
    {
        if ((FlagRoutes.Check(ns, env, key) ?? CheckId(id)) is { } problem)
        {
            return problem;
        }

        var (input, inputProblem) = await FlagScheduleInput.ReadAsync(context.Request, time.GetUtcNow(), false);
        if (inputProblem is not null)
        {
            return inputProblem;
        }

        var grain = FlagRoutes.Grain(grains, ns, env, key);
        var existing = (await grain.GetSchedules()).FirstOrDefault(s => s.Id == id);
        if (existing is null)
        {
            return await ScheduleNotFoundAsync(grains, ns, env, key, id);
        }

        if (existing.Status != FlagScheduleStatus.Pending)
        {
            return NotPending(existing);
        }

        // A body without an action moves the schedule in time and keeps what it does.
        var keep = input!.Action is null;
        var request = new FlagScheduleRequest(id, input.At, keep ? existing.Action : input.Action!.Value,
            keep ? existing.Variant : input.Variant, keep ? existing.Weights : input.Weights, Actor.Of(context),
            input.Comment ?? existing.Comment);
        var result = await grain.Schedule(request);

        return result.Schedule is { } schedule && IsSuccess(result.Status)
            ? TypedResults.Ok(FlagScheduleBody.From(schedule))
            : await FailureAsync(result, grains, ns, env, key, id);
    }

    private static async Task<IResult> CancelSchedule(
        string ns, string env, string key, string id, HttpContext context, IGrainFactory grains)
    {
        if ((FlagRoutes.Check(ns, env, key) ?? CheckId(id)) is { } problem)
        {
            return problem;
        }

        var result = await FlagRoutes.Grain(grains, ns, env, key).CancelSchedule(id, Actor.Of(context));

        return result.Schedule is { } schedule && IsSuccess(result.Status)
            ? TypedResults.Ok(FlagScheduleBody.From(schedule))
            : await FailureAsync(result, grains, ns, env, key, id);
    }

    private static bool IsSuccess(ConfigStatus status) =>
        status is ConfigStatus.Created or ConfigStatus.Updated or ConfigStatus.Unchanged or ConfigStatus.Deleted
            or ConfigStatus.Found;

    private static IResult? CheckId(string id) =>
        id.Length is > 0 and <= MaxIdLength && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
            ? null
            : Problems.BadRequest($"'{id}' is not a schedule id; use the id that POST …/schedules returned.");

    private static IResult NotPending(FlagSchedule schedule) => Problems.Create(StatusCodes.Status409Conflict,
        $"The scheduled change '{schedule.Id}' is {FlagScheduleBody.StatusName(schedule.Status)}, so it can no "
        + "longer be changed or cancelled; add a new one with POST …/schedules.");

    private static async Task<IResult> ScheduleNotFoundAsync(
        IGrainFactory grains, string ns, string env, string key, string id)
    {
        var flag = await FlagRoutes.Grain(grains, ns, env, key).Get(null);

        return flag.LatestVersion == 0
            ? await FlagRoutes.NotFound(grains, ns, env, key)
            : Problems.NotFound($"The flag '{key}' has no scheduled change '{id}'; "
                + $"GET {FlagRoutes.FlagPath(ns, env, key)}/schedules lists them.");
    }

    private static async Task<IResult> FailureAsync(
        FlagScheduleResult result, IGrainFactory grains, string ns, string env, string key, string? id)
    {
        var detail = result.Detail ?? result.Status.ToString();

        return result.Status switch
        {
            ConfigStatus.EnvironmentNotFound => await NamespacesApi.MissingScope(grains, ns, env),
            ConfigStatus.NotFound when id is not null => await ScheduleNotFoundAsync(grains, ns, env, key, id),
            ConfigStatus.NotFound => await FlagRoutes.NotFound(grains, ns, env, key),
            ConfigStatus.Conflict => Problems.Create(StatusCodes.Status409Conflict, detail),
            ConfigStatus.AuditUnavailable => Problems.Unavailable(detail),
            _ => Problems.Create(StatusCodes.Status422UnprocessableEntity, detail),
        };
    }
}
