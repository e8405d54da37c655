using System.Text.Json;
using OrleansConfig.Changes;
using OrleansConfig.Configuration;
using OrleansConfig.Secrets;
using OrleansConfig.Tests.Infrastructure;
using static OrleansConfig.Tests.Secrets.Grains.SecretGrains;

namespace OrleansConfig.Tests.Secrets.Grains;

/// <summary>
/// The secret grain on the real PostgreSQL: versions, reveals, rollback, delete and purge, what the
/// environment and the audit log see, and what reaches storage.
/// </summary>
public sealed class SecretGrainTests() : SecretClusterTest("kek-a")
{
    [Fact]
    public async Task Put_StoresVersionsAndRevealsEach()
    {
        var ns = await NewEnvironmentAsync(Grains);
        var secret = Secret(Grains, ns, "Db-Password");

        var created = await PutAsync(secret, "Db-Password", "first-value-81c2");
        var updated = await PutAsync(secret, "Db-Password", "second-value-81c2");

        Assert.Equal(SecretStatus.Created, created.Status);
        Assert.Equal(SecretStatus.Updated, updated.Status);
        Assert.Equal(2, updated.Secret!.Current.Version);
        Assert.Equal("kek-a", updated.Secret.Current.KeyEncryptionKeyId);
        Assert.Equal("second-value-81c2", (await RevealAsync(secret)).Value);
        Assert.Equal("first-value-81c2", (await RevealAsync(secret, version: 1)).Value);
    }

    [Fact]
    public async Task Put_SameValueIsUnchanged()
    {
        var ns = await NewEnvironmentAsync(Grains);
        var secret = Secret(Grains, ns, "token");
        var first = await PutAsync(secret, "token", "same-value-2b0e");

        var again = await PutAsync(secret, "token", "same-value-2b0e");

        Assert.Equal(SecretStatus.Unchanged, again.Status);
        Assert.Equal(1, again.LatestVersion);
        Assert.Equal(first.Secret!.Current.Fingerprint, again.Secret!.Current.Fingerprint);
    }

    [Fact]
    public async Task Put_NameDifferingByCaseConflicts()
    {
        var ns = await NewEnvironmentAsync(Grains);
        await PutAsync(Secret(Grains, ns, "ApiKey"), "ApiKey", "value-1");

        var conflict = await PutAsync(Secret(Grains, ns, "apikey"), "apikey", "value-2");

        Assert.Equal(SecretStatus.CaseConflict, conflict.Status);
    }

    [Fact]
    public async Task Put_InMissingEnvironmentFails()
    {
        var secret = Secret(Grains, TestServices.NewNamespace(), "token");

        var result = await PutAsync(secret, "token", "value");

        Assert.Equal(SecretStatus.EnvironmentNotFound, result.Status);
    }

    [Fact]
    public async Task Environment_ListsNamesAndVersionsOnly()
    {
        var ns = await NewEnvironmentAsync(Grains);
        await PutAsync(Secret(Grains, ns, "listed"), "listed", "listed-value-5d1e");
        await PutAsync(Secret(Grains, ns, "listed"), "listed", "listed-value-5d1f");
        var environment = Grains.GetGrain<IEnvironmentGrain>(GrainKeys.Environment(ns, EnvironmentName));

        var items = await environment.GetItems(ChangeKind.Secret, -1);
        var changes = await environment.GetChanges(0, 100);

        var entry = Assert.Single(items.Entries!);
        Assert.Equal(("listed", 2, "null"), (entry.Key, entry.Version, entry.Value));
        Assert.All(changes.Events, change => Assert.Null(change.Value));
        Assert.Equal(2, changes.Events.Count(change => change.Kind == ChangeKind.Secret));
    }

    [Fact]
    public async Task Rollback_ReencryptsTheOldValue()
    {
        var ns = await NewEnvironmentAsync(Grains);
        var secret = Secret(Grains, ns, "rollback");
        await PutAsync(secret, "rollback", "old-value-9a7c");
        await PutAsync(secret, "rollback", "new-value-9a7c");

        var rolledBack = await secret.Rollback(new ConfigRollback(1, "bob", null, WriteConditions.None));
        var history = await secret.GetVersions(null, 10);

        Assert.Equal(SecretStatus.Updated, rolledBack.Status);
        Assert.Equal(1, rolledBack.Secret!.Current.RolledBackFrom);
        Assert.Equal("old-value-9a7c", (await RevealAsync(secret)).Value);
        Assert.Equal(history.Versions[2].Fingerprint, history.Versions[0].Fingerprint);
        var envelopes = await StoredEnvelopesAsync(ns, "rollback");
        Assert.NotEqual(envelopes[0], envelopes[2]);
    }

