using Npgsql;
using OrleansConfig.Audit;
using OrleansConfig.Configuration;
using OrleansConfig.Tests.Infrastructure;

namespace OrleansConfig.Tests.Audit;

/// <summary>
/// The audit chain against the real PostgreSQL: every change recorded once, and every kind of
/// tampering with the table found by verification, naming the first broken record.
/// </summary>
[Collection(GrainClusterCollection.Name)]
public sealed class AuditChainTests(GrainClusterFixture fixture)
{
    [Fact]
    public async Task Changes_RecordedOncePerRevision()
    {
        var ns = await WriteChangesAsync(6);
        var rows = await AuditDatabase.QueryAsync(
            "SELECT seq, action, resource, revision, version_after FROM orleansconfig_audit "
            + "WHERE service_id = $1 AND chain = $2 ORDER BY seq",
            r => (Seq: r.GetInt64(0), Action: r.GetString(1), Resource: r.GetString(2),
                Revision: r.IsDBNull(3) ? (long?)null : r.GetInt64(3), Version: r.IsDBNull(4) ? 0 : r.GetInt32(4)),
            fixture.ServiceId, ns);

        Assert.Equal(Enumerable.Range(1, rows.Count).Select(i => (long)i), rows.Select(r => r.Seq));
        Assert.Equal("namespace.create", rows[0].Action);
        Assert.Equal("environment.create", rows[1].Action);
        var changes = rows.Where(r => r.Revision is not null).ToList();
        Assert.Equal([1L, 2, 3, 4, 5, 6], changes.Select(r => r.Revision!.Value));
        string[] actions =
            ["config.create", "config.update", "config.update", "config.create", "config.update", "config.delete"];
        Assert.Equal(actions, changes.Select(r => r.Action));
        Assert.True((await VerifyAsync(ns)).Intact);
    }

    [Fact]
    public async Task EditedField_NamesTheRecord()
    {
        var ns = await WriteChangesAsync(6);
        await AuditDatabase.TamperAsync(
            "UPDATE orleansconfig_audit SET actor = 'someone else' WHERE service_id = $1 AND chain = $2 AND seq = 4",
            fixture.ServiceId, ns);

        var result = await VerifyAsync(ns);

        Assert.False(result.Intact);
        Assert.Equal(4, result.BrokenAt);
        Assert.Equal(3, result.Records);
        Assert.Contains("edited", result.Problem);
    }

    [Fact]
    public async Task DeletedRecord_NamesTheGap()
    {
        var ns = await WriteChangesAsync(6);
        await AuditDatabase.TamperAsync(
            "DELETE FROM orleansconfig_audit WHERE service_id = $1 AND chain = $2 AND seq = 3", fixture.ServiceId, ns);

        var result = await VerifyAsync(ns);

        Assert.False(result.Intact);
        Assert.Equal(3, result.BrokenAt);
        Assert.Contains("deleted", result.Problem);
    }

    [Fact]
    public async Task InsertedRecord_BreaksTheLink()
    {
        var ns = await WriteChangesAsync(6);

        // Make room at seq 3 and insert a copy of record 2 there, with a plausible link.
        await AuditDatabase.TamperAsync("""
            UPDATE orleansconfig_audit SET seq = seq + 1000 WHERE service_id = $1 AND chain = $2 AND seq >= 3;
            UPDATE orleansconfig_audit SET seq = seq - 999 WHERE service_id = $1 AND chain = $2 AND seq >= 1003;
            INSERT INTO orleansconfig_audit (service_id, chain, seq, record_id, time, actor, credential, action,
                namespace, environment, kind, resource, version_before, version_after, summary, request_id,
                client_address, revision, prev_hash, hash)
            SELECT service_id, chain, 3, record_id || '-forged', time, 'forger', credential, action, namespace,
                environment, kind, resource, version_before, version_after, summary, request_id, client_address,
                revision, hash, hash
            FROM orleansconfig_audit WHERE service_id = $1 AND chain = $2 AND seq = 2;
            """, fixture.ServiceId, ns);

        var result = await VerifyAsync(ns);

        Assert.False(result.Intact);
        Assert.Equal(3, result.BrokenAt);
    }

