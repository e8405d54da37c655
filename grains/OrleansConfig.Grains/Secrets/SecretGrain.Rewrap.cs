using OrleansConfig.Secrets.Envelope;
using OrleansConfig.Secrets.Keys;

namespace OrleansConfig.Secrets;

public sealed partial class SecretGrain
{
    public async Task<SecretRewrapResult> Rewrap(SecretRewrapRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);

        var view = await Keyring().GetView();
        var encryptor = new SecretEnvelopeEncryptor(keyring.For(view with { ActiveKeyId = request.TargetKeyId }));
        var rewrapped = new Dictionary<int, SecretEnvelope>();
        var remaining = 0;
        string? error = null;
        foreach (var version in State.Versions.Where(v => !v.IsDeleted))
        {
            try
            {
                var envelope = SecretEnvelopeCodec.FromBase64(version.Value!);
                if (IsCurrent(envelope, request))
                {
                    continue;
                }

                rewrapped[version.Version] = await encryptor.RewrapAsync(Coordinates(version.Version), envelope,
                    CancellationToken.None);
            }
            catch (Exception exception) when (exception is SecretDecryptionException or FormatException
                or KeyEncryptionKeyProviderException or KeyEncryptionKeyUnavailableException)
            {
                remaining++;
                error ??= $"{Coordinates(version.Version)}: {exception.Message}";
                LogRewrapFailed(this.GetPrimaryKeyString(), version.Version, exception.GetType().Name,
                    exception.Message);
            }
        }

        if (rewrapped.Count > 0)
        {
            await WriteOrRestore(secret =>
            {
                foreach (var (number, envelope) in rewrapped)
                {
                    secret.Versions[number - 1] = secret.Versions[number - 1] with
                    {
                        Value = SecretEnvelopeCodec.ToBase64(envelope),
                    };
                    var index = secret.Details.FindLastIndex(d => d.Version == number);
                    secret.Details[index] = secret.Details[index] with
                    {
                        KeyEncryptionKeyId = envelope.KeyEncryptionKeyId,
                        KeyEncryptionKeyVersion = envelope.KeyEncryptionKeyVersion,
                    };
                }
            });
            LogRewrapped(this.GetPrimaryKeyString(), rewrapped.Count, request.TargetKeyId);
        }

        return new SecretRewrapResult(rewrapped.Count, remaining, KeyReferences(), error);
    }

    private static bool IsCurrent(SecretEnvelope envelope, SecretRewrapRequest request) =>
        string.Equals(envelope.KeyEncryptionKeyId, request.TargetKeyId, StringComparison.Ordinal)
        && (request.TargetKeyVersion is not int target || envelope.KeyEncryptionKeyVersion >= target);

    /// <summary>The key-encryption keys the stored versions name, as "id" or "id vN".</summary>
    private string[] KeyReferences() => State.Details
        .Where(d => d.KeyEncryptionKeyId is not null)
        .Select(d => d.KeyEncryptionKeyVersion is int v ? $"{d.KeyEncryptionKeyId} v{v}" : d.KeyEncryptionKeyId!)
        .Distinct(StringComparer.Ordinal)
        .Order(StringComparer.Ordinal)
        .ToArray();
}
