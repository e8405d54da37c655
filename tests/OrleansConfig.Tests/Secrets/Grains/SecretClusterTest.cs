using Orleans.TestingHost;
using OrleansConfig.Tests.Infrastructure;

namespace OrleansConfig.Tests.Secrets.Grains;

/// <summary>
/// A test class with an in-process cluster of its own on the real PostgreSQL, under a new service id, whose
/// silos hold one local key-encryption key named <paramref name="keyId"/>.
/// </summary>
public abstract class SecretClusterTest(string keyId) : IAsyncLifetime
{
    private InProcessTestCluster _cluster = null!;

    protected string ServiceId { get; } = TestServices.NewServiceId();

    protected IGrainFactory Grains => _cluster.Client;

    public async Task InitializeAsync()
    {
        await TestServices.RequirePostgresAsync();
        _cluster = await SecretGrains.StartAsync(ServiceId,
            SecretGrains.Keyring(SecretTestKeys.NewEntry(keyId)));
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();
}
