using System.Globalization;
using System.Text.Json;
using OrleansConfig.Api.Http;
using OrleansConfig.Api.Security;
using OrleansConfig.Identity;
using OrleansConfig.Secrets;

namespace OrleansConfig.Api.Secrets;

/// <summary>
/// <c>GET …/secrets/{name}/value</c>: reveals the current value, <c>?version=N</c>, or
/// <c>?version=previous</c> while a rotation overlap lasts. It needs the RevealSecret permission for that
/// secret. A justification may be sent in the <see cref="JustificationHeader"/> header and is recorded in
/// the <c>secret.reveal</c> audit record, which the grain writes before it returns the value.
/// </summary>
public static class SecretRevealApi
{
    public const string JustificationHeader = "Reveal-Justification";

    public const int MaxJustificationLength = 500;

    public static void MapSecretRevealApi(this IEndpointRouteBuilder app) =>
        app.MapGet(SecretsApi.Route + "/{name}/value", Reveal).WithTags("Secrets")
            .RequirePermission(Permission.RevealSecret);

    private static async Task<IResult> Reveal(string ns, string env, string name, string? version,
        HttpContext context, IGrainFactory grains)
    {
        if (SecretsApi.CheckNames(ns, env, name) is { } invalid)
        {
            return invalid;
        }

        var (number, previous, versionProblem) = ParseVersion(version);
        var (justification, justificationProblem) = ReadJustification(context.Request);
        if ((versionProblem ?? justificationProblem) is { } problem)
        {
            return Problems.BadRequest(problem);
        }

        var request = new SecretRevealRequest(number, previous, Actor.Of(context), justification);
        var reveal = await SecretsApi.Grain(grains, ns, env, name).Reveal(request);
        if (reveal.Status != SecretStatus.Found)
        {
            return reveal.Status == SecretStatus.NotFound && reveal.LatestVersion == 0
                ? await SecretsApi.NotFound(grains, ns, env, name)
                : SecretResults.Failure(reveal.Status, reveal.Detail, reveal.LatestVersion);
        }

        return new RevealResult(reveal, previous);
    }

    private static (int? Version, bool Previous, string? Problem) ParseVersion(string? text)
    {
        if (text is null)
        {
            return (null, false, null);
        }

        if (text == "previous")
        {
            return (null, true, null);
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var version) && version >= 1
            ? (version, false, null)
            : (null, false, $"version={text} is neither a version number (1 or more) nor 'previous'.");
    }

    private static (string? Justification, string? Problem) ReadJustification(HttpRequest request)
    {
        var values = request.Headers[JustificationHeader];
        if (values.Count == 0)
        {
            return (null, null);
        }

        var text = string.Join(", ", values.ToArray()).Trim();
        if (text.Length > MaxJustificationLength)
        {
            return (null, $"The {JustificationHeader} header is {text.Length} characters long; the maximum is "
                + $"{MaxJustificationLength}.");
        }

        return text.Any(char.IsControl)
            ? (null, $"The {JustificationHeader} header contains a control character; send plain text.")
            : (text.Length == 0 ? null : text, null);
    }

    /// <summary>
    /// Writes <c>{"name", "version", "alias", "fingerprint", "value"}</c> straight from the revealed bytes,
    /// which are zeroed afterwards; the response is marked not to be stored by caches.
    /// </summary>
    private sealed class RevealResult(SecretReveal reveal, bool previous) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.ContentType = "application/json; charset=utf-8";
            response.Headers.CacheControl = "no-store";
            response.Headers.Pragma = "no-cache";
            var value = reveal.Value!;
            var buffer = new System.Buffers.ArrayBufferWriter<byte>(value.Utf8.Length * 6 + 512);
            try
            {
                using (var json = new Utf8JsonWriter(buffer))
                {
                    json.WriteStartObject();
                    json.WriteString("name", reveal.Name);
                    json.WriteNumber("version", reveal.Version);
                    if (previous)
                    {
                        json.WriteString("alias", "previous");
                    }

                    json.WriteString("fingerprint", reveal.Fingerprint);
                    json.WriteString("value", value.Utf8);
                    json.WriteEndObject();
                }

                await response.Body.WriteAsync(buffer.WrittenMemory, httpContext.RequestAborted);
            }
            finally
            {
                buffer.Clear();
                value.Clear();
            }
        }
    }
}
