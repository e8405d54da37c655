using Orleans.Storage;
using OrleansConfig.Configuration;
using OrleansConfig.Items;

namespace OrleansConfig.Secrets;

public sealed partial class SecretGrain
{
    /// <summary>
    /// What a secret write decided: a change of the state to store (a new version and whatever changes with
    /// it in the same row), or a result to return as it is.
    /// </summary>
    private readonly record struct SecretDecision(Action<SecretState>? Change, SecretResult? Result)
    {
        public static SecretDecision Return(SecretResult result) => new(null, result);

        public static SecretDecision Store(Action<SecretState> change) => new(change, null);
    }

    /// <summary>
    /// The write path of the shared base, for writes that decide asynchronously (they encrypt) and change
    /// more than the versions: decides, persists, reports to the environment, and re-reads and decides again
    /// once after losing an optimistic-concurrency race.
    /// </summary>
    private async Task<SecretResult> CommitSecret(WriteConditions conditions, Func<Task<SecretDecision>> decide,
        Func<ConfigVersion?, SecretStatus> statusOf)
    {
        if (!await EnsureEnvironmentExists())
        {
            return SecretResult.Failure(SecretStatus.EnvironmentNotFound,
                $"The environment '{Environment}' of namespace '{Namespace}' does not exist; create it with "
                + $"PUT /v1/namespaces/{Namespace}/environments/{Environment}.");
        }

        for (var attempt = 1; ; attempt++)
        {
            var decision = CheckConditions(conditions) is { } failed
                ? SecretDecision.Return(ToSecretResult(failed))
                : await decide();
            if (decision.Result is { } result)
            {
                if (result.IsSuccess)
                {
                    await ReportToEnvironment();
                }

                return result;
            }

            if (await EnvironmentGrain.AdmitWrite() is { } refusal)
            {
                return SecretResult.Failure(SecretStatus.AuditUnavailable, refusal, LatestVersion);
            }

            await Register(null);
            var previous = Current;
            try
            {
                await WriteOrRestore(decision.Change!);
            }
            catch (InconsistentStateException exception) when (attempt == 1)
            {
                logger.LogWriteConflict(Noun, this.GetPrimaryKeyString(), exception);
                await ReloadState();
                continue;
            }

            logger.LogVersionWritten(Noun, this.GetPrimaryKeyString(), LatestVersion, Current!.IsDeleted);
            await ReportToEnvironment();
            await UpdateReminder();

            return new SecretResult(statusOf(previous), Describe(), null, LatestVersion);
        }
    }

    /// <summary>Applies <paramref name="change"/> and writes the row; a failed write undoes the change.</summary>
    private Task WriteOrRestore(Action<SecretState> change)
    {
        var saved = State.Copy();
        change(State);

        return WriteState(() => State.RestoreFrom(saved));
    }

    /// <summary>Appends a version and its details, inside a change passed to <see cref="WriteOrRestore"/>.</summary>
    private static void Append(SecretState secret, string name, ConfigVersion version, SecretVersionDetails? details)
    {
        secret.Key = name;
        secret.Versions.Add(version);
        if (details is not null)
        {
            secret.Details.Add(details);
        }
    }

    /// <summary>Lists the secret in its environment's index, updating its policy mark when given.</summary>
    private async Task Register(bool? hasPolicy)
    {
        if (_registered && hasPolicy is null)
        {
            return;
        }

        var index = GrainFactory.GetGrain<ISecretIndexGrain>(GrainKeys.Environment(Namespace, Environment));
        await index.Register(Name, hasPolicy);
        _registered = true;
    }

    /// <summary>The status of a write that stored a value version after <paramref name="previous"/>.</summary>
    private static SecretStatus ValueStatus(ConfigVersion? previous) =>
        previous is null or { IsDeleted: true } ? SecretStatus.Created : SecretStatus.Updated;
}
