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

            return await Commit(request.Conditions, () => DecidePut(request), ValueStatus);
        }
        finally
        {
            request.Value.Clear();
        }
    }

    public Task<SecretResult> Delete(ConfigDelete request)
    {
        ArgumentNullException.ThrowIfNull(request);

        return Commit(request.Conditions, () => Task.FromResult(DecideDelete(request)), _ => SecretStatus.Deleted);
    }

    public Task<SecretResult> Rollback(ConfigRollback request)
    {
        ArgumentNullException.ThrowIfNull(request);

        return Commit(request.Conditions, () => DecideRollback(request), ValueStatus);
    }

    public Task<SecretResult> Purge(SecretPurge request)
    {
        ArgumentNullException.ThrowIfNull(request);

        return Commit(WriteConditions.None, () => Task.FromResult(DecidePurge(request)), _ => SecretStatus.Purged);
    }

    private SecretResult? ValidatePut(SecretPut request)
    {
        if (SecretNameRules.ValidateName(request.Name) is { } nameProblem)
        {
            return SecretResult.Failure(SecretStatus.InvalidName, nameProblem);
        }

        if (SecretNameRules.Normalize(request.Name) != _normalizedName)
        {
            return SecretResult.Failure(SecretStatus.InvalidName,
                $"The secret name '{request.Name}' does not belong to the grain '{this.GetPrimaryKeyString()}'.");
        }

        var length = request.Value.Utf8.Length;
        if (length == 0)
        {
            return SecretResult.Failure(SecretStatus.InvalidValue, "The value is empty; a secret has at least one byte.");
        }

        return length > options.Value.MaxValueBytes
            ? SecretResult.Failure(SecretStatus.ValueTooLarge,
                $"The value is {length} bytes of UTF-8; the maximum is {options.Value.MaxValueBytes}.")
            : null;
    }

    private async Task<Decision> DecidePut(SecretPut request)
    {
        var current = Current;
        if (current is { IsDeleted: false } && !string.Equals(state.State.Key, request.Name, StringComparison.Ordinal))
        {
            return Decision.Return(SecretResult.Failure(SecretStatus.CaseConflict,
                $"The secret '{request.Name}' differs only by case from the existing secret '{state.State.Key}'; "
                + "names are compared ignoring case, so write to the existing secret or delete it first.",
                LatestVersion));
        }

        if (current is { IsDeleted: false } && HasValue(current, request.Value.Utf8))
        {
            return Decision.Return(new SecretResult(SecretStatus.Unchanged, Describe(), null, LatestVersion));
        }

        return await StoreValue(request.Name, request.Value.Utf8, request.Author, request.Comment, null, null);
    }

    private Decision DecideDelete(ConfigDelete request)
    {
        var current = Current;
        if (current is null or { IsDeleted: true })
        {
            return Decision.Return(SecretResult.Failure(SecretStatus.NotFound, current is null
                ? "The secret does not exist."
                : $"The secret was already deleted at version {current.Version}.", LatestVersion));
        }

        var version = NewVersion(null, request.Author, request.Comment, null, null);

        return Decision.Store(secret => Append(secret, Name, version,
            new SecretVersionDetails(version.Version, null, null, null)));
    }

    private async Task<Decision> DecideRollback(ConfigRollback request)
    {
        var target = FindVersion(request.Version);
        if (target is null)
        {
            return Decision.Return(VersionNotFound(request.Version));
        }

        if (target.IsDeleted)
        {
            return Decision.Return(NoValue(target));
        }

        var decrypted = await DecryptAsync(target, request.Author);
        if (decrypted.Failure is { } failure)
        {
            return Decision.Return(failure);
        }

        using var plaintext = decrypted.Plaintext!;
        var current = Current!;
        if (!current.IsDeleted && HasValue(current, plaintext.Span))
        {
            return Decision.Return(new SecretResult(SecretStatus.Unchanged, Describe(), null, LatestVersion));
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

    private Decision DecidePurge(SecretPurge request)
    {
        var current = Current;
        if (current is null)
        {
            return Decision.Return(SecretResult.Failure(SecretStatus.NotFound, "The secret does not exist."));
        }

        if (current.IsDeleted && state.State.Versions.TrueForAll(v => v.IsDeleted)
            && state.State.Details.Exists(d => d.Destroyed))
        {
            return Decision.Return(SecretResult.Failure(SecretStatus.NotFound,
                $"The secret was already purged at version {current.Version}.", LatestVersion));
        }

        var version = NewVersion(null, request.Author, request.Comment ?? "Purged", null, "purge");

        return Decision.Store(secret =>
        {
            for (var i = 0; i < secret.Versions.Count; i++)
            {
                var stored = secret.Versions[i];
                if (!stored.IsDeleted)
                {
                    secret.Versions[i] = stored with { Value = null };
                    secret.Details[i] = secret.Details[i] with
                    {
                        Fingerprint = null, KeyEncryptionKeyId = null, KeyEncryptionKeyVersion = null, Destroyed = true,
                    };
                }
            }

            Append(secret, Name, version, new SecretVersionDetails(version.Version, null, null, null));
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
    private async Task<Decision> StoreValue(string name, ReadOnlyMemory<byte> value, string author, string? comment,
        int? rolledBackFrom, string? action, Action<SecretState>? alsoChange = null)
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

            return Decision.Return(SecretResult.Failure(SecretStatus.KeyUnavailable,
                $"The value could not be encrypted: {exception.Message}", LatestVersion));
        }

        var version = NewVersion(envelope, author, comment, rolledBackFrom, action);

        return Decision.Store(secret =>
        {
            Append(secret, name, version, details);
            alsoChange?.Invoke(secret);
        });
    }

    /// <summary>Compares <paramref name="value"/> with a stored version by fingerprint, in constant time.</summary>
    private bool HasValue(ConfigVersion version, ReadOnlySpan<byte> value)
    {
        var stored = state.State.Details[version.Version - 1].Fingerprint;

        return stored is not null && SecretFingerprinter.AreEqual(stored, fingerprinter.Compute(value));
    }

    private ConfigVersion NewVersion(string? value, string author, string? comment, int? rolledBackFrom,
        string? action) => new(LatestVersion + 1, value, time.GetUtcNow(), author, comment, rolledBackFrom, action);
}
