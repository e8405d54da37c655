using Microsoft.Extensions.DependencyInjection;
using OrleansConfig.Tests.Infrastructure;
using OrleansConfig.Tests.Security;

namespace OrleansConfig.Tests.Flags.Ofrep;

/// <summary>
/// The in-process api with real key grains and its development-mode silo (real grains, in-memory
/// storage), with the callers of <see cref="SecuredApiFixture"/>: namespaces <c>alpha</c> (prod, dev)
/// and <c>beta</c> (prod). Tests that change flags work in a fresh namespace each.
/// </summary>
public sealed class OfrepApiFixture : IAsyncLifetime
{
    public SecuredApiFixture Secured { get; } = new();

    public ApiHost Host => Secured.Host;

    public IGrainFactory Grains => Host.Services.GetRequiredService<IGrainFactory>();

    public async Task InitializeAsync() => await Secured.InitializeAsync();

    public async Task DisposeAsync() => await Secured.DisposeAsync();

    /// <summary>
    /// Creates a fresh namespace with environment prod and returns an admin client that names it in headers.
    /// </summary>
    public async Task<OfrepClient> CreateEnvironmentAsync()
    {
        var ns = TestServices.NewNamespace();
        using var admin = Host.CreateClient(Secured.Admin);
        (await admin.PutAsync($"/v1/namespaces/{ns}", null)).EnsureSuccessStatusCode();
        (await admin.PutAsync($"/v1/namespaces/{ns}/environments/prod", null)).EnsureSuccessStatusCode();

        return new OfrepClient(Host.CreateClient(Secured.Admin), ns, "prod");
    }

    public Task PutFlagAsync(OfrepClient client, string key, string document) =>
        FlagWriter.PutAsync(Grains, client.Namespace!, client.Environment!, key, document);
}

[CollectionDefinition(Name)]
public sealed class OfrepApiCollection : ICollectionFixture<OfrepApiFixture>
{
    public const string Name = "ofrep api";
}
