using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.TestingHost;
using OrleansConfig.Api.Http;
using OrleansConfig.Api.Identity;
using OrleansConfig.Api.Security;
using OrleansConfig.Identity;
using OrleansConfig.Tests.Infrastructure;

namespace OrleansConfig.Tests.Identity.Http;

/// <summary>
/// The identity endpoints in an in-memory ASP.NET Core host on a cluster of their own, with a
/// minimal bearer-key authentication written for these tests. It replaces the api's own
/// authentication, so these tests cover the endpoints' rules but not that authentication.
/// </summary>
public sealed class IdentityApiHost : IAsyncLifetime
{
    private const string Scheme = "test-bearer";

    private InProcessTestCluster _cluster = null!;
    private WebApplication _app = null!;

    public IGrainFactory Grains => _cluster.Client;

    /// <summary>A global admin key created by the directory's bootstrap.</summary>
    public string AdminKey { get; private set; } = "";

    public async Task InitializeAsync()
    {
        await TestServices.RequirePostgresAsync();
        _cluster = await GrainClusterFixture.StartAsync(TestServices.NewServiceId());

        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IGrainFactory>(_cluster.Client);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<UnavailableExceptionHandler>();
        builder.Services.AddAuthentication(Scheme).AddScheme<AuthenticationSchemeOptions, KeyHandler>(Scheme, null);
        builder.Services.AddSingleton<IAuthorizationHandler, PermissionHandler>();
        builder.Services.AddAuthorization(options =>
        {
            options.AddPolicy(EndpointAccess.AuthenticatedPolicy, policy => policy.RequireAuthenticatedUser());
            foreach (var permission in Enum.GetValues<Permission>())
            {
                options.AddPolicy(EndpointAccess.PolicyName(permission), policy => policy
                    .RequireAuthenticatedUser()
                    .AddRequirements(new PermissionRequirement(permission)));
            }
        });

        _app = builder.Build();
        _app.UseExceptionHandler();
        _app.UseAuthentication();
        _app.UseAuthorization();
        _app.MapKeysApi();
        _app.MapGrantsApi();
        _app.MapMeApi();
        await _app.StartAsync();

        var (id, secret, key) = ApiKeyFormat.Generate();
        var bootstrap = new ApiKeyCreate("admin", "tests", ApiKeyKind.Key, null, ApiKeyFormat.Hash(secret),
            [new Grant(Role.Admin)], "test");
        Assert.True(await Grains.GetGrain<IApiKeyDirectoryGrain>(0).Bootstrap(id, bootstrap));
        AdminKey = key;
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _cluster.DisposeAsync();
    }

    /// <summary>Returns a client that sends <paramref name="key"/> as a bearer token, or none when null.</summary>
    public HttpClient Client(string? key)
    {
        var client = _app.GetTestClient();
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return client;
    }

    /// <summary>Authenticates <c>Authorization: Bearer oc_…</c> with the key grain and stores the caller.</summary>
    private sealed class KeyHandler(
        IOptionsMonitor<AuthenticationSchemeOptions> options,
        ILoggerFactory logger,
        UrlEncoder encoder,
        IGrainFactory grains) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            var header = Request.Headers.Authorization.ToString();
            if (!header.StartsWith("Bearer ", StringComparison.Ordinal))
            {
                return AuthenticateResult.NoResult();
            }

            if (!ApiKeyFormat.TryParse(header["Bearer ".Length..], out var id, out var secret))
            {
                return AuthenticateResult.Fail("malformed key");
            }

            var result = await grains.GetGrain<IApiKeyGrain>(id).Authenticate(ApiKeyFormat.Hash(secret));
            if (result.Status != AuthenticationStatus.Authenticated)
            {
                return AuthenticateResult.Fail(result.Status.ToString());
            }

            var key = result.Key!;
            var kind = key.Kind == ApiKeyKind.ServiceToken ? CredentialKind.ServiceToken : CredentialKind.ApiKey;
            Caller.Set(Context, new CallerIdentity(key.Id, key.Name, kind, key.Grants));
            var identity = new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, key.Id)], Scheme.Name);

            return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
        }
    }
}
