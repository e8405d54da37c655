namespace OrleansConfig.LoadTests.Platform.Data;

/// <summary>
/// How much data the seeding writes: configuration keys, feature flags and secrets spread over
/// <see cref="Namespaces"/> namespaces times the environments dev, staging and prod, and audit records
/// made by real changes (every created or changed key, flag or secret is one).
/// </summary>
public sealed record SeedVolume(int Namespaces, int Keys, int Flags, int Secrets, int AuditRecords)
{
    /// <summary>The default value: 10 namespaces, 10,000 keys, 500 flags, 100 secrets, 50,000 audit records.</summary>
    public static readonly SeedVolume Default = new(10, 10_000, 500, 100, 50_000);

    /// <summary>A volume that seeds in seconds, for the smoke profile.</summary>
    public static readonly SeedVolume Small = new(2, 300, 24, 12, 1_200);

    /// <summary>
    /// The version of the generated names and values; raising it makes every saved seed state stale, so that
    /// a changed generator seeds again.
    /// </summary>
    public const int LayoutVersion = 2;

    /// <summary>Returns a text that changes whenever the layout of the seeded data would.</summary>
    public string Fingerprint =>
        $"layout={LayoutVersion};ns={Namespaces};keys={Keys};flags={Flags};secrets={Secrets};audit={AuditRecords}";
}
