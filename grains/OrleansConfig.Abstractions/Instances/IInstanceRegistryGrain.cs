namespace OrleansConfig.Instances;

/// <summary>
/// What a running client reports about itself: the revision it applied, the <see cref="ConfigurationHash"/> of
/// the entries it applied under <see cref="Prefix"/>, and where its configuration came from
/// (<c>platform</c>, <c>cache</c> or <c>none</c>).
/// </summary>
[GenerateSerializer, Immutable, Alias("oc.instance-heartbeat")]
public sealed record InstanceHeartbeat(
    [property: Id(0)] string InstanceId,
    [property: Id(1)] long Revision,
    [property: Id(2)] string? ConfigHash,
    [property: Id(3)] string? Prefix,
    [property: Id(4)] string? Application,
    [property: Id(5)] string? Host,
    [property: Id(6)] string? Transport,
    [property: Id(7)] string? Source,
    [property: Id(8)] DateTimeOffset? StartedAt);

/// <summary>The states an instance is shown in.</summary>
public static class InstanceStates
{
    /// <summary>At the environment's revision, with the configuration that revision contains.</summary>
    public const string Current = "current";

    /// <summary>At an older revision: a change has not reached it yet.</summary>
    public const string Behind = "behind";

    /// <summary>Its configuration differs from its revision's, or it reports a revision never made.</summary>
    public const string Diverged = "diverged";

    /// <summary>No heartbeat for longer than the stale time; it may have stopped.</summary>
    public const string Stale = "stale";
}

/// <summary>One instance as the registry judges it.</summary>
[GenerateSerializer, Immutable, Alias("oc.instance-status")]
public sealed record InstanceStatus(
    [property: Id(0)] InstanceHeartbeat Heartbeat,
    [property: Id(1)] DateTimeOffset LastSeen,
    [property: Id(2)] string State,
    [property: Id(3)] long RevisionsBehind,
    [property: Id(4)] string? ExpectedHash);

/// <summary>
/// The instances of an environment at its <see cref="Revision"/>, which is -1 when the environment does not exist.
/// </summary>
[GenerateSerializer, Immutable, Alias("oc.instance-view")]
public sealed record InstanceView(
    [property: Id(0)] long Revision,
    [property: Id(1)] IReadOnlyList<InstanceStatus> Instances);

/// <summary>
/// The running instances of one environment, keyed like the environment grain, from their heartbeats. It keeps
/// them in memory only: after a silo restart the instances show again with their next heartbeat.
/// </summary>
[Alias("oc.instance-registry")]
public interface IInstanceRegistryGrain : IGrainWithStringKey
{
    [Alias("heartbeat")]
    Task Heartbeat(InstanceHeartbeat heartbeat);

    /// <summary>Returns every instance seen recently, with its state against the environment's revision.</summary>
    [Alias("list")]
    Task<InstanceView> List();
}
