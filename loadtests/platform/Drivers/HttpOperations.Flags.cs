using OrleansConfig.LoadTests.Platform.Data;
using OrleansConfig.LoadTests.Platform.Engine;

namespace OrleansConfig.LoadTests.Platform.Drivers;

public sealed partial class HttpOperations
{
    private const string NotOnTarget = "not available on this target";

    private void AddFlags(OperationSet set, TargetFeatures features)
    {
        if (!features.Ofrep)
        {
            var reason = $"{NotOnTarget}: POST /{PlatformPaths.OfrepBulk} is not served (probed)";
            set.AddUnavailable(OperationNames.OfrepSingle, reason);
            set.AddUnavailable(OperationNames.OfrepBulk, reason);
            return;
        }

        set.Add(OperationNames.OfrepSingle, OperationCategory.FlagEvaluation, (_, token) => OfrepAsync(false, token));
        set.Add(OperationNames.OfrepBulk, OperationCategory.FlagEvaluation, (_, token) => OfrepAsync(true, token));
    }

    private void AddSecrets(OperationSet set, TargetFeatures features)
    {
        if (!features.Secrets)
        {
            var reason = $"{NotOnTarget}: GET …/secrets is not served (probed)";
            set.AddUnavailable(OperationNames.ListSecrets, reason);
            set.AddUnavailable(OperationNames.RevealSecret, reason);
            return;
        }

        set.Add(OperationNames.ListSecrets, OperationCategory.SecretAccess, (_, token) => ListSecretsAsync(token));
        set.Add(OperationNames.RevealSecret, OperationCategory.SecretAccess, (_, token) => RevealSecretAsync(token));
    }

    /// <summary>Evaluates one seeded flag, or every flag of the environment, for a random user.</summary>
    private async Task<OperationOutcome> OfrepAsync(bool bulk, CancellationToken cancellationToken)
    {
        var env = PickEnvironment();
        var count = layout.FlagCount(env.Index);
        if (!bulk && count == 0)
        {
            return OperationOutcome.Failure(0, $"{env.Namespace}/{env.Environment} has no seeded flags");
        }

        var path = bulk
            ? PlatformPaths.OfrepBulk
            : PlatformPaths.OfrepFlag(DatasetLayout.FlagKey(Random.Shared.Next(count)));
        var (status, _) = await client.SendForStatusAsync(HttpMethod.Post, path, credentials.TokenFor(env),
            RandomContexts.RequestBody(Random.Shared), cancellationToken);

        return OperationOutcome.FromStatus(status, bulk ? OperationNames.OfrepBulk : OperationNames.OfrepSingle);
    }

    private async Task<OperationOutcome> ListSecretsAsync(CancellationToken cancellationToken)
    {
        var env = PickEnvironment();
        var (status, _) = await client.SendForStatusAsync(HttpMethod.Get,
            PlatformPaths.Secrets(env.Namespace, env.Environment), credentials.TokenFor(env), null, cancellationToken);

        return OperationOutcome.FromStatus(status, OperationNames.ListSecrets);
    }

    /// <summary>Reveals a seeded secret with the environment's service token, which the audit log records.</summary>
    private async Task<OperationOutcome> RevealSecretAsync(CancellationToken cancellationToken)
    {
        var env = PickEnvironment();
        var count = layout.SecretCount(env.Index);
        if (count == 0)
        {
            return OperationOutcome.Failure(0, $"{env.Namespace}/{env.Environment} has no seeded secrets");
        }

        var name = DatasetLayout.SecretName(Random.Shared.Next(count));
        var (status, _) = await client.SendForStatusAsync(HttpMethod.Get,
            PlatformPaths.SecretValue(env.Namespace, env.Environment, name), credentials.TokenFor(env), null,
            cancellationToken);

        return OperationOutcome.FromStatus(status, OperationNames.RevealSecret);
    }
}
