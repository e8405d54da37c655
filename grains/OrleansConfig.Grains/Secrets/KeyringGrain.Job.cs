using OrleansConfig.Configuration;
using OrleansConfig.Secrets.Keys;

namespace OrleansConfig.Secrets;

public sealed partial class KeyringGrain
{
    /// <summary>The pause between two batches of a running job, in which other calls are served.</summary>
    private static readonly TimeSpan StepPeriod = TimeSpan.FromMilliseconds(20);

    /// <summary>How many verifying passes may still find data keys to re-wrap before the job fails.</summary>
    private const int MaxVerifyingPasses = 3;

    /// <summary>The names of the secrets of each environment the current pass has reached.</summary>
    private readonly Dictionary<string, IReadOnlyList<SecretIndexEntry>> _names = new(StringComparer.Ordinal);

    private DateTimeOffset _preparingSince;

    /// <summary>Steps that failed in a row; only some of them are logged, because a step runs every 20 ms.</summary>
    private int _stepFailures;

    /// <summary>Advances the running job by one step: preparation, one batch of secrets, or retirement.</summary>
    private async Task Step(CancellationToken cancellationToken)
    {
        var job = state.State.Current;
        if (job is null)
        {
            StopTimer();
            return;
        }

        try
        {
            await EnsureReminder();
            switch (job.Phase)
            {
                case KekRotationPhase.Preparing:
                    await Prepare(job);
                    break;
                case KekRotationPhase.Rewrapping or KekRotationPhase.Verifying:
                    await RewrapBatch(job);
                    break;
                default:
                    await Retire(job);
                    break;
            }

            _stepFailures = 0;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            if (_stepFailures++ % 100 == 0)
            {
                LogStepFailed(job.Id, Describe(job.Phase), _stepFailures, exception);
            }
        }
    }

    /// <summary>
    /// Checks that every active silo has the target key and that it wraps and unwraps here, and lists the
    /// environments. Then it makes the target key active; every new data key is wrapped by it from then on.
    /// </summary>
    private async Task Prepare(KekRotationJob job)
    {
        var missing = await SilosWithoutKey(job.TargetKeyId);
        if (missing.Count > 0)
        {
            var waited = runtimeTime.GetUtcNow() - _preparingSince;
            if (waited < PrepareTimeout)
            {
                return;
            }

            await Fail(job, $"Key-encryption key '{job.TargetKeyId}' is not in the keyring of every silo: "
                + $"{string.Join("; ", missing)}. Add it to every silo's keyring and start the rotation again.");
            return;
        }

        int? version;
        try
        {
            version = await keyring.ProbeAsync(job.TargetKeyId, CancellationToken.None);
        }
        catch (Exception exception) when (exception is KeyEncryptionKeyUnavailableException
            or KeyEncryptionKeyProviderException)
        {
            await Fail(job, $"Key-encryption key '{job.TargetKeyId}' did not wrap and unwrap a probe: "
                + exception.Message);
            return;
        }

        var environments = await ListEnvironments();
        var total = await CountSecrets(environments);
        var retiring = job.RetirePrevious ? PreviousKeys(job.TargetKeyId) : [];
        var previousActive = state.State.ActiveKeyId;
        state.State.ActiveKeyId = job.TargetKeyId;
        state.State.Revision++;
        job.TargetKeyVersion = version;
        job.Environments = environments;
        job.SecretsTotal = total;
        job.RetiringKeyIds = retiring;
        job.Phase = KekRotationPhase.Rewrapping;
        job.Pass = 1;
        await WriteOrUndo(() =>
        {
            state.State.ActiveKeyId = previousActive;
            state.State.Revision--;
            job.Phase = KekRotationPhase.Preparing;
        });
        LogActivated(job.Id, job.TargetKeyId, version, environments.Count, total);
    }

    /// <summary>Re-wraps the next batch of secrets of the current pass, or ends the pass.</summary>
    private async Task RewrapBatch(KekRotationJob job)
    {
        while (job.EnvironmentIndex < job.Environments.Count)
        {
            var environment = job.Environments[job.EnvironmentIndex];
            var names = await NamesOf(environment);
            var batch = names.Skip(job.SecretIndex).Take(options.Value.RewrapParallelism).ToArray();
            if (batch.Length == 0)
            {
                job.EnvironmentIndex++;
                job.SecretIndex = 0;
                continue;
            }

            var request = new SecretRewrapRequest(job.TargetKeyId, job.TargetKeyVersion);
            var results = await Task.WhenAll(batch.Select(entry => RewrapOne(environment, entry.Name, request)));
            var rewrapped = results.Sum(r => r.Rewrapped);
            job.SecretIndex += batch.Length;
            job.SecretsDone += batch.Length;
            job.Rewrapped += rewrapped;
            job.PassRewrapped += rewrapped;
            job.Failures += results.Count(r => r.Remaining > 0);
            job.Error ??= results.Select(r => r.Error).FirstOrDefault(e => e is not null);
            await state.WriteStateAsync();

            return;
        }

        await EndPass(job);
    }

