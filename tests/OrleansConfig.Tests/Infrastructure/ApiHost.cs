using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OrleansConfig.Api.Security;

namespace OrleansConfig.Tests.Infrastructure;

/// <summary>
/// The api in this process on Kestrel at 127.0.0.1, with its development-mode silo (real grains,
/// in-memory storage) and, unless <c>useKeyGrains</c> is set, a <see cref="FakeKeyAuthenticator"/>
/// in place of the key grains.
/// </summary>
public sealed class ApiHost : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings = new() { ["OrleansConfig:InMemory"] = "true" };
    private readonly bool _useKeyGrains;

    public ApiHost(IDictionary<string, string?>? settings = null, bool useKeyGrains = false)
    {
        _useKeyGrains = useKeyGrains;
        foreach (var (name, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[name] = value;
        }

        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
    }

    public FakeKeyAuthenticator Keys { get; } = new();

    /// <summary>
    /// Returns a client that sends <paramref name="token"/> as its bearer credential, or none when it is null.
    /// </summary>
    public HttpClient CreateClient(string? token)
    {
        var client = CreateClient();
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        foreach (var (name, value) in _settings)
        {
            builder.UseSetting(name, value);
        }

        if (!_useKeyGrains)
        {
            builder.ConfigureTestServices(services => services.AddSingleton<IKeyAuthenticator>(Keys));
        }
    }

    protected override IHost CreateHost(IHostBuilder builder)
    {
        // The development-mode silo reads its ports from the environment; free ones keep parallel
        // test runs on one machine apart. The variables are restored once the host is built.
        string[] names = ["ORLEANSCONFIG_SILO_PORT", "ORLEANSCONFIG_GATEWAY_PORT"];
        var saved = names.Select(Environment.GetEnvironmentVariable).ToArray();
        foreach (var name in names)
        {
            var port = TestPorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture);
            Environment.SetEnvironmentVariable(name, port);
        }

        try
        {
            return base.CreateHost(builder);
        }
        finally
        {
            for (var i = 0; i < names.Length; i++)
            {
                Environment.SetEnvironmentVariable(names[i], saved[i]);
            }
        }
    }
}
