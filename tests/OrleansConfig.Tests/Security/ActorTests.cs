using System.Net.Http.Json;
using System.Text.Json;
using OrleansConfig.Api.Security;

namespace OrleansConfig.Tests.Security;

/// <summary>Versions record the authenticated caller as their author.</summary>
[Collection(SecuredApiCollection.Name)]
public sealed class ActorTests(SecuredApiFixture fixture)
{
    private const string KeyPath = "/v1/namespaces/alpha/environments/prod/configs/Actor:Check";

    [Fact]
    public async Task VersionAuthor_NamesTheKey()
    {
        using var client = fixture.Host.CreateClient(fixture.Operator);
        BearerKey.TryParse(fixture.Operator, out var keyId, out _);

        var put = await client.PutAsJsonAsync($"{KeyPath}", new { value = 1 });
        put.EnsureSuccessStatusCode();
        var history = await client.GetFromJsonAsync<JsonElement>($"{KeyPath}/versions");
        var author = history.GetProperty("versions")[0].GetProperty("author").GetString();

        Assert.Equal($"alpha-operator (key {keyId})", author);
    }
}