    private async Task<SecretRewrapResult> RewrapOne(string environment, string name, SecretRewrapRequest request)
    {
        var (ns, env) = GrainKeys.ParseEnvironment(environment);
        try
        {
            return await GrainFactory.GetGrain<ISecretGrain>(GrainKeys.Secret(ns, env, name)).Rewrap(request);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            LogRewrapCallFailed(environment, name, exception);

            return new SecretRewrapResult(0, 1, [], $"{environment}/{name}: {exception.Message}");
        }
    }

    /// <summary>
    /// Ends a pass: the first pass is followed by verifying passes until one finds nothing to re-wrap and no
    /// failure, after which the previous keys are retired. A job whose verifying passes keep failing fails.
    /// </summary>
    private async Task EndPass(KekRotationJob job)
    {
        LogPassEnded(job.Id, job.Pass, job.SecretsDone, job.PassRewrapped, job.Failures);
        if (job.Phase == KekRotationPhase.Verifying && job.PassRewrapped == 0 && job.Failures == 0)
        {
            job.Phase = KekRotationPhase.Retiring;
            await state.WriteStateAsync();
            return;
        }

        if (job.Phase == KekRotationPhase.Verifying && job.Pass > MaxVerifyingPasses)
        {
            await Fail(job, $"After {job.Pass} passes {job.Failures} secrets still have data keys that could not be "
                + $"re-wrapped with '{job.TargetKeyId}' (first: {job.Error}). The key stays active and no key was "
                + "retired; repair or purge those secrets and start the rotation again.");
            return;
        }

        _names.Clear();
        job.Phase = KekRotationPhase.Verifying;
        job.Pass++;
        job.EnvironmentIndex = 0;
        job.SecretIndex = 0;
        job.SecretsTotal = await CountSecrets(job.Environments);
        job.SecretsDone = 0;
        job.PassRewrapped = 0;
        job.Failures = 0;
        job.Error = null;
        await state.WriteStateAsync();
    }

    /// <summary>Marks the previous keys retired; no stored version names them any more.</summary>
    private async Task Retire(KekRotationJob job)
    {
        var added = job.RetiringKeyIds.Except(state.State.RetiredKeyIds, StringComparer.Ordinal).ToArray();
        state.State.RetiredKeyIds.AddRange(added);
        state.State.Revision++;
        job.RetiredKeyIds = [.. added];
        LogRetired(job.Id, string.Join(", ", added));
        await Finish(job, KekRotationPhase.Completed);
    }

    private async Task Fail(KekRotationJob job, string error)
    {
        job.Error = error;
        LogFailed(job.Id, error);
        await Finish(job, KekRotationPhase.Failed);
    }

    private async Task Finish(KekRotationJob job, KekRotationPhase phase)
    {
        job.Phase = phase;
        job.CompletedAt = time.GetUtcNow();
        state.State.Finished.Add(job.ToStatus());
        if (state.State.Finished.Count > FinishedLimit)
        {
            state.State.Finished.RemoveAt(0);
        }

        state.State.Current = null;
        await state.WriteStateAsync();
        _names.Clear();
        StopTimer();
        if (await this.GetReminder(RotationReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }

        _reminderRegistered = false;
    }

    /// <summary>Describes each active silo that has not reported <paramref name="keyId"/> among its keys.</summary>
    private async Task<List<string>> SilosWithoutKey(string keyId)
    {
        var hosts = await GrainFactory.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);
        var missing = new List<string>();
        foreach (var silo in hosts.Keys.Select(address => address.ToString()))
        {
            if (!_silos.TryGetValue(silo, out var keys))
            {
                missing.Add($"silo {silo} has not reported its keys yet");
            }
            else if (!keys.KeyIds.Contains(keyId, StringComparer.Ordinal))
            {
                missing.Add($"silo {silo} has only {string.Join(", ", keys.KeyIds)}");
            }
        }

        return missing;
    }

    /// <summary>The keys that wrapped before the target: the active one and each silo's configured one.</summary>
    private List<string> PreviousKeys(string target) =>
        new[] { state.State.ActiveKeyId, keyring.ConfiguredActiveKeyId }
            .Concat(_silos.Values.Select(silo => silo.ConfiguredActiveKeyId))
            .OfType<string>()
            .Where(id => id != target)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();

    private async Task<List<string>> ListEnvironments()
    {
        var namespaces = await GrainFactory.GetGrain<ICatalogGrain>(0).ListNamespaces();

        return namespaces.SelectMany(ns => ns.Environments.Select(env => GrainKeys.Environment(ns.Name, env)))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    private async Task<int> CountSecrets(IEnumerable<string> environments)
    {
        var total = 0;
        foreach (var environment in environments)
        {
            total += (await NamesOf(environment)).Count;
        }

        return total;
    }

    private async Task<IReadOnlyList<SecretIndexEntry>> NamesOf(string environment)
    {
        if (!_names.TryGetValue(environment, out var names))
        {
            names = await GrainFactory.GetGrain<ISecretIndexGrain>(environment).List();
            _names[environment] = names;
        }

        return names;
    }

    /// <summary>
    /// How long the preparation waits for every silo to report the target key: two report intervals, in
    /// which each silo re-reads its keyring file twice.
    /// </summary>
    private TimeSpan PrepareTimeout => options.Value.KeyringReportInterval * 2 + TimeSpan.FromSeconds(2);
}
