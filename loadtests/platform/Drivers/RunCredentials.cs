using System.Text.Json;
using OrleansConfig.LoadTests.Platform.Data;

namespace OrleansConfig.LoadTests.Platform.Drivers;

/// <summary>
/// The service tokens of one run, one per seeded environment, as each service of a real deployment has
/// its own: reads, flag evaluations and secret reveals use them, and their per-caller rate limits
/// spread as a fleet's do. A token may reveal every secret of its environment when the target serves
/// secrets. <see cref="RevokeAsync"/> revokes them all at the end of the run.
/// </summary>
public sealed class RunCredentials
{
    private readonly Dictionary<int, (string Id, string Key)> _tokens = [];

    private RunCredentials()
    {
    }

    public string TokenFor(SeededEnvironment environment) => _tokens[environment.Index].Key;

    public static async Task<RunCredentials> CreateAsync(PlatformClient client, DatasetLayout layout, string runId,
        bool revealSecrets, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(layout);

        var credentials = new RunCredentials();
        foreach (var environment in layout.Environments)
        {
            var body = new Dictionary<string, object>
            {
                ["name"] = $"loadtests-{runId}-{environment.Namespace}-{environment.Environment}",
                ["kind"] = "serviceToken",
                ["namespace"] = environment.Namespace,
                ["environment"] = environment.Environment,
                ["role"] = "viewer",
            };
            if (revealSecrets)
            {
                body["secrets"] = new[] { "*" };
            }

            var response = await client.SendAsync(HttpMethod.Post, "v1/keys", client.AdminKey,
                JsonSerializer.Serialize(body), cancellationToken);
            if (!response.IsSuccess)
            {
                await credentials.RevokeAsync(client, CancellationToken.None);
                throw new InvalidOperationException(
                    $"Creating a service token for {environment.Namespace}/{environment.Environment} returned "
                    + $"{response.Status}: {response.Body}");
            }

            using var document = JsonDocument.Parse(response.Body);
            credentials._tokens[environment.Index] = (document.RootElement.GetProperty("id").GetString()!,
                document.RootElement.GetProperty("key").GetString()!);
        }

        return credentials;
    }

    /// <summary>Revokes every token; returns how many revocations failed.</summary>
    public async Task<int> RevokeAsync(PlatformClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);

        var failed = 0;
        foreach (var (id, _) in _tokens.Values)
        {
            var response = await client.SendAsync(HttpMethod.Delete, $"v1/keys/{id}", client.AdminKey, null,
                cancellationToken);
            failed += response.IsSuccess ? 0 : 1;
        }

        return failed;
    }
}
