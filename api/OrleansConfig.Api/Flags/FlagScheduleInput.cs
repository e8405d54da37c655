using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using OrleansConfig.Api.Configuration;
using OrleansConfig.Api.Http;
using OrleansConfig.Flags;

namespace OrleansConfig.Api.Flags;

/// <summary>
/// The body of a scheduled change: <c>at</c> (a future UTC instant in ISO 8601, such as
/// <c>2030-01-31T09:00:00Z</c>), <c>action</c> (<c>enable</c>, <c>disable</c>, <c>set-default-variant</c>
/// or <c>set-rollout-weights</c>), <c>variant</c> for set-default-variant, <c>weights</c> (variant name
/// to non-negative integer) for set-rollout-weights, and an optional <c>comment</c>.
/// </summary>
public sealed partial record FlagScheduleInput(
    DateTimeOffset At, FlagScheduledAction? Action, string? Variant, IReadOnlyDictionary<string, int>? Weights,
    string? Comment)
{
    public const string Example =
        """{"at": "2030-01-31T09:00:00Z", "action": "set-default-variant", "variant": "on", "comment": "launch"}""";

    private static readonly string[] s_members = ["at", "action", "variant", "weights", "comment"];

    /// <summary>The actions by their names in requests and responses.</summary>
    public static IReadOnlyDictionary<string, FlagScheduledAction> Actions { get; } =
        new Dictionary<string, FlagScheduledAction>(StringComparer.Ordinal)
        {
            ["enable"] = FlagScheduledAction.Enable,
            ["disable"] = FlagScheduledAction.Disable,
            ["set-default-variant"] = FlagScheduledAction.SetDefaultVariant,
            ["set-rollout-weights"] = FlagScheduledAction.SetRolloutWeights,
        };

    public static string NameOf(FlagScheduledAction action) => Actions.First(pair => pair.Value == action).Key;

    /// <summary>
    /// Reads the body. <paramref name="actionRequired"/> is false for a reschedule, where a missing
    /// action keeps the schedule's action, variant and weights. Returns a message naming the first
    /// invalid member instead when the body is invalid.
    /// </summary>
    public static async Task<(FlagScheduleInput? Input, IResult? Problem)> ReadAsync(
        HttpRequest request, DateTimeOffset now, bool actionRequired)
    {
        var (root, problem) = await RequestBodies.ReadObjectAsync(request, Example);
        if (problem is not null)
        {
            return (null, problem);
        }

        using var document = root!;
        var error = Read(document.RootElement, now, actionRequired, out var input);

        return error is null ? (input, null) : (null, Problems.BadRequest(error));
    }

    private static string? Read(JsonElement body, DateTimeOffset now, bool actionRequired, out FlagScheduleInput? input)
    {
        input = null;
        var unknown = body.EnumerateObject().Select(p => p.Name).FirstOrDefault(n => !s_members.Contains(n));
        if (unknown is not null)
        {
            return $"'{unknown}' is not a member of a scheduled change; send {string.Join(", ", s_members)}, "
                + $"for example {Example}.";
        }

        var (at, atError) = ReadAt(body, now);
        var (action, actionError) = ReadAction(body, actionRequired);
        var (comment, commentProblem) = RequestBodies.ReadComment(body);
        var error = atError ?? actionError ?? (commentProblem is null ? null : "'comment' must be a string of at "
            + "most 1024 characters.");
        if (error is not null)
        {
            return error;
        }

        var (variant, weights, argumentError) = ReadArguments(body, action);
        input = new FlagScheduleInput(at, action, variant, weights, comment);

        return argumentError;
    }

    private static (DateTimeOffset At, string? Error) ReadAt(JsonElement body, DateTimeOffset now)
    {
        var element = body.TryGetProperty("at", out var found) ? found : default;
        var text = element.ValueKind == JsonValueKind.String ? element.GetString()! : null;
        if (text is null || !Iso8601Instant().IsMatch(text) || !DateTimeOffset.TryParse(text,
            CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var at))
        {
            var shown = element.ValueKind == JsonValueKind.Undefined ? "missing" : element.GetRawText();

            return (default, $"'at' is {shown}; send an ISO 8601 instant with its offset, such as "
                + "\"2030-01-31T09:00:00Z\". A time without Z or an offset is ambiguous and not accepted.");
        }

        at = at.ToUniversalTime();

        return at <= now
            ? (at, $"'at' is {at:O}, which is not in the future (the server's time is {now:O}); send a later time.")
            : (at, null);
    }

    private static (FlagScheduledAction? Action, string? Error) ReadAction(JsonElement body, bool required)
    {
        if (!body.TryGetProperty("action", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return required ? (null, $"'action' is missing; send one of {string.Join(", ", Actions.Keys)}.")
                : (null, null);
        }

        return element.ValueKind == JsonValueKind.String && Actions.TryGetValue(element.GetString()!, out var action)
            ? (action, null)
            : (null, $"'action' is {element.GetRawText()}; send one of {string.Join(", ", Actions.Keys)}.");
    }

    private static (string? Variant, IReadOnlyDictionary<string, int>? Weights, string? Error) ReadArguments(
        JsonElement body, FlagScheduledAction? action)
    {
        var variant = body.TryGetProperty("variant", out var v) && v.ValueKind != JsonValueKind.Null ? v : default;
        var weights = body.TryGetProperty("weights", out var w) && w.ValueKind != JsonValueKind.Null ? w : default;
        if (action != FlagScheduledAction.SetDefaultVariant && variant.ValueKind != JsonValueKind.Undefined)
        {
            return (null, null, "'variant' applies only to the action set-default-variant; leave it out.");
        }

        if (action != FlagScheduledAction.SetRolloutWeights && weights.ValueKind != JsonValueKind.Undefined)
        {
            return (null, null, "'weights' applies only to the action set-rollout-weights; leave it out.");
        }

        return action switch
        {
            FlagScheduledAction.SetDefaultVariant => ReadVariant(variant),
            FlagScheduledAction.SetRolloutWeights => ReadWeights(weights),
            _ => (null, null, null),
        };
    }

    private static (string?, IReadOnlyDictionary<string, int>?, string?) ReadVariant(JsonElement element) =>
        element.ValueKind == JsonValueKind.String && element.GetString() is { Length: > 0 } name
            ? (name, null, null)
            : (null, null, $"'variant' is {(element.ValueKind == JsonValueKind.Undefined ? "missing"
                : element.GetRawText())}; set-default-variant needs the name of a variant of the flag.");

    private static (string?, IReadOnlyDictionary<string, int>?, string?) ReadWeights(JsonElement element)
    {
        const string Expected =
            """an object of variant names and non-negative integers, such as {"on": 25, "off": 75}""";
        if (element.ValueKind != JsonValueKind.Object)
        {
            var shown = element.ValueKind == JsonValueKind.Undefined ? "missing" : element.GetRawText();

            return (null, null, $"'weights' is {shown}; set-rollout-weights needs {Expected}.");
        }

        var weights = new Dictionary<string, int>(StringComparer.Ordinal);
        long total = 0;
        foreach (var property in element.EnumerateObject())
        {
            if (property.Value.ValueKind != JsonValueKind.Number || !property.Value.TryGetInt32(out var weight)
                || weight < 0)
            {
                return (null, null, $"The weight of '{property.Name}' is {property.Value.GetRawText()}, which is not a "
                    + $"non-negative integer; 'weights' must be {Expected}.");
            }

            weights[property.Name] = weight;
            total += weight;
        }

        return total is > 0 and <= int.MaxValue
            ? (null, weights, null)
            : (null, null, $"The weights add up to {total}; they must add up to 1 to 2147483647, for example "
                + """{"on": 25, "off": 75}.""");
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|z|[+-]\d{2}:\d{2})$")]
    private static partial Regex Iso8601Instant();
}
