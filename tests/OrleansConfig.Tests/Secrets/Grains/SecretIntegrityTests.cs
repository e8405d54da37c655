using System.Text.Json.Nodes;
using OrleansConfig.Configuration;
using OrleansConfig.Secrets;
using OrleansConfig.Tests.Infrastructure;
using static OrleansConfig.Tests.Secrets.Grains.SecretGrains;

namespace OrleansConfig.Tests.Secrets.Grains;

/// <summary>
/// A stored ciphertext changed in the database, or moved from another record, never decrypts to wrong
/// data: reveals and rollbacks fail with a message naming the record, and an audit record records it.
/// </summary>
public sealed class SecretIntegrityTests() : SecretClusterTest("kek-integrity")
{
    [Theory]
    [InlineData(40)]
    [InlineData(-3)]
    public async Task FlippedBit_FailsWithIntegrityError(int position)
    {
        var ns = await NewEnvironmentAsync(Grains);
        var secret = Secret(Grains, ns, "flipped");
        await PutAsync(secret, "flipped", "flipped-value-0d9e");
        await PutAsync(Secret(Grains, ns, "untouched"), "untouched", "untouched-value-0d9e");

        await EditVersionAsync(ns, "flipped", 0, envelope =>
        {
            var bytes = Convert.FromBase64String(envelope);
            bytes[position < 0 ? bytes.Length + position : position] ^= 0x01;

            return Convert.ToBase64String(bytes);
        });
        var (value, reveal) = await RevealAsync(secret, actor: "dave (key davedavedavedave)");

        Assert.Null(value);
        Assert.Equal(SecretStatus.IntegrityFailure, reveal.Status);
        Assert.Contains("failed its integrity check", reveal.Detail, StringComparison.Ordinal);
        Assert.Contains("'flipped'", reveal.Detail, StringComparison.Ordinal);
        var record = Assert.Single(await AuditAsync(Grains, ns, "secret.integrity-failure"));
        Assert.Equal(("dave (key davedavedavedave)", "flipped", 1),
            (record.Actor, record.Resource, record.VersionAfter));
        Assert.Equal("untouched-value-0d9e", (await RevealAsync(Secret(Grains, ns, "untouched"))).Value);
    }

    [Fact]
    public async Task SwappedRecord_FailsWithIntegrityError()
    {
        var ns = await NewEnvironmentAsync(Grains);
        await PutAsync(Secret(Grains, ns, "source"), "source", "source-value-6b2f");
        var target = Secret(Grains, ns, "target");
        await PutAsync(target, "target", "target-value-6b2f");
        var stolen = (await SecretRows.ReadAsync(ServiceId, GrainKeys.Secret(ns, EnvironmentName, "source")))
            .RootElement.GetProperty("versions")[0].GetProperty("value").GetString()!;

        await EditVersionAsync(ns, "target", 0, _ => stolen);
        var (value, reveal) = await RevealAsync(target);

        Assert.Null(value);
        Assert.Equal(SecretStatus.IntegrityFailure, reveal.Status);
        Assert.Single(await AuditAsync(Grains, ns, "secret.integrity-failure"));
    }

    [Fact]
    public async Task SwappedVersion_FailsWithIntegrityError()
    {
        var ns = await NewEnvironmentAsync(Grains);
        var secret = Secret(Grains, ns, "versions");
        await PutAsync(secret, "versions", "version-one-3c8d");
        await PutAsync(secret, "versions", "version-two-3c8d");
        var first = (await SecretRows.ReadAsync(ServiceId, GrainKeys.Secret(ns, EnvironmentName, "versions")))
            .RootElement.GetProperty("versions")[0].GetProperty("value").GetString()!;

        await EditVersionAsync(ns, "versions", 1, _ => first);

        Assert.Equal(SecretStatus.IntegrityFailure, (await RevealAsync(secret)).Reveal.Status);
        Assert.Equal("version-one-3c8d", (await RevealAsync(secret, version: 1)).Value);
    }

    [Fact]
    public async Task TamperedVersion_RefusesRollback()
    {
        var ns = await NewEnvironmentAsync(Grains);
        var secret = Secret(Grains, ns, "rollback");
        await PutAsync(secret, "rollback", "rollback-one-5a1b");
        await PutAsync(secret, "rollback", "rollback-two-5a1b");

        await EditVersionAsync(ns, "rollback", 0, envelope => envelope[..^8] + "AAAAAAA=");
        var result = await secret.Rollback(new ConfigRollback(1, "erin", null, WriteConditions.None));

        Assert.Equal(SecretStatus.IntegrityFailure, result.Status);
        Assert.Equal(2, (await secret.Get()).LatestVersion);
        Assert.Equal("rollback-two-5a1b", (await RevealAsync(secret)).Value);
    }

    /// <summary>Rewrites one stored envelope, then deactivates the grains so they read the row again.</summary>
    private async Task EditVersionAsync(string ns, string name, int index, Func<string, string> edit)
    {
        await SecretRows.EditAsync(ServiceId, GrainKeys.Secret(ns, EnvironmentName, name), state =>
        {
            var version = state["versions"]![index]!.AsObject();
            version["value"] = JsonValue.Create(edit(version["value"]!.GetValue<string>()));
        });
        await Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
    }
}
