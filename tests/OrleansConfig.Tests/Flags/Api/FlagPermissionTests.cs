using System.Net;
using System.Net.Http.Headers;
using OrleansConfig.Tests.Api;
using OrleansConfig.Tests.Identity.Http;

namespace OrleansConfig.Tests.Flags.Api;

/// <summary>A viewer of a namespace reads its flags but changes none of them.</summary>
[Collection(ApiClusterCollection.Name)]
public sealed class FlagPermissionTests(ApiClusterFixture fixture)
{
    [Fact]
    public async Task Viewer_ReadsButCannotWrite()
    {
        var flags = await FlagScope.CreateAsync(fixture);
        await flags.WriteAsync("banner", FlagScope.Toggle);
        var (_, key) = await IdentityHttp.CreateKeyAsync(fixture.Http, ("viewer", flags.Namespace, null));
        using var viewer = new HttpClient { BaseAddress = fixture.Cluster.ApiAddress };
        viewer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);

        using var read = await viewer.GetAsync(flags.FlagPath("banner"));
        using var list = await viewer.GetAsync(flags.FlagsPath);
        using var export = await viewer.GetAsync(flags.FlagsPath + "/export");
        using var put = await viewer.PutAsync(flags.FlagPath("banner"), new StringContent(FlagScope.Toggle));
        using var archive = await viewer.PostAsync(flags.FlagPath("banner") + "/archive", null);
        using var schedule = await viewer.PostAsync(flags.FlagPath("banner") + "/schedules",
            new StringContent("""{"at": "2099-01-01T00:00:00Z", "action": "disable"}"""));
        using var import = await viewer.PostAsync(flags.FlagsPath + "/import", new StringContent("""{"flags": {}}"""));
        using var delete = await viewer.DeleteAsync(flags.FlagPath("banner"));

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, put.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, archive.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, schedule.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, import.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, delete.StatusCode);
        Assert.Equal(1, (await flags.ReadAsync("banner")).GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task ViewerOfOtherNamespace_CannotRead()
    {
        var flags = await FlagScope.CreateAsync(fixture);
        await flags.WriteAsync("banner", FlagScope.Toggle);
        var (_, key) = await IdentityHttp.CreateKeyAsync(fixture.Http, ("viewer", "elsewhere", null));
        using var viewer = new HttpClient { BaseAddress = fixture.Cluster.ApiAddress };
        viewer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);

        using var read = await viewer.GetAsync(flags.FlagPath("banner"));

        Assert.Equal(HttpStatusCode.Forbidden, read.StatusCode);
    }
}
