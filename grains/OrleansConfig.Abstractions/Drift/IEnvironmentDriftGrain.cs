namespace OrleansConfig.Drift;

/// <summary>
/// A desired state registered with an environment: the file as sent, its format (<c>yaml</c> or <c>json</c>), and
/// the state read from it, which scheduled checks compare with the environment.
/// </summary>
[GenerateSerializer, Immutable, Alias("oc.desired-state-registration")]
public sealed record DesiredStateRegistration(
    [property: Id(0)] string File,
    [property: Id(1)] string Format,
    [property: Id(2)] DesiredState State,
    [property: Id(3)] string Author,
    [property: Id(4)] DateTimeOffset RegisteredAt);

/// <summary>
/// The result of one drift check: the items that differ from the desired state at <see cref="Revision"/>, what
/// started the check (<c>register</c>, <c>schedule</c> or <c>request</c>), and the revision of the drift event it
/// reported, when the drift differed from the previous check's.
/// </summary>
[GenerateSerializer, Immutable, Alias("oc.drift-report")]
public sealed record DriftReport(
    [property: Id(0)] DateTimeOffset CheckedAt,
    [property: Id(1)] long Revision,
    [property: Id(2)] IReadOnlyList<PlanItem> Drift,
    [property: Id(3)] string Trigger,
    [property: Id(4)] long? EventRevision,
    [property: Id(5)] DateTimeOffset NextCheckAt);

/// <summary>
/// The registered desired state of one environment, keyed like the environment grain, and its drift checks: one
/// at registration, then on a schedule kept by an Orleans reminder, and on request. A check whose drift differs
/// from the previous one reports a drift event on the environment's change stream, which is also audited.
/// </summary>
[Alias("oc.environment-drift")]
public interface IEnvironmentDriftGrain : IGrainWithStringKey
{
    /// <summary>Registers or replaces the desired state, audited, and checks it at once.</summary>
    [Alias("register")]
    Task<DriftReport?> Register(DesiredStateRegistration registration);

    [Alias("registration"), ReadOnly]
    Task<DesiredStateRegistration?> GetRegistration();

    /// <summary>Removes the desired state and its schedule, audited; returns false when none was registered.</summary>
    [Alias("unregister")]
    Task<bool> Unregister(string author);

    /// <summary>Returns the latest check, or null when none ran since the desired state was registered.</summary>
    [Alias("latest"), ReadOnly]
    Task<DriftReport?> GetLatest();

    /// <summary>Checks now; returns null when no desired state is registered or the environment is gone.</summary>
    [Alias("check")]
    Task<DriftReport?> Check(string trigger);
}
