using System.Xml;
using OrleansConfig.Secrets;

namespace OrleansConfig.Api.Secrets;

/// <summary>
/// Reads the body of <c>PUT …/secrets/{name}/rotation</c>:
/// <c>{"interval": "P30D", "overlap": "PT1H", "generator": {"kind": "password", "length": 32}}</c>. Durations
/// are ISO 8601 (XML Schema) durations; <c>overlap</c> defaults to none.
/// </summary>
public static class SecretPolicyReader
{
    public const string Example = """{"interval": "P30D", "overlap": "PT1H", "generator": """
        + """{"kind": "password", "length": 32, "symbols": true}}""";

    /// <summary>Converts the body into a policy, or returns the problem that names the field and the fix.</summary>
    public static (SecretRotationPolicy? Policy, string? Problem) Read(SecretPolicyRequestBody body)
    {
        ArgumentNullException.ThrowIfNull(body);

        var (interval, intervalProblem) = ReadDuration(body.Interval, "interval", required: true);
        var (overlap, overlapProblem) = ReadDuration(body.Overlap, "overlap", required: false);
        var (generator, generatorProblem) = ReadGenerator(body.Generator);
        if ((intervalProblem ?? overlapProblem ?? generatorProblem) is { } problem)
        {
            return (null, problem);
        }

        var policy = new SecretRotationPolicy(interval, overlap, generator!);

        return SecretRotationRules.Validate(policy) is { } invalid ? (null, invalid) : (policy, null);
    }

    private static (TimeSpan Duration, string? Problem) ReadDuration(string? text, string field, bool required)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return required
                ? (TimeSpan.Zero, $"'{field}' is missing; send an ISO 8601 duration such as \"P30D\", for example "
                    + $"{Example}.")
                : (TimeSpan.Zero, null);
        }

        try
        {
            return (XmlConvert.ToTimeSpan(text.Trim()), null);
        }
        catch (FormatException)
        {
            return (TimeSpan.Zero, $"'{field}' is '{text}', which is not an ISO 8601 duration; write for example "
                + "\"P30D\" (30 days), \"PT12H\" (12 hours) or \"PT90M\" (90 minutes).");
        }
        catch (OverflowException)
        {
            return (TimeSpan.Zero, $"'{field}' is '{text}', which is too long a duration.");
        }
    }

    private static (SecretGenerator? Generator, string? Problem) ReadGenerator(SecretGeneratorBody? body)
    {
        if (body is null)
        {
            return (null, $"'generator' is missing; send for example {Example}.");
        }

        return body.Kind switch
        {
            "password" => (new SecretGenerator(SecretGeneratorKind.Password, body.Length ?? 32,
                body.Lowercase ?? true, body.Uppercase ?? true, body.Digits ?? true, body.Symbols ?? false), null),
            "bytes" => (new SecretGenerator(SecretGeneratorKind.Bytes, body.Length ?? 32), null),
            "webhook" => (new SecretGenerator(SecretGeneratorKind.Webhook, WebhookUrl: body.Url), null),
            _ => (null, $"The generator kind '{body.Kind}' does not exist; use \"password\", \"bytes\" or "
                + "\"webhook\"."),
        };
    }
}

/// <summary>The body of <c>PUT …/secrets/{name}/rotation</c>, before it is checked.</summary>
public sealed record SecretPolicyRequestBody(string? Interval, string? Overlap, SecretGeneratorBody? Generator);
