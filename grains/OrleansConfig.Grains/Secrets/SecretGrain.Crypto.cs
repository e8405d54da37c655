using OrleansConfig.Audit;
using OrleansConfig.Configuration;
using OrleansConfig.Secrets.Envelope;
using OrleansConfig.Secrets.Keys;

namespace OrleansConfig.Secrets;

public sealed partial class SecretGrain
{
    /// <summary>A decrypted value, or the result that explains why there is none.</summary>
    private readonly record struct Decrypted(SecretPlaintext? Plaintext, SecretResult? Failure);

    /// <summary>
    /// Encrypts <paramref name="plaintext"/> as version <paramref name="version"/> under the cluster's active
    /// key-encryption key; returns the stored form and the version's details.
    /// </summary>
    private async Task<(string Envelope, SecretVersionDetails Details)> EncryptAsync(
        ReadOnlyMemory<byte> plaintext, int version)
    {
        var provider = keyring.For(await Keyring().GetView());
        var envelope = await new SecretEnvelopeEncryptor(provider)
            .EncryptAsync(Coordinates(version), plaintext, CancellationToken.None);
        var details = new SecretVersionDetails(version, fingerprinter.Compute(plaintext.Span),
            envelope.KeyEncryptionKeyId, envelope.KeyEncryptionKeyVersion);

        return (SecretEnvelopeCodec.ToBase64(envelope), details);
    }

    /// <summary>
    /// Decrypts version <paramref name="version"/>. A ciphertext that does not decrypt is recorded in the
    /// audit log as <c>secret.integrity-failure</c> and logged, without any value; a missing or retired
    /// key-encryption key is a <see cref="SecretStatus.KeyUnavailable"/> result.
    /// </summary>
    private async Task<Decrypted> DecryptAsync(ConfigVersion version, string actor)
    {
        try
        {
            var provider = keyring.For(await Keyring().GetView());
            var envelope = SecretEnvelopeCodec.FromBase64(version.Value!);

            return new Decrypted(await new SecretEnvelopeEncryptor(provider)
                .DecryptAsync(Coordinates(version.Version), envelope, CancellationToken.None), null);
        }
        catch (KeyEncryptionKeyUnavailableException exception)
        {
            LogKeyUnavailable(this.GetPrimaryKeyString(), version.Version, exception.KeyId, exception.Message);

            return new Decrypted(null, SecretResult.Failure(SecretStatus.KeyUnavailable, exception.Message,
                LatestVersion));
        }
        catch (Exception exception) when (exception is SecretDecryptionException or FormatException
            or KeyEncryptionKeyProviderException)
        {
            return new Decrypted(null, await IntegrityFailure(version.Version, actor, exception));
        }
    }

    /// <summary>Records and reports a version whose stored ciphertext does not decrypt.</summary>
    private async Task<SecretResult> IntegrityFailure(int version, string actor, Exception exception)
    {
        // A provider that failed (Vault down or denying the token) is not tampering, and is reported as such.
        if (exception is KeyEncryptionKeyProviderException { Rejected: false } failed)
        {
            LogKeyUnavailable(this.GetPrimaryKeyString(), version, failed.KeyId, failed.Message);

            return SecretResult.Failure(SecretStatus.KeyUnavailable, failed.Message, LatestVersion);
        }

        var reason = exception is FormatException
            ? "the stored envelope is malformed"
            : "the ciphertext, its data key or its record was changed";
        LogIntegrityFailure(this.GetPrimaryKeyString(), version, reason, exception.GetType().Name);
        var record = SecretRecord(AuditActions.Change(Changes.ChangeKind.Secret, "integrity-failure"), actor,
            version, AuditSummaries.Of(("version", version.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                ("reason", reason)));
        try
        {
            await AuditOutbox.FlushAsync(GrainFactory, [record], auditOptions.Value.WriteTimeout);
        }
        catch (Exception auditException)
        {
            LogAuditFailed(this.GetPrimaryKeyString(), record.Action, auditException);
        }

        return SecretResult.Failure(SecretStatus.IntegrityFailure,
            $"Version {version} of secret '{Name}' in {Namespace}/{Environment} failed its integrity check: "
            + $"{reason}, so it is not returned. The failure is recorded in the audit log as {record.Action}; "
            + "restore the row from a backup or write a new value.", LatestVersion);
    }

    /// <summary>An audit record of an action on this secret that is not a change.</summary>
    private AuditRecord SecretRecord(string action, string actor, int? version, string summary) =>
        AuditOutbox.Record(Time.GetUtcNow(), actor, action, Namespace, Environment, "secret", Name, summary)
            with { VersionAfter = version };

    /// <summary>Appends the audit records stored in the state; logs instead of throwing when that fails.</summary>
    private async Task TryFlushAudit()
    {
        try
        {
            await AuditOutbox.FlushAsync(GrainFactory, State.PendingAudit, auditOptions.Value.WriteTimeout);
        }
        catch (Exception exception)
        {
            LogAuditFailed(this.GetPrimaryKeyString(), "pending records", exception);
        }
    }

    private IKeyringGrain Keyring() => GrainFactory.GetGrain<IKeyringGrain>(0);
}
