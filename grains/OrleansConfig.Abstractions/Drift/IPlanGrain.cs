namespace OrleansConfig.Drift;

/// <summary>
/// A plan made from a desired state: the environment's revision when it was made and what applying it does to
/// each item. <see cref="AppliedChangeSet"/> and <see cref="AppliedRevision"/> are set once it is applied.
/// </summary>
[GenerateSerializer, Immutable, Alias("oc.plan")]
public sealed record PlanRecord(
    [property: Id(0)] string Id,
    [property: Id(1)] string Namespace,
    [property: Id(2)] string Environment,
    [property: Id(3)] long Revision,
    [property: Id(4)] IReadOnlyList<PlanItem> Items,
    [property: Id(5)] string Author,
    [property: Id(6)] DateTimeOffset CreatedAt,
    [property: Id(7)] DateTimeOffset ExpiresAt,
    [property: Id(8)] string? AppliedChangeSet = null,
    [property: Id(9)] long? AppliedRevision = null);

/// <summary>One plan, keyed by its id, stored so that any api process can apply it until it expires.</summary>
[Alias("oc.plan-store")]
public interface IPlanGrain : IGrainWithStringKey
{
    /// <summary>Stores a new plan; returns false when the id is taken.</summary>
    [Alias("save")]
    Task<bool> Save(PlanRecord plan);

    [Alias("get"), ReadOnly]
    Task<PlanRecord?> Get();

    /// <summary>
    /// Records that the plan was applied as <paramref name="changeSetId"/> at <paramref name="revision"/>.
    /// </summary>
    [Alias("applied")]
    Task MarkApplied(string changeSetId, long revision);
}
