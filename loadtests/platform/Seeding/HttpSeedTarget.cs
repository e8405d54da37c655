using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using OrleansConfig.LoadTests.Platform.Data;
using OrleansConfig.LoadTests.Platform.Drivers;

namespace OrleansConfig.LoadTests.Platform.Seeding;

/// <summary>Seeds through the platform's public HTTP API with the admin key.</summary>
public sealed class HttpSeedTarget(PlatformClient client, DatasetLayout layout) : ISeedTarget
{
    public const string MarkerKey = "LoadSeed:Marker";

    /// <summary>Concurrent PUTs of one flag or secret step.</summary>
    private const int Parallelism = 8;

    private SeededEnvironment First => layout.Environments[0];

    public async Task<bool> SupportsAsync(SeedStepKind kind, CancellationToken cancellationToken) => kind switch
    {
        SeedStepKind.Flags => await FeatureProbe.ListsAsync(client,
            PlatformPaths.Flags(First.Namespace, First.Environment), cancellationToken),
        SeedStepKind.Secrets => await FeatureProbe.ListsAsync(client,
            PlatformPaths.Secrets(First.Namespace, First.Environment), cancellationToken),
        _ => true,
    };

    public async Task<string?> ReadMarkerAsync(CancellationToken cancellationToken)
    {
        var response = await client.SendAsync(HttpMethod.Get,
            PlatformPaths.Config(First.Namespace, First.Environment, MarkerKey), client.AdminKey, null,
            cancellationToken);
        if (response.Status != 200)
        {
            return null;
        }

        using var document = JsonDocument.Parse(response.Body);

        return document.RootElement.GetProperty("value").GetString();
    }

    public async Task WriteMarkerAsync(string marker, CancellationToken cancellationToken) =>
        Require(await client.SendAsync(HttpMethod.Put,
            PlatformPaths.Config(First.Namespace, First.Environment, MarkerKey), client.AdminKey,
            JsonSerializer.Serialize(new { value = marker, comment = "seeded by loadtests" }), cancellationToken),
            "writing the seed marker");

    public async Task<int> RunAsync(SeedStep step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);

        return step.Kind switch
        {
            SeedStepKind.Scopes => await CreateScopesAsync(cancellationToken),
            SeedStepKind.Keys or SeedStepKind.AuditPass => await ImportAsync(step, cancellationToken),
            SeedStepKind.Flags => await PutEachAsync(step, local => (
                PlatformPaths.Flag(Env(step).Namespace, Env(step).Environment, DatasetLayout.FlagKey(local)),
                FlagDefinitions.Json(local)), cancellationToken),
            _ => await PutEachAsync(step, local => (
                PlatformPaths.Secret(Env(step).Namespace, Env(step).Environment, DatasetLayout.SecretName(local)),
                JsonSerializer.Serialize(new { value = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)) })),
                cancellationToken),
        };
    }

    private SeededEnvironment Env(SeedStep step) => layout.Environments[step.Environment];

    private async Task<int> CreateScopesAsync(CancellationToken cancellationToken)
    {
        foreach (var ns in layout.Environments.Select(e => e.Namespace).Distinct())
        {
            Require(await client.SendAsync(HttpMethod.Put, PlatformPaths.Namespace(ns), client.AdminKey, null,
                cancellationToken), $"creating namespace {ns}");
        }

        foreach (var env in layout.Environments)
        {
            Require(await client.SendAsync(HttpMethod.Put, PlatformPaths.Environment(env.Namespace, env.Environment),
                client.AdminKey, null, cancellationToken), $"creating environment {env.Namespace}/{env.Environment}");
        }

        return 0;
    }

    /// <summary>Imports keys First … First + Count - 1 with the values of the step's pass as one JSON file.</summary>
    private async Task<int> ImportAsync(SeedStep step, CancellationToken cancellationToken)
    {
        var file = new StringBuilder("{");
        for (var local = step.First; local < step.First + step.Count; local++)
        {
            file.Append(local > step.First ? "," : "").Append('"').Append(DatasetLayout.KeyName(local)).Append("\":")
                .Append(DatasetLayout.KeyValueJson(local, step.Pass));
        }

        var env = Env(step);
        var response = Require(await client.SendAsync(HttpMethod.Post, PlatformPaths.Import(env.Namespace,
            env.Environment), client.AdminKey, file.Append('}').ToString(), cancellationToken), $"step {step.Id}");
        using var document = JsonDocument.Parse(response.Body);

        return document.RootElement.GetProperty("created").GetInt32()
            + document.RootElement.GetProperty("updated").GetInt32();
    }

    private async Task<int> PutEachAsync(SeedStep step, Func<int, (string Path, string Json)> request,
        CancellationToken cancellationToken)
    {
        var changes = 0;
        await Parallel.ForEachAsync(Enumerable.Range(step.First, step.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (local, token) =>
            {
                var (path, json) = request(local);
                var response = Require(await client.SendAsync(HttpMethod.Put, path, client.AdminKey, json, token),
                    $"PUT {path}");
                if (!response.Body.Contains("\"changed\":false", StringComparison.Ordinal))
                {
                    Interlocked.Increment(ref changes);
                }
            });

        return changes;
    }

    private static PlatformResponse Require(PlatformResponse response, string what) => response.IsSuccess
        ? response
        : throw new SeedException($"Seeding failed at {what}: the api returned {response.Status}: "
            + response.Body[..Math.Min(400, response.Body.Length)]);
}

/// <summary>A seeding request the api rejected; the seed state keeps what was done before it.</summary>
public sealed class SeedException(string message) : Exception(message);
