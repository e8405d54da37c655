using System.Globalization;
using System.Text;
using OrleansConfig.LoadTests.Platform.Data;
using OrleansConfig.LoadTests.Platform.Engine;

namespace OrleansConfig.LoadTests.Platform.Drivers;

/// <summary>
/// The HTTP operations. Each request picks a seeded environment and item at random, reads with the
/// environment's service token and writes with the admin key.
/// </summary>
public sealed partial class HttpOperations(PlatformClient client, DatasetLayout layout, RunCredentials credentials,
    string runId)
{
    private readonly EtagCache _etags = new();
    private readonly KeyVersions _versions = new();

    /// <summary>Returns every operation the target serves; the others are listed with the reason.</summary>
    public OperationSet Create(TargetFeatures features, TimeSpan longPollWait)
    {
        ArgumentNullException.ThrowIfNull(features);

        var set = new OperationSet();
        set.Add(OperationNames.GetKey, OperationCategory.Read, (_, token) => GetKeyAsync(false, token));
        set.Add(OperationNames.RevalidateKey, OperationCategory.Read, (_, token) => GetKeyAsync(true, token));
        set.Add(OperationNames.GetSnapshot, OperationCategory.Read, (_, token) => GetSnapshotAsync(false, token));
        set.Add(OperationNames.RevalidateSnapshot, OperationCategory.Read,
            (_, token) => GetSnapshotAsync(true, token));
        set.Add(OperationNames.LongPoll, OperationCategory.LongPoll, (_, token) => LongPollAsync(longPollWait, token));
        set.Add(OperationNames.PutKey, OperationCategory.Write, PutKeyAsync);
        set.Add(OperationNames.Rollback, OperationCategory.Write, RollbackAsync);
        set.Add(OperationNames.Import, OperationCategory.Write, ImportAsync);
        set.Add(OperationNames.AuditQuery, OperationCategory.Audit, (_, token) => AuditQueryAsync(token));
        set.Add(OperationNames.ComplianceReport, OperationCategory.Report, (_, token) => ReportAsync(token));
        AddFlags(set, features);
        AddSecrets(set, features);

        return set;
    }

    private SeededEnvironment PickEnvironment() => layout.Environments[Random.Shared.Next(layout.Environments.Count)];

    private static string Local(int value) => value.ToString(CultureInfo.InvariantCulture);

    private async Task<OperationOutcome> GetKeyAsync(bool revalidate, CancellationToken cancellationToken)
    {
        var env = PickEnvironment();
        var count = layout.KeyCount(env.Index);
        if (count == 0)
        {
            return OperationOutcome.Failure(0, $"{env.Namespace}/{env.Environment} has no seeded keys");
        }

        var key = DatasetLayout.KeyName(Random.Shared.Next(count));
        var path = PlatformPaths.Config(env.Namespace, env.Environment, key);
        var (status, etag) = await client.SendForStatusAsync(HttpMethod.Get, path, credentials.TokenFor(env), null,
            cancellationToken, _etags.Condition(path, revalidate));
        _etags.Store(path, etag);

        return OperationOutcome.FromStatus(status, revalidate ? OperationNames.RevalidateKey : OperationNames.GetKey);
    }

    private async Task<OperationOutcome> GetSnapshotAsync(bool revalidate, CancellationToken cancellationToken)
    {
        var env = PickEnvironment();
        var path = PlatformPaths.Snapshot(env.Namespace, env.Environment);
        var (status, etag) = await client.SendForStatusAsync(HttpMethod.Get, path, credentials.TokenFor(env), null,
            cancellationToken, _etags.Condition(path, revalidate));
        _etags.Store(path, etag);

        return OperationOutcome.FromStatus(status,
            revalidate ? OperationNames.RevalidateSnapshot : OperationNames.GetSnapshot);
    }

    /// <summary>
    /// Holds <c>GET …/configs?wait=</c> with the current ETag until a change or the wait ends (304).
    /// </summary>
    private async Task<OperationOutcome> LongPollAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        var env = PickEnvironment();
        var path = PlatformPaths.Snapshot(env.Namespace, env.Environment);
        var token = credentials.TokenFor(env);
        var condition = _etags.Condition(path, true);
        if (condition.Length == 0)
        {
            var (first, etag) = await client.SendForStatusAsync(HttpMethod.Get, path, token, null, cancellationToken);
            _etags.Store(path, etag);
            condition = _etags.Condition(path, true);
            if (first != 200 || condition.Length == 0)
            {
                return OperationOutcome.Failure(first, $"the snapshot read before a long poll returned {first}");
            }
        }

        var seconds = Local((int)Math.Max(1, wait.TotalSeconds));
        var (status, _) = await client.SendForStatusAsync(HttpMethod.Get, $"{path}?wait={seconds}s", token, null,
            wait, cancellationToken, condition);

        return OperationOutcome.FromStatus(status, OperationNames.LongPoll);
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
