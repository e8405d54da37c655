using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using OrleansConfig.Configuration;
using OrleansConfig.Secrets;
using OrleansConfig.Secrets.Keys;
using OrleansConfig.Secrets.Vault;
using OrleansConfig.Tests.Infrastructure;
using static OrleansConfig.Tests.Secrets.Grains.SecretGrains;

namespace OrleansConfig.Tests.Secrets.Grains;

/// <summary>
/// Key-encryption key rotation as a background job on the real PostgreSQL: it re-wraps every data key
/// while writes and reveals go on, retires the old key, and afterwards the old key can be removed from the
/// keyring. The Vault Transit cases run against an in-test HTTP server on 127.0.0.1 that follows the
/// Transit API, because no Vault server runs here.
/// </summary>
public sealed class KeyringRotationTests
{
    private const int SecretsPerEnvironment = 20;

    private static readonly LocalKeyringEntry Old = SecretTestKeys.NewEntry("kek-old");
    private static readonly LocalKeyringEntry New = SecretTestKeys.NewEntry("kek-new");

    [Fact]
    public async Task Rotation_WhileWritesAndRevealsContinue()
    {
        var serviceId = TestServices.NewServiceId();
        var expected = new ConcurrentDictionary<string, string>();
        List<(string Ns, string Name)> secrets;
        await using (var cluster = await StartAsync(serviceId, Keyring(Old, New), options: Fast))
        {
            secrets = await CreateSecretsAsync(cluster.Client, expected);
            using var load = new SecretLoad(cluster.Client, secrets, expected);

            var job = await RunRotationAsync(cluster.Client, New.Id);
            var operations = await load.StopAsync();

            Assert.Equal(KekRotationPhase.Completed, job.Phase);
            Assert.Empty(load.Failures);
            Assert.True(operations > 0, "no write or reveal ran during the rotation");
            Assert.True(job.Rewrapped >= secrets.Count, $"re-wrapped {job.Rewrapped} data keys");
            Assert.True(job.Pass >= 2, $"the job ended after pass {job.Pass} without a verifying pass");
            Assert.Equal(job.SecretsTotal, job.SecretsDone);
            Assert.Equal([Old.Id], job.RetiredKeyIds);
            var view = await cluster.Client.GetGrain<IKeyringGrain>(0).GetView();
            Assert.Equal((New.Id, Old.Id), (view.ActiveKeyId, Assert.Single(view.RetiredKeyIds)));
            foreach (var (ns, name) in secrets)
            {
                var page = await Secret(cluster.Client, ns, name).GetVersions(null, 100);
                Assert.All(page.Versions.Where(v => v.HasValue), v => Assert.Equal(New.Id, v.KeyEncryptionKeyId));
            }
        }

        await using var withoutOld = await StartAsync(serviceId, Keyring(New));
        foreach (var (ns, name) in secrets)
        {
            Assert.Equal(expected[name], (await RevealAsync(Secret(withoutOld.Client, ns, name))).Value);
            Assert.Equal($"{name}-initial", (await RevealAsync(Secret(withoutOld.Client, ns, name), version: 1)).Value);
        }
    }