    [Fact]
    public async Task SwappedRecords_BreakTheLink()
    {
        var ns = await WriteChangesAsync(6);
        await AuditDatabase.TamperAsync("""
            UPDATE orleansconfig_audit SET seq = -4 WHERE service_id = $1 AND chain = $2 AND seq = 4;
            UPDATE orleansconfig_audit SET seq = 4 WHERE service_id = $1 AND chain = $2 AND seq = 5;
            UPDATE orleansconfig_audit SET seq = 5 WHERE service_id = $1 AND chain = $2 AND seq = -4
            """, fixture.ServiceId, ns);

        var result = await VerifyAsync(ns);

        Assert.False(result.Intact);
        Assert.Equal(4, result.BrokenAt);
        Assert.Contains("does not link", result.Problem);
    }

    [Fact]
    public async Task TruncatedTail_CaughtByTheCheckpoint()
    {
        var ns = await WriteChangesAsync(6);
        var before = await VerifyAsync(ns);
        Assert.True(before.Intact);
        Assert.Equal(before.Records, before.CheckpointSequence);

        await AuditDatabase.TamperAsync(
            "DELETE FROM orleansconfig_audit WHERE service_id = $1 AND chain = $2 AND seq > 4", fixture.ServiceId, ns);
        var result = await VerifyAsync(ns);

        Assert.False(result.Intact);
        Assert.Equal(4, result.Records);
        Assert.Contains("cut off the end", result.Problem);
    }

    [Fact]
    public async Task ForgedTailRecord_FailsWithoutTheKey()
    {
        var ns = await WriteChangesAsync(6);
        var last = (await AuditDatabase.QueryAsync(
            "SELECT max(seq) FROM orleansconfig_audit WHERE service_id = $1 AND chain = $2",
            r => r.GetInt64(0), fixture.ServiceId, ns))[0];

        // A well-formed record appended after the head, linked with plain SHA-256 since the key is unknown.
        await AuditDatabase.TamperAsync("""
            INSERT INTO orleansconfig_audit (service_id, chain, seq, record_id, time, actor, action, prev_hash, hash)
            SELECT service_id, chain, seq + 1, 'forged', now(), 'forger', 'config.update', hash, sha256(hash)
            FROM orleansconfig_audit WHERE service_id = $1 AND chain = $2 AND seq = $3
            """, fixture.ServiceId, ns, last);

        var result = await VerifyAsync(ns);

        Assert.False(result.Intact);
        Assert.Equal(last + 1, result.BrokenAt);
    }

    [Fact]
    public async Task UpdateOrDelete_RejectedByTheTable()
    {
        var ns = await WriteChangesAsync(1);

        var update = await Assert.ThrowsAsync<PostgresException>(() => AuditDatabase.ExecuteAsync(
            "UPDATE orleansconfig_audit SET actor = 'x' WHERE service_id = $1 AND chain = $2", fixture.ServiceId, ns));
        var delete = await Assert.ThrowsAsync<PostgresException>(() => AuditDatabase.ExecuteAsync(
            "DELETE FROM orleansconfig_audit WHERE service_id = $1 AND chain = $2", fixture.ServiceId, ns));

        Assert.Contains("append-only", update.MessageText);
        Assert.Contains("append-only", delete.MessageText);
    }

    /// <summary>Creates a namespace and environment and writes changes to two keys; returns the namespace.</summary>
    private async Task<string> WriteChangesAsync(int changes)
    {
        var ns = TestServices.NewNamespace();
        await GrainClusterFixture.CreateEnvironmentAsync(fixture.Grains, ns, "prod");
        var keys = new[] { "A", "A", "A", "B", "B" };
        for (var i = 0; i < changes; i++)
        {
            var key = i < keys.Length ? keys[i] : "B";
            var grain = fixture.Grains.GetGrain<IConfigKeyGrain>(GrainKeys.ConfigKey(ns, "prod", key));
            var result = i == 5
                ? await grain.Delete(new ConfigDelete("tester (key abc)", null, WriteConditions.None))
                : await grain.Put(new ConfigPut(key, $"\"value {i}\"", "tester (key abc)", null, WriteConditions.None));
            Assert.True(result.IsSuccess, result.Detail);
        }

        return ns;
    }

    private Task<AuditVerification> VerifyAsync(string ns) => fixture.Grains.GetGrain<IAuditChainGrain>(ns).Verify();
}
