namespace OrleansConfig.LoadTests.Platform.Drivers;

/// <summary>Checks that the target is ready before any load, and describes its topology.</summary>
public static class TargetHealth
{
    /// <summary>
    /// Returns the body of <c>GET /health/ready</c> (which names the active silos) as the topology; throws
    /// unless the target returns 200.
    /// </summary>
    public static async Task<string> RequireReadyAsync(PlatformClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);

        PlatformResponse response;
        try
        {
            response = await client.SendAsync(HttpMethod.Get, "health/ready", client.AdminKey, null, cancellationToken);
        }
        catch (HttpRequestException exception)
        {
            throw new InvalidOperationException($"The target {client.Target} did not respond: {exception.Message}. "
                + "Start it (./run.sh start) or name another with --target.", exception);
        }

        if (response.Status != 200)
        {
            throw new InvalidOperationException($"The target {client.Target} is not ready: GET /health/ready returned "
                + $"{response.Status}: {response.Body}");
        }

        var body = response.Body.ReplaceLineEndings(" ").Trim();

        return $"one api at {client.Target}; /health/ready: {body[..Math.Min(300, body.Length)]}";
    }
}
