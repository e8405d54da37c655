using System.Globalization;
using OrleansConfig.Configuration;
using OrleansConfig.LoadTests.Platform.Data;
using OrleansConfig.LoadTests.Platform.Engine;

namespace OrleansConfig.LoadTests.Platform.Drivers;

/// <summary>
/// The operations of a co-hosted .NET app: grain calls through an Orleans client, without HTTP or API keys.
/// Reads call the key's or the environment's grain, writes the key's grain with a version precondition.
/// Import, flags, secrets and the audit endpoints are features of the api, so this driver lists them
/// as unavailable.
/// </summary>
public sealed class OrleansOperations(IGrainFactory grains, DatasetLayout layout, string runId)
{
    private const string Author = "loadtests (Orleans client)";
    private const string ApiOnly = "served by the api only; run it with --driver http";

    private readonly KeyVersions _versions = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, long> _revisions = new();

    public OperationSet Create()
    {
        var set = new OperationSet();
        set.Add(OperationNames.GetKey, OperationCategory.Read, (_, _) => GetKeyAsync());
        set.Add(OperationNames.GetSnapshot, OperationCategory.Read, (_, _) => GetSnapshotAsync(false));
        set.Add(OperationNames.RevalidateSnapshot, OperationCategory.Read, (_, _) => GetSnapshotAsync(true));
        set.Add(OperationNames.PutKey, OperationCategory.Write, (context, _) => PutKeyAsync(context));
        foreach (var name in new[]
        {
            OperationNames.RevalidateKey, OperationNames.LongPoll, OperationNames.Rollback, OperationNames.Import,
            OperationNames.OfrepSingle, OperationNames.OfrepBulk, OperationNames.ListSecrets,
            OperationNames.RevealSecret, OperationNames.AuditQuery, OperationNames.ComplianceReport,
        })
        {
            set.AddUnavailable(name, $"{name} is {ApiOnly}");
        }

        return set;
    }

    private SeededEnvironment PickEnvironment() => layout.Environments[Random.Shared.Next(layout.Environments.Count)];

    private async Task<OperationOutcome> GetKeyAsync()
    {
        var env = PickEnvironment();
        var key = DatasetLayout.KeyName(Random.Shared.Next(Math.Max(1, layout.KeyCount(env.Index))));
        var result = await grains.GetGrain<IConfigKeyGrain>(GrainKeys.ConfigKey(env.Namespace, env.Environment, key))
            .Get(null);

        return Outcome(result, OperationNames.GetKey);
    }

    /// <summary>
    /// Reads the environment's snapshot JSON, or only its revision when <paramref name="revalidate"/>.
    /// </summary>
    private async Task<OperationOutcome> GetSnapshotAsync(bool revalidate)
    {
        var env = PickEnvironment();
        var known = revalidate ? _revisions.GetValueOrDefault(env.Index, -1) : -1;
        var snapshot = await grains.GetGrain<IEnvironmentGrain>(GrainKeys.Environment(env.Namespace, env.Environment))
            .GetSnapshotJson(null, known);
        _revisions[env.Index] = snapshot.Revision;

        return snapshot.Revision >= 0
            ? OperationOutcome.Success(200)
            : OperationOutcome.Failure(404, $"{env.Namespace}/{env.Environment} does not exist");
    }

    private Task<OperationOutcome> PutKeyAsync(OperationContext context) =>
        _versions.WithClaimedKeyAsync(layout, OperationNames.PutKey,
            (env, key) => GrainKeys.ConfigKey(env.Namespace, env.Environment, key),
            (_, key, id) => PutAsync(id, key, context));

    private async Task<OperationOutcome> PutAsync(string id, string key, OperationContext context)
    {
        var conditions = _versions.VersionOf(id) is { } known
            ? new WriteConditions(IfMatchVersion: known)
            : new WriteConditions(IfMatchAny: true);
        var value = string.Create(CultureInfo.InvariantCulture, $"{{\"run\":\"{runId}\",\"write\":{context.Index}}}");
        var result = await grains.GetGrain<IConfigKeyGrain>(id)
            .Put(new ConfigPut(key, value, Author, "load test", conditions));
        if (result.Current is { } current)
        {
            _versions.Update(id, $"\"{current.Version}\"");
        }

        return Outcome(result, OperationNames.PutKey);
    }

    private static OperationOutcome Outcome(ConfigResult result, string operation) => result.IsSuccess
        ? OperationOutcome.Success(200)
        : OperationOutcome.Failure(0, $"{operation} returned {result.Status}: {result.Detail}");
}
