using OrleansConfig.Audit;
using OrleansConfig.Changes;
using OrleansConfig.Configuration;
using OrleansConfig.Drift;
using OrleansConfig.Hosting;
using OrleansConfig.Schemas;

namespace OrleansConfig.Tests.Drift;

/// <summary>
/// The grain states of schemas, change sets, plans and desired states survive the storage serializer, which
/// writes plain JSON without type names, so a new activation reads back what an earlier one wrote.
/// </summary>
public sealed class StateSerializationTests
{
    private static readonly JsonGrainStateSerializer Serializer = new();
    private static readonly DateTimeOffset Time = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    [Fact]
    public void EnvironmentState_KeepsPendingChangeSet()
    {
        var request = new ChangeSetRequest("cs-1", 7, [new ChangeSetEntry(ChangeKind.Config, "A", 2, "\"x\""),
            new ChangeSetEntry(ChangeKind.Flag, "f", 0, null)], "alice", "why", "apply", "plan_1");
        var state = new EnvironmentState { Exists = true, PendingChangeSet = request };
        state.PendingAudit.Add(AuditOutbox.Record(Time, "alice", "changeset.apply", "ns", "prod", "changeset",
            "cs-1", null));

        var read = RoundTrip(state);

        Assert.Equal(request.Id, read.PendingChangeSet!.Id);
        Assert.Equal(request.BaseRevision, read.PendingChangeSet.BaseRevision);
        Assert.Equal(request.Entries, read.PendingChangeSet.Entries);
        Assert.Equal("changeset.apply", Assert.Single(read.PendingAudit).Action);
    }

    [Fact]
    public void SchemaState_KeepsVersions()
    {
        var state = new NamespaceSchemaState { Revision = 3 };
        state.Schemas.Add(new SchemaRecord
        {
            Key = "Payments:*",
            Environment = "prod",
            Versions = [new SchemaVersion(1, """{"type": "object"}""", Time, "alice", null, true, 2)],
        });

        var read = RoundTrip(state);

        Assert.Equal(3, read.Revision);
        var record = Assert.Single(read.Schemas);
        Assert.Equal(("Payments:*", "prod"), (record.Key, record.Environment));
        Assert.Equal(state.Schemas[0].Versions[0], record.Current);
    }

    [Fact]
    public void DriftAndPlanStates_KeepTheirRecords()
    {
        var desired = new DesiredState([new DesiredItem("Mode", "\"blue\"")], null);
        var item = new PlanItem(ChangeKind.Config, "Mode", PlanActions.Update, "\"red\"", "\"blue\"", 4);
        var drift = new EnvironmentDriftState
        {
            Registration = new DesiredStateRegistration("configuration: {}", "yaml", desired, "alice", Time),
            Latest = new DriftReport(Time, 9, [item], "schedule", 10, Time.AddMinutes(5)),
            ReportedSignature = "abc",
            NextCheckAt = Time.AddMinutes(5),
        };
        var plan = new PlanGrainState { Plan = new PlanRecord("plan_1", "ns", "prod", 9, [item], "alice", Time,
            Time.AddHours(24), "cs_plan_1", 10) };

        var readDrift = RoundTrip(drift);
        var readPlan = RoundTrip(plan);

        Assert.Equal(desired.Configuration, readDrift.Registration!.State.Configuration);
        Assert.Null(readDrift.Registration.State.Flags);
        Assert.Equal(item, Assert.Single(readDrift.Latest!.Drift));
        Assert.Equal(drift.NextCheckAt, readDrift.NextCheckAt);
        Assert.Equal(item, Assert.Single(readPlan.Plan!.Items));
        Assert.Equal(("cs_plan_1", 10L), (readPlan.Plan.AppliedChangeSet, readPlan.Plan.AppliedRevision));
    }

    private static T RoundTrip<T>(T state) => Serializer.Deserialize<T>(Serializer.Serialize(state));
}
