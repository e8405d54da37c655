using System.Globalization;
using OrleansConfig.Audit;
using OrleansConfig.Changes;

namespace OrleansConfig.Secrets;

public sealed partial class SecretGrain
{
    public async Task<SecretReveal> Reveal(SecretRevealRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);

        var (version, failure) = FindRevealed(request);
        if (failure is not null)
        {
            return Refused(failure);
        }

        var decrypted = await DecryptAsync(version!, request.Actor);
        if (decrypted.Failure is { } decryptFailure)
        {
            return Refused(decryptFailure);
        }

        using var plaintext = decrypted.Plaintext!;
        var fingerprint = State.DetailsOf(version!.Version)?.Fingerprint;
        var record = SecretRecord(AuditActions.Change(ChangeKind.Secret, "reveal"), request.Actor, version.Version,
            AuditSummaries.Of(
                ("version", version.Version.ToString(CultureInfo.InvariantCulture)),
                ("alias", request.Previous ? "previous" : null),
                ("fingerprint", fingerprint),
                ("justification", request.Justification)));
        try
        {
            // Recorded before the value leaves the grain: a reveal that cannot be audited does not happen.
            await AuditOutbox.FlushAsync(GrainFactory, [record], auditOptions.Value.WriteTimeout);
        }
        catch (AuditUnavailableException exception)
        {
            LogAuditFailed(this.GetPrimaryKeyString(), record.Action, exception);

            return Refused(SecretResult.Failure(SecretStatus.AuditUnavailable,
                $"The reveal could not be recorded in the audit log of namespace '{Namespace}', so the value is "
                + "not returned; retry later.", LatestVersion));
        }

        LogRevealed(this.GetPrimaryKeyString(), version.Version, request.Actor);

        return new SecretReveal(SecretStatus.Found, Name, version.Version, new SecretValue(plaintext.Span.ToArray()),
            fingerprint, null, LatestVersion);
    }

    /// <summary>Finds the version a reveal requests, or the result that explains why it has no value.</summary>
    private (Configuration.ConfigVersion? Version, SecretResult? Failure) FindRevealed(SecretRevealRequest request)
    {
        var current = Current;
        if (current is null)
        {
            return (null, SecretResult.Failure(SecretStatus.NotFound, "The secret does not exist."));
        }

        if (request.Previous)
        {
            return PreviousWindow() is { } window
                ? (FindVersion(window.Version), null)
                : (null, SecretResult.Failure(SecretStatus.NoPrevious, State.Policy is { Overlap.Ticks: > 0 }
                    ? $"No rotation overlap is in effect, so no version is readable as previous; request a version "
                        + $"number instead (the secret is at version {current.Version})."
                    : "The secret has no rotation policy with an overlap, so no version is readable as previous.",
                    LatestVersion));
        }

        var version = request.Version is int number ? FindVersion(number) : current;
        if (version is null)
        {
            return (null, NotFoundVersion(request.Version!.Value));
        }

        if (version.IsDeleted && request.Version is null)
        {
            return (null, SecretResult.Failure(SecretStatus.NotFound,
                $"The secret was deleted at version {version.Version}; reveal an older version with ?version=N.",
                LatestVersion));
        }

        return version.IsDeleted ? (null, NoValue(version)) : (version, null);
    }

    private SecretReveal Refused(SecretResult result) =>
        new(result.Status, State.Key, 0, null, null, result.Detail, result.LatestVersion);
}
