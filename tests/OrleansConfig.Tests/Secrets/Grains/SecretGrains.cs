using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.TestingHost;
using OrleansConfig.Audit;
using OrleansConfig.Configuration;
using OrleansConfig.Secrets;
using OrleansConfig.Secrets.Keys;
using OrleansConfig.Tests.Infrastructure;

namespace OrleansConfig.Tests.Secrets.Grains;

/// <summary>
/// In-process clusters on the real PostgreSQL for secret grain tests, with a keyring of the test's own
/// (local keys in memory) and, where given, a fake product clock and other secret options.
/// </summary>
internal static class SecretGrains
{
    public const string EnvironmentName = "prod";

    public static Task<InProcessTestCluster> StartAsync(string serviceId, SecretKeyring keyring,
        TimeProvider? time = null, Action<SecretOptions>? options = null) =>
        GrainClusterFixture.StartAsync(serviceId, time: time, configure: services =>
        {
            services.AddSingleton(keyring);
            if (options is not null)
            {
                services.Configure(options);
            }
        });

    /// <summary>A keyring of local keys whose first entry is the configured active key.</summary>
    public static SecretKeyring Keyring(params LocalKeyringEntry[] entries) =>
        new(new LocalKeyring(entries, entries[0].Id), null, null, null, NullLogger.Instance);

    public static SecretValue Value(string text) => new(Encoding.UTF8.GetBytes(text));

    /// <summary>Creates a namespace with one environment, <see cref="EnvironmentName"/>; returns its name.</summary>
    public static async Task<string> NewEnvironmentAsync(IGrainFactory grains)
    {
        var ns = TestServices.NewNamespace();
        await GrainClusterFixture.CreateEnvironmentAsync(grains, ns, EnvironmentName);

        return ns;
    }

    public static ISecretGrain Secret(IGrainFactory grains, string ns, string name) =>
        grains.GetGrain<ISecretGrain>(GrainKeys.Secret(ns, EnvironmentName, name));

    public static async Task<SecretResult> PutAsync(ISecretGrain secret, string name, string value,
        string author = "alice") =>
        await secret.Put(new SecretPut(name, Value(value), author, null, WriteConditions.None));

    /// <summary>
    /// Reads the audit records of <paramref name="ns"/> with <paramref name="action"/>, oldest first.
    /// </summary>
    public static async Task<IReadOnlyList<AuditRecord>> AuditAsync(IGrainFactory grains, string ns, string action)
    {
        var query = new AuditQuery(null, null, null, ns, null, null, action, null, 100, Ascending: true);

        return (await grains.GetGrain<IAuditQueryGrain>(0).Query(query)).Entries.Select(e => e.Record).ToArray();
    }

    /// <summary>Reveals a version and returns its text, or null with the status when it has no value.</summary>
    public static async Task<(string? Value, SecretReveal Reveal)> RevealAsync(ISecretGrain secret,
        int? version = null, bool previous = false, string actor = "alice", string? justification = null)
    {
        var reveal = await secret.Reveal(new SecretRevealRequest(version, previous, actor, justification));

        return (reveal.Value is null ? null : Encoding.UTF8.GetString(reveal.Value.Utf8), reveal);
    }
}
