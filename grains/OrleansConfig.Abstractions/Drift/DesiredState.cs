using OrleansConfig.Changes;

namespace OrleansConfig.Drift;

/// <summary>One wanted item of a desired state: a configuration key with its JSON value, or a flag document.</summary>
[GenerateSerializer, Immutable, Alias("oc.desired-item")]
public sealed record DesiredItem(
    [property: Id(0)] string Key,
    [property: Id(1)] string Value);

/// <summary>
/// The wanted configuration and flags of an environment, read from a desired-state file. A kind that is null is
/// not managed: its items stay as they are. A kind that is given is managed whole: items it lacks are deleted.
/// Flag documents are in the form the flag grain stores (references resolved), so they compare with stored ones.
/// </summary>
[GenerateSerializer, Immutable, Alias("oc.desired-state")]
public sealed record DesiredState(
    [property: Id(0)] IReadOnlyList<DesiredItem>? Configuration,
    [property: Id(1)] IReadOnlyList<DesiredItem>? Flags);

/// <summary>What a plan does to one item.</summary>
public static class PlanActions
{
    public const string Create = "create";
    public const string Update = "update";
    public const string Delete = "delete";
    public const string Unchanged = "unchanged";
}

/// <summary>
/// One item of a plan: its <see cref="Action"/> (<see cref="PlanActions"/>), the current value and version, and
/// the wanted value (null for a deletion).
/// </summary>
[GenerateSerializer, Immutable, Alias("oc.plan-item")]
public sealed record PlanItem(
    [property: Id(0)] ChangeKind Kind,
    [property: Id(1)] string Key,
    [property: Id(2)] string Action,
    [property: Id(3)] string? OldValue,
    [property: Id(4)] string? NewValue,
    [property: Id(5)] int CurrentVersion);

/// <summary>Computes the plan that takes an environment's current items to a desired state.</summary>
public static class DesiredStatePlanner
{
    /// <summary>The member of a flag document that a desired state does not set, so plans ignore it.</summary>
    private const string FlagLifecycle = "lifecycle";

    public static IReadOnlyList<PlanItem> Plan(DesiredState desired, IEnumerable<ItemSide> configs,
        IEnumerable<ItemSide> flags)
    {
        ArgumentNullException.ThrowIfNull(desired);

        var items = new List<PlanItem>();
        if (desired.Configuration is { } wantedConfigs)
        {
            items.AddRange(PlanKind(ChangeKind.Config, wantedConfigs, configs, EnvironmentDiff.SameJson));
        }

        if (desired.Flags is { } wantedFlags)
        {
            items.AddRange(PlanKind(ChangeKind.Flag, wantedFlags, flags,
                (a, b) => EnvironmentDiff.SameJsonExcept(a, b, FlagLifecycle)));
        }

        return items;
    }

    /// <summary>Returns the items that differ from the desired state: the drift.</summary>
    public static IReadOnlyList<PlanItem> Drift(IReadOnlyList<PlanItem> plan) =>
        plan.Where(item => item.Action != PlanActions.Unchanged).ToArray();

    private static IEnumerable<PlanItem> PlanKind(ChangeKind kind, IEnumerable<DesiredItem> wanted,
        IEnumerable<ItemSide> current, Func<string, string, bool> equal)
    {
        var desired = wanted.Select(w => new ItemSide(w.Key, w.Value, 0));
        var diff = EnvironmentDiff.Compare(desired, current, equal);
        var byKey = current.ToDictionary(c => c.Key, StringComparer.OrdinalIgnoreCase);
        foreach (var created in diff.OnlyInFrom)
        {
            yield return new PlanItem(kind, created.Key, PlanActions.Create, null, created.Value, 0);
        }

        foreach (var changed in diff.Different)
        {
            yield return new PlanItem(kind, changed.To.Key, PlanActions.Update, changed.To.Value, changed.From.Value,
                changed.To.Version);
        }

        foreach (var deleted in diff.OnlyInTo)
        {
            yield return new PlanItem(kind, deleted.Key, PlanActions.Delete, deleted.Value, null, deleted.Version);
        }

        var changedKeys = diff.OnlyInFrom.Concat(diff.OnlyInTo).Select(i => i.Key)
            .Concat(diff.Different.Select(d => d.Key)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var item in wanted.Where(w => !changedKeys.Contains(w.Key)))
        {
            var existing = byKey[item.Key];
            yield return new PlanItem(kind, existing.Key, PlanActions.Unchanged, existing.Value, existing.Value,
                existing.Version);
        }
    }
}