    [Fact]
    public async Task RetiredKey_RefusesUnwrapAndActivation()
    {
        var serviceId = TestServices.NewServiceId();
        await using var cluster = await StartAsync(serviceId, Keyring(Old, New), options: Fast);
        var ns = await NewEnvironmentAsync(cluster.Client);
        await PutAsync(Secret(cluster.Client, ns, "one"), "one", "one-value-19ef");

        await RunRotationAsync(cluster.Client, New.Id);
        var again = await cluster.Client.GetGrain<IKeyringGrain>(0)
            .StartRotation(new KekRotationRequest(Old.Id, true, "admin"));
        var provider = Keyring(Old, New).For(await cluster.Client.GetGrain<IKeyringGrain>(0).GetView());

        Assert.False(again.Started);
        Assert.Contains("retired", again.Detail, StringComparison.Ordinal);
        var refused = await Assert.ThrowsAsync<KeyEncryptionKeyUnavailableException>(
            () => provider.UnwrapAsync(new byte[60], Old.Id, Array.Empty<byte>(), CancellationToken.None));
        Assert.Contains("retired", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rotation_FailsWhenASiloLacksTheKey()
    {
        await using var cluster = await StartAsync(TestServices.NewServiceId(), Keyring(Old), options: Fast);

        var job = await RunRotationAsync(cluster.Client, "kek-missing");
        var view = await cluster.Client.GetGrain<IKeyringGrain>(0).GetView();

        Assert.Equal(KekRotationPhase.Failed, job.Phase);
        Assert.Contains("not in the keyring of every silo", job.Error, StringComparison.Ordinal);
        Assert.Null(view.ActiveKeyId);
        Assert.Empty(view.RetiredKeyIds);
    }

    [Fact]
    public async Task Rotation_ResumesAfterClusterRestart()
    {
        var serviceId = TestServices.NewServiceId();
        var expected = new ConcurrentDictionary<string, string>();
        List<(string Ns, string Name)> secrets;
        string id;
        await using (var first = await StartAsync(serviceId, Keyring(Old, New), options: Fast))
        {
            secrets = await CreateSecretsAsync(first.Client, expected);
            var start = await first.Client.GetGrain<IKeyringGrain>(0)
                .StartRotation(new KekRotationRequest(New.Id, true, "admin"));
            id = start.Job!.Id;
        }

        await using var second = await StartAsync(serviceId, Keyring(Old, New), options: Fast);
        var resumed = await WaitForJobAsync(second.Client, id);

        Assert.Equal(KekRotationPhase.Completed, resumed.Phase);
        Assert.Equal([Old.Id], resumed.RetiredKeyIds);
        foreach (var (ns, name) in secrets)
        {
            Assert.Equal(expected[name], (await RevealAsync(Secret(second.Client, ns, name))).Value);
        }
    }

    [Fact]
    public async Task Rotation_MovesLocalKeysToVaultTransit()
    {
        await using var vault = await FakeVaultTransitServer.StartAsync();
        vault.CreateKey("orleansconfig");
        using var http = new HttpClient();
        var transit = new VaultTransitKeyProvider(http, new VaultTransitOptions
        {
            Address = vault.Address, Token = FakeVaultTransitServer.Token, KeyName = "orleansconfig",
        });
        var serviceId = TestServices.NewServiceId();
        var expected = new ConcurrentDictionary<string, string>();
        List<(string Ns, string Name)> secrets;
        await using (var cluster = await StartAsync(serviceId, LocalAndVault(transit), options: Fast))
        {
            secrets = await CreateSecretsAsync(cluster.Client, expected);

            var toVault = await RunRotationAsync(cluster.Client, "orleansconfig");
            await RotateTransitKeyAsync(http, vault);
            var toVersion2 = await RunRotationAsync(cluster.Client, "orleansconfig");

            Assert.Equal(KekRotationPhase.Completed, toVault.Phase);
            Assert.Equal((KekRotationPhase.Completed, 2), (toVersion2.Phase, toVersion2.TargetKeyVersion));
            Assert.Equal(toVault.Rewrapped, toVersion2.Rewrapped);
            var page = await Secret(cluster.Client, secrets[0].Ns, secrets[0].Name).GetVersions(null, 10);
            Assert.All(page.Versions, v => Assert.Equal(("orleansconfig", 2), (v.KeyEncryptionKeyId,
                v.KeyEncryptionKeyVersion)));
        }

        await using var vaultOnly = await StartAsync(serviceId,
            new SecretKeyring(null, null, transit, null, NullLogger.Instance));
        foreach (var (ns, name) in secrets)
        {
            Assert.Equal(expected[name], (await RevealAsync(Secret(vaultOnly.Client, ns, name))).Value);
        }
    }

    private static void Fast(SecretOptions options)
    {
        options.KeyringReportInterval = TimeSpan.FromMilliseconds(200);
        options.RewrapParallelism = 4;
    }

    private static SecretKeyring LocalAndVault(VaultTransitKeyProvider transit) =>
        new(new LocalKeyring([Old], Old.Id), null, transit, Old.Id, NullLogger.Instance);

    /// <summary>Creates two environments of secrets, each with two versions, one of them deleted afterwards.</summary>
    private static async Task<List<(string Ns, string Name)>> CreateSecretsAsync(IGrainFactory grains,
        ConcurrentDictionary<string, string> expected)
    {
        var secrets = new List<(string, string)>();
        for (var e = 0; e < 2; e++)
        {
            var ns = await NewEnvironmentAsync(grains);
            for (var i = 0; i < SecretsPerEnvironment; i++)
            {
                var name = $"s{e}-{i}";
                var secret = Secret(grains, ns, name);
                await PutAsync(secret, name, $"{name}-initial");
                await PutAsync(secret, name, expected[name] = $"{name}-second");
                secrets.Add((ns, name));
            }

            var deleted = Secret(grains, ns, "deleted");
            await PutAsync(deleted, "deleted", "deleted-value-a41c");
            await deleted.Delete(new ConfigDelete("bob", null, WriteConditions.None));
        }

        return secrets;
    }

    private static async Task<KekRotationStatus> RunRotationAsync(IGrainFactory grains, string target)
    {
        var start = await grains.GetGrain<IKeyringGrain>(0)
            .StartRotation(new KekRotationRequest(target, true, "admin"));
        Assert.True(start.Started, start.Detail);

        return await WaitForJobAsync(grains, start.Job!.Id);
    }

    private static async Task<KekRotationStatus> WaitForJobAsync(IGrainFactory grains, string id)
    {
        var keyring = grains.GetGrain<IKeyringGrain>(0);
        KekRotationStatus? job = null;
        await ClusterHttp.WaitForAsync(async () => (job = await keyring.GetRotation(id)) is { IsFinished: true },
            TimeSpan.FromSeconds(90), $"rotation {id} to finish");

        return job!;
    }

    private static async Task RotateTransitKeyAsync(HttpClient http, FakeVaultTransitServer vault)
    {
        var rotate = new Uri(vault.Address, "v1/transit/keys/orleansconfig/rotate");
        using var request = new HttpRequestMessage(HttpMethod.Post, rotate);
        request.Headers.Add("X-Vault-Token", FakeVaultTransitServer.Token);
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>
    /// Writes new values to half of the secrets and reveals random ones until stopped, recording every
    /// failure and every reveal that returns a value the secret never had.
    /// </summary>
    private sealed class SecretLoad : IDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task[] _workers;
        private int _operations;

        public SecretLoad(IGrainFactory grains, List<(string Ns, string Name)> secrets,
            ConcurrentDictionary<string, string> expected)
        {
            var written = secrets.Where((_, i) => i % 2 == 0).ToArray();
            _workers =
            [
                Task.Run(() => Write(grains, written.Where((_, i) => i % 2 == 0).ToArray(), expected)),
                Task.Run(() => Write(grains, written.Where((_, i) => i % 2 == 1).ToArray(), expected)),
                Task.Run(() => Reveal(grains, secrets)),
                Task.Run(() => Reveal(grains, secrets)),
            ];
        }

        public ConcurrentQueue<string> Failures { get; } = new();

        public async Task<int> StopAsync()
        {
            await _stop.CancelAsync();
            await Task.WhenAll(_workers);

            return _operations;
        }

        public void Dispose() => _stop.Dispose();

        private async Task Write(IGrainFactory grains, (string Ns, string Name)[] secrets,
            ConcurrentDictionary<string, string> expected)
        {
            for (var round = 0; !_stop.IsCancellationRequested; round++)
            {
                var (ns, name) = secrets[round % secrets.Length];
                var value = $"{name}-w{round}";
                var result = await PutAsync(Secret(grains, ns, name), name, value);
                if (result.Status != SecretStatus.Updated)
                {
                    Failures.Enqueue($"write {name}: {result.Status} {result.Detail}");
                    continue;
                }

                expected[name] = value;
                Interlocked.Increment(ref _operations);
            }
        }

        private async Task Reveal(IGrainFactory grains, List<(string Ns, string Name)> secrets)
        {
            while (!_stop.IsCancellationRequested)
            {
                var (ns, name) = secrets[Random.Shared.Next(secrets.Count)];
                var (value, reveal) = await RevealAsync(Secret(grains, ns, name));
                if (value is null || !value.StartsWith(name + "-", StringComparison.Ordinal))
                {
                    Failures.Enqueue($"reveal {name}: {reveal.Status} {reveal.Detail}");
                    continue;
                }

                Interlocked.Increment(ref _operations);
            }
        }
    }
}