    [Fact]
    public async Task Delete_KeepsVersionsRevealable()
    {
        var ns = await NewEnvironmentAsync(Grains);
        var secret = Secret(Grains, ns, "deleted");
        await PutAsync(secret, "deleted", "kept-value-4e11");

        var deleted = await secret.Delete(new ConfigDelete("bob", null, WriteConditions.None));
        var current = await RevealAsync(secret);
        var old = await RevealAsync(secret, version: 1);
        var recreated = await PutAsync(secret, "deleted", "again-value-4e11");

        Assert.Equal(SecretStatus.Deleted, deleted.Status);
        Assert.Equal(SecretStatus.NotFound, current.Reveal.Status);
        Assert.Equal("kept-value-4e11", old.Value);
        Assert.Equal((SecretStatus.Created, 3), (recreated.Status, recreated.LatestVersion));
    }

    [Fact]
    public async Task Purge_DestroysEveryCiphertext()
    {
        var ns = await NewEnvironmentAsync(Grains);
        var secret = Secret(Grains, ns, "purged");
        await PutAsync(secret, "purged", "purged-value-1-77aa");
        await PutAsync(secret, "purged", "purged-value-2-77aa");

        var purged = await secret.Purge(new SecretPurge("admin", "leaked"));
        var reveal = await RevealAsync(secret, version: 1);
        var history = await secret.GetVersions(null, 10);

        Assert.Equal((SecretStatus.Purged, 3, "purge"), (purged.Status, purged.LatestVersion,
            purged.Secret!.Current.Action));
        Assert.Equal(SecretStatus.VersionHasNoValue, reveal.Reveal.Status);
        Assert.All(history.Versions, version => Assert.False(version.HasValue));
        Assert.All(history.Versions.Skip(1), version => Assert.True(version.Destroyed));
        Assert.All(history.Versions, version => Assert.Null(version.Fingerprint));
        Assert.All(await StoredEnvelopesAsync(ns, "purged"), Assert.Null);
    }

    [Fact]
    public async Task Reveal_IsAuditedWithoutTheValue()
    {
        var ns = await NewEnvironmentAsync(Grains);
        var secret = Secret(Grains, ns, "audited");
        await PutAsync(secret, "audited", "audited-value-c3d4");

        var (_, reveal) = await RevealAsync(secret, actor: "carol (key carolcarolcarol2)", justification: "INC-7");
        var records = await AuditAsync(Grains, ns, "secret.reveal");

        var record = Assert.Single(records);
        Assert.Equal(("carol (key carolcarolcarol2)", "key carolcarolcarol2", "audited", 1),
            (record.Actor, record.Credential, record.Resource, record.VersionAfter));
        var summary = JsonDocument.Parse(record.Summary!).RootElement;
        Assert.Equal("INC-7", summary.GetProperty("justification").GetString());
        Assert.Equal(reveal.Fingerprint, summary.GetProperty("fingerprint").GetString());
        Assert.DoesNotContain("audited-value-c3d4", record.Summary!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Changes_AreAuditedAsSecretActions()
    {
        var ns = await NewEnvironmentAsync(Grains);
        var secret = Secret(Grains, ns, "actions");
        await PutAsync(secret, "actions", "action-value-1");
        await PutAsync(secret, "actions", "action-value-2");
        await secret.Rollback(new ConfigRollback(1, "bob", null, WriteConditions.None));
        await secret.Delete(new ConfigDelete("bob", null, WriteConditions.None));
        await secret.Purge(new SecretPurge("admin", null));

        var actions = new List<string>();
        foreach (var action in new[] { "create", "update", "rollback", "delete", "purge" })
        {
            actions.AddRange((await AuditAsync(Grains, ns, $"secret.{action}")).Select(r => r.Action));
        }

        Assert.Equal(["secret.create", "secret.update", "secret.rollback", "secret.delete", "secret.purge"], actions);
    }

    /// <summary>Reads the stored values (envelopes) of a secret's versions straight from its row.</summary>
    private async Task<List<string?>> StoredEnvelopesAsync(string ns, string name)
    {
        var state = await SecretRows.ReadAsync(ServiceId, GrainKeys.Secret(ns, EnvironmentName, name));

        return state.RootElement.GetProperty("versions").EnumerateArray()
            .Select(v => v.GetProperty("value").GetString())
            .ToList();
    }
}
