using OrleansConfig.LoadTests.Platform.Data;

namespace OrleansConfig.LoadTests.Platform.Drivers;

/// <summary>Which optional endpoints the target serves, found by one request each to an existing environment.</summary>
public sealed record TargetFeatures(bool Flags, bool Ofrep, bool Secrets)
{
    public static readonly TargetFeatures None = new(false, false, false);
}

/// <summary>
/// Asks the target whether it serves feature flags, OFREP and secrets. An endpoint counts as served
/// when an existing environment's list returns 200, or, for OFREP, when the answer is OFREP's own
/// (200, 304, or an error body with an <c>errorCode</c>); a bare 404 or 405 means it is not there.
/// </summary>
public static class FeatureProbe
{
    public static async Task<TargetFeatures> ProbeAsync(PlatformClient client, SeededEnvironment environment,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(environment);

        return new TargetFeatures(
            await ListsAsync(client, PlatformPaths.Flags(environment.Namespace, environment.Environment),
                cancellationToken),
            await OfrepAsync(client, environment, cancellationToken),
            await ListsAsync(client, PlatformPaths.Secrets(environment.Namespace, environment.Environment),
                cancellationToken));
    }

    public static async Task<bool> ListsAsync(PlatformClient client, string path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);

        var response = await client.SendAsync(HttpMethod.Get, path, client.AdminKey, null, cancellationToken);

        return response.Status == 200;
    }

    private static async Task<bool> OfrepAsync(PlatformClient client, SeededEnvironment environment,
        CancellationToken cancellationToken)
    {
        var response = await client.SendAsync(HttpMethod.Post, PlatformPaths.OfrepBulk, client.AdminKey,
            """{"context":{"targetingKey":"probe"}}""", cancellationToken,
            ("X-Namespace", environment.Namespace), ("X-Environment", environment.Environment));

        return response.Status is 200 or 304 || response.Body.Contains("\"errorCode\"", StringComparison.Ordinal);
    }
}
