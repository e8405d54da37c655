namespace OrleansConfig.Client;

/// <summary>
/// State of one OrleansConfig provider at one moment: what it applied, from where, and whether its
/// connection to the platform is up.
/// </summary>
/// <param name="Namespace">Namespace the provider loads.</param>
/// <param name="Environment">Environment the provider loads.</param>
/// <param name="Transport">How the provider reaches the platform.</param>
/// <param name="Revision">Environment revision of the applied configuration, or -1 when nothing is applied.</param>
/// <param name="Source">Where the applied configuration came from.</param>
/// <param name="Connected">Whether a change stream or change subscription is open now.</param>
/// <param name="LastAppliedAt">When the provider last applied a snapshot or a change, or null.</param>
/// <param name="LastError">Message of the last failure, or null after a successful connection.</param>
/// <param name="LastErrorAt">When <paramref name="LastError"/> happened, or null.</param>
public sealed record OrleansConfigStatus(
    string Namespace,
    string Environment,
    OrleansConfigTransport Transport,
    long Revision,
    SnapshotSource Source,
    bool Connected,
    DateTimeOffset? LastAppliedAt,
    string? LastError,
    DateTimeOffset? LastErrorAt);
