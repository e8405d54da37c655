using OrleansConfig.Api.Http;
using OrleansConfig.Changes;
using OrleansConfig.Drift;

namespace OrleansConfig.Api.Drift;

/// <summary>One item of a plan: what applying it does, with the current and the wanted value.</summary>
public sealed record PlanItemBody(string Kind, string Key, string Action, RawJson? Old, RawJson? New, int Version)
{
    public static PlanItemBody From(PlanItem item) => new(ChangeEventKinds.Name(item.Kind), item.Key, item.Action,
        item.OldValue is null ? null : new RawJson(item.OldValue),
        item.NewValue is null ? null : new RawJson(item.NewValue), item.CurrentVersion);
}

/// <summary>How many items each action touches.</summary>
public sealed record PlanSummaryBody(int Create, int Update, int Delete, int Unchanged)
{
    public static PlanSummaryBody From(IReadOnlyList<PlanItem> items) => new(
        items.Count(i => i.Action == PlanActions.Create), items.Count(i => i.Action == PlanActions.Update),
        items.Count(i => i.Action == PlanActions.Delete), items.Count(i => i.Action == PlanActions.Unchanged));
}

/// <summary>A plan: the revision it was made at, when it expires, its items, and its change set once applied.</summary>
public sealed record PlanBody(
    string PlanId,
    string Namespace,
    string Environment,
    long Revision,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    string Author,
    PlanSummaryBody Summary,
    IReadOnlyList<PlanItemBody> Items,
    string? AppliedChangeSet,
    long? AppliedRevision)
{
    public static PlanBody From(PlanRecord plan) => new(plan.Id, plan.Namespace, plan.Environment, plan.Revision,
        plan.CreatedAt, plan.ExpiresAt, plan.Author, PlanSummaryBody.From(plan.Items),
        plan.Items.Select(PlanItemBody.From).ToArray(), plan.AppliedChangeSet, plan.AppliedRevision);
}
