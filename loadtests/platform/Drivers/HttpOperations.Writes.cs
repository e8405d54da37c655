using System.Globalization;
using System.Text;
using OrleansConfig.LoadTests.Platform.Data;
using OrleansConfig.LoadTests.Platform.Engine;

namespace OrleansConfig.LoadTests.Platform.Drivers;

public sealed partial class HttpOperations
{
    /// <summary>
    /// Writes a new value with <c>If-Match</c>: the version of the run's last write to the key, or <c>*</c> (the
    /// key must exist) for a key the run has not written yet.
    /// </summary>
    private Task<OperationOutcome> PutKeyAsync(OperationContext context, CancellationToken cancellationToken) =>
        WithClaimedKeyAsync(OperationNames.PutKey, async (env, key, path) =>
        {
            var version = _versions.VersionOf(path);
            var ifMatch = version is { } known ? $"\"{Local(known)}\"" : "*";
            var body = string.Create(CultureInfo.InvariantCulture,
                $"{{\"value\":{{\"run\":\"{runId}\",\"write\":{context.Index}}},\"comment\":\"load test\"}}");
            var (status, etag) = await client.SendForStatusAsync(HttpMethod.Put, path, client.AdminKey, Utf8(body),
                cancellationToken, ("If-Match", ifMatch));
            _versions.Update(path, etag);

            return OperationOutcome.FromStatus(status, OperationNames.PutKey);
        });

    /// <summary>
    /// Rolls a key back to its previous version, or writes it first when the run has no version of it.
    /// </summary>
    private Task<OperationOutcome> RollbackAsync(OperationContext context, CancellationToken cancellationToken) =>
        WithClaimedKeyAsync(OperationNames.Rollback, async (env, key, path) =>
        {
            if (_versions.VersionOf(path) is not { } version || version < 2)
            {
                var body = string.Create(CultureInfo.InvariantCulture,
                    $"{{\"value\":{{\"run\":\"{runId}\",\"before-rollback\":{context.Index}}}}}");
                var (putStatus, putEtag) = await client.SendForStatusAsync(HttpMethod.Put, path, client.AdminKey,
                    Utf8(body), cancellationToken);
                _versions.Update(path, putEtag);

                return OperationOutcome.FromStatus(putStatus, "PUT before a rollback");
            }

            var (status, etag) = await client.SendForStatusAsync(HttpMethod.Post, $"{path}/rollback",
                client.AdminKey, Utf8($"{{\"version\":{Local(version - 1)}}}"), cancellationToken,
                ("If-Match", $"\"{Local(version)}\""));
            _versions.Update(path, etag);

            return OperationOutcome.FromStatus(status, OperationNames.Rollback);
        });

    /// <summary>Imports a file of 10 keys under <c>LoadImport:</c>, each with a new value.</summary>
    private async Task<OperationOutcome> ImportAsync(OperationContext context, CancellationToken cancellationToken)
    {
        var env = PickEnvironment();
        var file = new StringBuilder("{\"LoadImport\":{");
        for (var i = 0; i < 10; i++)
        {
            file.Append(i > 0 ? "," : "")
                .Append(CultureInfo.InvariantCulture, $"\"Key{i}\":\"{runId}-{context.Index}\"");
        }

        var (status, _) = await client.SendForStatusAsync(HttpMethod.Post,
            PlatformPaths.Import(env.Namespace, env.Environment), client.AdminKey, Utf8(file.Append("}}").ToString()),
            cancellationToken);

        return OperationOutcome.FromStatus(status, OperationNames.Import);
    }

    private Task<OperationOutcome> WithClaimedKeyAsync(string operation,
        Func<SeededEnvironment, string, string, Task<OperationOutcome>> write) =>
        _versions.WithClaimedKeyAsync(layout, operation,
            (env, key) => PlatformPaths.Config(env.Namespace, env.Environment, key), write);
}
