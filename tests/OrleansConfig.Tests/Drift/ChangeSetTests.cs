using OrleansConfig.Changes;
using OrleansConfig.Configuration;
using OrleansConfig.Tests.Infrastructure;
using static OrleansConfig.Tests.Drift.DriftGrains;

namespace OrleansConfig.Tests.Drift;

/// <summary>
/// Change sets against the real grains and PostgreSQL: all entries or none, one batch of consecutive revisions,
/// refusal when an item or the environment moved, and a replay of a committed intent record.
/// </summary>
[Collection(GrainClusterCollection.Name)]
public sealed class ChangeSetTests(GrainClusterFixture fixture)
{
    [Fact]
    public async Task ChangeSet_AppliesAsConsecutiveRevisions()
    {
        var ns = await NewNamespaceAsync(fixture.Grains, "prod");
        var existing = await PutAsync(fixture.Grains, ns, "prod", "B", "1");
        var gone = await PutAsync(fixture.Grains, ns, "prod", "C", "1");
        var environment = Environment(fixture.Grains, ns, "prod");
        var before = await environment.GetRevision();

        var result = await environment.ApplyChangeSet(Request(before,
            new ChangeSetEntry(ChangeKind.Config, "A", 0, "\"new\""),
            new ChangeSetEntry(ChangeKind.Config, "B", existing.Current!.Version, "2"),
            new ChangeSetEntry(ChangeKind.Config, "C", gone.Current!.Version, null),
            new ChangeSetEntry(ChangeKind.Flag, "checkout", 0, Toggle)));
        var events = (await environment.GetChanges(before, 10)).Events;

        Assert.Equal(ChangeSetStatus.Applied, result.Status);
        Assert.Equal(["created", "updated", "deleted", "created"], result.Entries.Select(e => e.Outcome));
        Assert.Equal(before + 4, result.Revision);
        var configEvents = events.Where(e => e.Kind == ChangeKind.Config).ToArray();
        Assert.Equal([before + 1, before + 2, before + 3], configEvents.Select(e => e.Revision));
        Assert.All(configEvents, e => Assert.Equal("cs-test", e.ChangeSet));
        Assert.Equal(ChangeKind.Flag, events[^1].Kind);
    }

    [Fact]
    public async Task ChangeSet_WithStaleEntryWritesNothing()
    {
        var ns = await NewNamespaceAsync(fixture.Grains, "prod");
        await PutAsync(fixture.Grains, ns, "prod", "B", "1");
        await PutAsync(fixture.Grains, ns, "prod", "B", "2");
        var environment = Environment(fixture.Grains, ns, "prod");
        var before = await environment.GetRevision();

        var result = await environment.ApplyChangeSet(Request(null,
            new ChangeSetEntry(ChangeKind.Config, "A", 0, "1"),
            new ChangeSetEntry(ChangeKind.Config, "B", 1, "3")));
        var snapshot = await environment.GetSnapshot(null);
        var write = await PutAsync(fixture.Grains, ns, "prod", "A", "5");

        Assert.Equal(ChangeSetStatus.Conflict, result.Status);
        Assert.Contains("'B' is at version 2", result.Detail, StringComparison.Ordinal);
        Assert.Equal(before, snapshot.Revision);
        Assert.DoesNotContain(snapshot.Entries!, e => e.Key == "A");
        Assert.Equal(ConfigStatus.Created, write.Status);
    }

    [Fact]
    public async Task ChangeSet_AfterOtherChangeIsMoved()
    {
        var ns = await NewNamespaceAsync(fixture.Grains, "prod");
        var environment = Environment(fixture.Grains, ns, "prod");
        var planned = await environment.GetRevision();
        await PutAsync(fixture.Grains, ns, "prod", "Other", "1");

        var result = await environment.ApplyChangeSet(Request(planned,
            new ChangeSetEntry(ChangeKind.Config, "A", 0, "1")));

        Assert.Equal(ChangeSetStatus.Moved, result.Status);
        Assert.Contains("config 'Other'", result.Detail, StringComparison.Ordinal);
        Assert.Equal(planned + 1, await environment.GetRevision());
    }

    [Fact]
    public async Task ChangeSet_DriftReportDoesNotMoveIt()
    {
        var ns = await NewNamespaceAsync(fixture.Grains, "prod");
        var environment = Environment(fixture.Grains, ns, "prod");
        var planned = await environment.GetRevision();
        await environment.ReportDrift("""{"drifted": 1}""", "detected", "tests");

        var result = await environment.ApplyChangeSet(Request(planned,
            new ChangeSetEntry(ChangeKind.Config, "A", 0, "1")));

        Assert.Equal(ChangeSetStatus.Applied, result.Status);
        Assert.Equal(planned + 2, result.Revision);
    }

    [Fact]
    public async Task CommitChange_IsIdempotentForItsChangeSet()
    {
        var ns = await NewNamespaceAsync(fixture.Grains, "prod");
        var key = fixture.Grains.GetGrain<IConfigKeyGrain>(GrainKeys.ConfigKey(ns, "prod", "A"));
        var entry = new ChangeSetEntry(ChangeKind.Config, "A", 0, "1");

        var prepared = await key.PrepareChange(entry, "cs-replay");
        var first = await key.CommitChange(entry, "cs-replay", "tests", null);
        var again = await key.CommitChange(entry, "cs-replay", "tests", null);
        var other = await key.CommitChange(entry, "cs-other", "tests", null);

        Assert.Null(prepared);
        Assert.Equal(ConfigStatus.Created, first.Status);
        Assert.Equal((ConfigStatus.Unchanged, 1), (again.Status, again.Current!.Version));
        Assert.Equal(ConfigStatus.PreconditionFailed, other.Status);
    }

    private static ChangeSetRequest Request(long? baseRevision, params ChangeSetEntry[] entries) =>
        new("cs-test", baseRevision, entries, "tests", null, "apply", null);
}
