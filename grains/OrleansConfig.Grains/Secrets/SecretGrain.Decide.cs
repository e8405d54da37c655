using System.Globalization;
using OrleansConfig.Configuration;
using OrleansConfig.Secrets.Envelope;
using OrleansConfig.Secrets.Keys;

namespace OrleansConfig.Secrets;

public sealed partial class SecretGrain
{
    public async Task<SecretResult> Put(SecretPut request)
    {
        ArgumentNullException.ThrowIfNull(request);

        try
        {
            if (ValidatePut(request) is { } invalid)
            {
                return invalid;
            }

            return await CommitSecret(request.Conditions, () => DecidePut(request), ValueStatus);
        }
        finally
        {
            request.Value.Clear();
        }
    }

    public async Task<SecretResult> Delete(ConfigDelete request)
    {
        ArgumentNullException.ThrowIfNull(request);

        var result = ToSecretResult(await Commit(request.Conditions, () => DecideDelete(request)));
        if (result.Status == SecretStatus.Deleted)
        {
            await UpdateReminder();
        }

        return result;
    }

    public Task<SecretResult> Rollback(ConfigRollback request)
    {
        ArgumentNullException.ThrowIfNull(request);

        return CommitSecret(request.Conditions, () => DecideRollback(request), ValueStatus);
    }

    public Task<SecretResult> Purge(SecretPurge request)
    {
        ArgumentNullException.ThrowIfNull(request);

        return CommitSecret(WriteConditions.None, () => Task.FromResult(DecidePurge(request)),
            _ => SecretStatus.Purged);
    }

    private SecretResult? ValidatePut(SecretPut request)
    {
        if (SecretNameRules.ValidateName(request.Name) is { } nameProblem)
        {
            return SecretResult.Failure(SecretStatus.InvalidName, nameProblem);
        }

        if (SecretNameRules.Normalize(request.Name) != NormalizedKey)
        {
            return SecretResult.Failure(SecretStatus.InvalidName,
                $"The secret name '{request.Name}' does not belong to the grain '{this.GetPrimaryKeyString()}'.");
        }

        var length = request.Value.Utf8.Length;
        if (length == 0)
        {
            return SecretResult.Failure(SecretStatus.InvalidValue,
                "The value is empty; a secret has at least one byte.");
        }

        return length > options.Value.MaxValueBytes
            ? SecretResult.Failure(SecretStatus.ValueTooLarge,
                string.Create(CultureInfo.InvariantCulture,
                    $"The value is {length:N0} bytes of UTF-8; the maximum is {options.Value.MaxValueBytes:N0}."))
            : null;
    }

    private async Task<SecretDecision> DecidePut(SecretPut request)
    {
        var current = Current;
        if (current is { IsDeleted: false } && !string.Equals(State.Key, request.Name, StringComparison.Ordinal))
        {
            return SecretDecision.Return(SecretResult.Failure(SecretStatus.CaseConflict,
                $"The secret '{request.Name}' differs only by case from the existing secret '{State.Key}'; "
                + "names are compared ignoring case, so write to the existing secret or delete it first.",
                LatestVersion));
        }

        if (current is { IsDeleted: false } && HasValue(current, request.Value.Utf8))
        {
            return SecretDecision.Return(new SecretResult(SecretStatus.Unchanged, Describe(), null, LatestVersion));
        }

        return await StoreValue(request.Name, request.Value.Utf8, request.Author, request.Comment, null, null);
    }

    private async Task<SecretDecision> DecideRollback(ConfigRollback request)
    {
        var target = FindVersion(request.Version);
        if (target is null)
        {
            return SecretDecision.Return(NotFoundVersion(request.Version));
        }

        if (target.IsDeleted)
        {
            return SecretDecision.Return(NoValue(target));
        }

        var decrypted = await DecryptAsync(target, request.Author);
        if (decrypted.Failure is { } failure)
        {
            return SecretDecision.Return(failure);
        }

        using var plaintext = decrypted.Plaintext!;
        var current = Current!;
        if (!current.IsDeleted && HasValue(current, plaintext.Span))
        {
            return SecretDecision.Return(new SecretResult(SecretStatus.Unchanged, Describe(), null, LatestVersion));
        }

        var comment = request.Comment ?? $"Rollback to version {target.Version}";
        var buffer = GC.AllocateArray<byte>(plaintext.Length, pinned: true);
        try
        {
            plaintext.Span.CopyTo(buffer);

            return await StoreValue(Name, buffer, request.Author, comment, target.Version, null);
        }
        finally
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(buffer);
        }
    }

    private SecretDecision DecidePurge(SecretPurge request)
    {
        var current = Current;
        if (current is null)
        {
            return SecretDecision.Return(SecretResult.Failure(SecretStatus.NotFound, "The secret does not exist."));
        }

        if (current.IsDeleted && State.Versions.TrueForAll(v => v.IsDeleted)
            && State.Details.Exists(d => d.Destroyed))
        {
            return SecretDecision.Return(SecretResult.Failure(SecretStatus.NotFound,
                $"The secret was already purged at version {current.Version}.", LatestVersion));
        }

        var version = NewVersion(null, request.Author, request.Comment ?? "Purged", action: "purge");

        return SecretDecision.Store(secret =>
        {
            for (var i = 0; i < secret.Versions.Count; i++)
            {
                secret.Versions[i] = secret.Versions[i] with { Value = null };
            }

            for (var i = 0; i < secret.Details.Count; i++)
            {
                secret.Details[i] = secret.Details[i] with
                {
                    Fingerprint = null, KeyEncryptionKeyId = null, KeyEncryptionKeyVersion = null, Destroyed = true,
                };
            }

            Append(secret, Name, version, null);
            secret.Policy = null;
            secret.PolicySetAt = null;
            secret.PolicySetBy = null;
            secret.ConsecutiveFailures = 0;
            secret.NextAttemptAt = null;
            secret.LastRotationError = null;
        });
    }

    /// <summary>
    /// Encrypts <paramref name="value"/> as the next version and decides to store it with
    /// <paramref name="alsoChange"/>; a key-encryption key that cannot wrap becomes a result.
    /// </summary>
    private async Task<SecretDecision> StoreValue(string name, ReadOnlyMemory<byte> value, string author,
        string? comment, int? rolledBackFrom, string? action, Action<SecretState>? alsoChange = null)
    {
        var number = LatestVersion + 1;
        string envelope;
        SecretVersionDetails details;
        try
        {
            (envelope, details) = await EncryptAsync(value, number);
        }
        catch (Exception exception) when (exception is KeyEncryptionKeyUnavailableException
            or KeyEncryptionKeyProviderException)
        {
            LogEncryptFailed(this.GetPrimaryKeyString(), number, exception.Message);

            return SecretDecision.Return(SecretResult.Failure(SecretStatus.KeyUnavailable,
                $"The value could not be encrypted: {exception.Message}", LatestVersion));
        }

        var version = NewVersion(envelope, author, comment, rolledBackFrom, action);

        return SecretDecision.Store(secret =>
        {
            Append(secret, name, version, details);
            alsoChange?.Invoke(secret);
        });
    }

    /// <summary>Compares <paramref name="value"/> with a stored version by fingerprint, in constant time.</summary>
    private bool HasValue(ConfigVersion version, ReadOnlySpan<byte> value)
    {
        var stored = State.DetailsOf(version.Version)?.Fingerprint;

        return stored is not null && SecretFingerprinter.AreEqual(stored, fingerprinter.Compute(value));
    }
}
