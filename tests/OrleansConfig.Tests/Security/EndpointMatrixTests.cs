using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace OrleansConfig.Tests.Security;

/// <summary>
/// Reads every endpoint the api maps and checks its access rule, then calls each endpoint as each
/// kind of caller on scopes in and out of the caller's grants. Callers are real keys in the key
/// grains, and the endpoints and their grains are real.
/// </summary>
[Collection(SecuredApiCollection.Name)]
public sealed class EndpointMatrixTests(SecuredApiFixture fixture)
{
    private const string Anonymous = "anonymous";
    private const string CallerRule = "authenticated";
    private const string Read = "permission:Read";
    private const string Write = "permission:Write";
    private const string ReadWithin = "permission:Read@WithinNamespace";
    private const string ManageNamespace = "permission:ManageAccess@Namespace";
    private const string ManageGlobal = "permission:ManageAccess@Global";
    private const string Reveal = "permission:RevealSecret";
    private const string AdministerSecrets = "permission:AdministerSecrets";
    private const string AdministerAllSecrets = "permission:AdministerSecrets@Global";

    private const string Configs = "/v1/namespaces/{ns}/environments/{env}/configs";
    private const string Secrets = "/v1/namespaces/{ns}/environments/{env}/secrets";
    private const string Flags = "/v1/namespaces/{ns}/environments/{env}/flags";
    private const string Schemas = "/v1/namespaces/{ns}/schemas";
    private const string Env = "/v1/namespaces/{ns}/environments/{env}";

    /// <summary>Expected status: neither 401 nor 403, and no server error.</summary>
    private const int Permitted = 0;

    /// <summary>Expected status: not 401 and no server error, because the handler may return 403 itself.</summary>
    private const int HandlerDecides = -1;

    /// <summary>The rule each endpoint must carry; a new endpoint fails the test until it is listed here.</summary>
    private static readonly Dictionary<string, string> ExpectedRules = new()
    {
        ["GET /health/live"] = Anonymous,
        ["GET /health/ready"] = Anonymous,
        ["GET /openapi/{documentName}.json"] = Anonymous,
        ["GET /v1/namespaces/"] = CallerRule,
        ["GET /v1/namespaces/{ns}"] = Read,
        ["PUT /v1/namespaces/{ns}"] = ManageGlobal,
        ["GET /v1/namespaces/{ns}/environments"] = ReadWithin,
        ["GET /v1/namespaces/{ns}/environments/{env}"] = Read,
        ["PUT /v1/namespaces/{ns}/environments/{env}"] = ManageNamespace,
        [$"GET {Configs}"] = Read,
        [$"GET {Configs}/{{key}}"] = Read,
        [$"PUT {Configs}/{{key}}"] = Write,
        [$"DELETE {Configs}/{{key}}"] = Write,
        [$"GET {Configs}/{{key}}/versions"] = Read,
        [$"POST {Configs}/{{key}}/rollback"] = Write,
        [$"GET {Flags}/"] = Read,
        [$"GET {Flags}/{{key}}"] = Read,
        [$"PUT {Flags}/{{key}}"] = Write,
        [$"DELETE {Flags}/{{key}}"] = Write,
        [$"GET {Flags}/{{key}}/versions"] = Read,
        [$"POST {Flags}/{{key}}/rollback"] = Write,
        [$"POST {Flags}/{{key}}/archive"] = Write,
        [$"POST {Flags}/{{key}}/restore"] = Write,
        [$"POST {Flags}/{{key}}/lifecycle"] = Write,
        [$"GET {Flags}/{{key}}/schedules"] = Read,
        [$"POST {Flags}/{{key}}/schedules"] = Write,
        [$"PUT {Flags}/{{key}}/schedules/{{id}}"] = Write,
        [$"DELETE {Flags}/{{key}}/schedules/{{id}}"] = Write,
        [$"POST {Flags}/import"] = Write,
        [$"GET {Flags}/export"] = Read,
        [$"GET {Schemas}/"] = Read,
        [$"GET {Schemas}/{{key}}"] = Read,
        [$"PUT {Schemas}/{{key}}"] = Write,
        [$"DELETE {Schemas}/{{key}}"] = Write,
        [$"GET {Schemas}/{{key}}/versions"] = Read,
        [$"GET {Schemas}/{{key}}/drift"] = Read,
        ["GET /v1/namespaces/{ns}/diff"] = ReadWithin,
        [$"POST {Env}/promote"] = Write,
        [$"POST {Env}/plan"] = Write,
        [$"GET {Env}/plans/{{planId}}"] = Read,
        [$"POST {Env}/apply"] = Write,
        [$"PUT {Env}/desired-state"] = Write,
        [$"GET {Env}/desired-state"] = Read,
        [$"DELETE {Env}/desired-state"] = Write,
        [$"GET {Env}/drift"] = Read,
        [$"POST {Env}/drift/check"] = Write,
        [$"GET {Env}/instances/"] = Read,
        [$"POST {Env}/instances/{{instanceId}}/heartbeat"] = Read,
        ["POST /v1/namespaces/{ns}/environments/{env}/import"] = Write,
        ["GET /v1/namespaces/{ns}/environments/{env}/export"] = Read,
        ["GET /v1/namespaces/{ns}/environments/{env}/watch"] = Read,
        [$"GET {Secrets}/"] = Read,
        [$"GET {Secrets}/{{name}}"] = Read,
        [$"PUT {Secrets}/{{name}}"] = Write,
        [$"DELETE {Secrets}/{{name}}"] = Write,
        [$"GET {Secrets}/{{name}}/versions"] = Read,
        [$"POST {Secrets}/{{name}}/rollback"] = Write,
        [$"POST {Secrets}/{{name}}/purge"] = AdministerSecrets,
        [$"GET {Secrets}/{{name}}/value"] = Reveal,
        [$"PUT {Secrets}/{{name}}/rotation"] = Write,
        [$"GET {Secrets}/{{name}}/rotation"] = Read,
        [$"DELETE {Secrets}/{{name}}/rotation"] = Write,
        [$"POST {Secrets}/{{name}}/rotate"] = Write,
        [$"GET {Secrets}/{{name}}/rotation/history"] = Read,
        ["GET /v1/namespaces/{ns}/environments/{env}/secret-rotations"] = Read,
        ["GET /v1/namespaces/{ns}/secret-rotations"] = ReadWithin,
        ["GET /v1/secrets/keyring/"] = AdministerAllSecrets,
        ["POST /v1/secrets/keyring/rotations"] = AdministerAllSecrets,
        ["GET /v1/secrets/keyring/rotations/{id}"] = AdministerAllSecrets,
        ["GET /v1/audit"] = CallerRule,
        ["POST /v1/audit/verify"] = CallerRule,
        ["GET /v1/audit/reports/{ns}"] = CallerRule,
        ["GET /v1/me"] = CallerRule,
        ["GET /v1/keys/"] = CallerRule,
        ["POST /v1/keys/"] = CallerRule,
        ["GET /v1/keys/{id}"] = CallerRule,
        ["DELETE /v1/keys/{id}"] = CallerRule,
        ["PUT /v1/grants/{keyId}"] = "permission:ManageAccess",
        ["DELETE /v1/grants/{keyId}"] = "permission:ManageAccess",
        ["PUT /v1/namespaces/{ns}/grants/{keyId}"] = "permission:ManageAccess",
        ["DELETE /v1/namespaces/{ns}/grants/{keyId}"] = "permission:ManageAccess",
        ["PUT /v1/namespaces/{ns}/environments/{env}/grants/{keyId}"] = "permission:ManageAccess",
        ["DELETE /v1/namespaces/{ns}/environments/{env}/grants/{keyId}"] = "permission:ManageAccess",
        ["POST /ofrep/v1/evaluate/flags/{key}"] = CallerRule,
        ["POST /ofrep/v1/evaluate/flags"] = CallerRule,
        ["GET /ofrep/v1/configuration"] = CallerRule,
    };

    private static readonly (string Ns, string Env)[] Targets = [("alpha", "prod"), ("alpha", "dev"), ("beta", "prod")];

    [Fact]
    public void EveryEndpoint_HasAccessRule()
    {
        var endpoints = MappedEndpoints();
        var unruled = endpoints.Where(e => e.Rule is null).Select(e => e.Name).ToArray();

        Assert.True(unruled.Length == 0, $"endpoints without a policy or AllowAnonymous: {string.Join(", ", unruled)}");
    }

    [Fact]
    public void EveryEndpoint_HasExpectedRule()
    {
        var actual = MappedEndpoints().ToDictionary(e => e.Name, e => e.Rule);
        var differences = ExpectedRules.Keys.Union(actual.Keys)
            .Where(name => ExpectedRules.GetValueOrDefault(name) != actual.GetValueOrDefault(name))
            .Select(name => $"{name}: expected {ExpectedRules.GetValueOrDefault(name) ?? "(not listed)"}, "
                + $"mapped {(actual.TryGetValue(name, out var rule) ? rule ?? "(no rule)" : "(not mapped)")}")
            .ToArray();

        Assert.True(differences.Length == 0, string.Join(Environment.NewLine, differences));
    }

    [Fact]
    public async Task EveryEndpoint_AnswersEachCallerAsExpected()
    {
        var callers = new (string Name, string? Token)[]
        {
            ("anonymous", null), ("expired", fixture.Expired), ("revoked", fixture.Revoked),
            ("viewer", fixture.Viewer), ("operator", fixture.Operator), ("namespace admin", fixture.NamespaceAdmin),
            ("service token", fixture.ServiceToken), ("admin", fixture.Admin),
        };
        var mismatches = new List<string>();

        // Expectations follow the intended rule, so a wrong rule on an endpoint shows up here too.
        var endpoints = MappedEndpoints()
            .Where(e => ExpectedRules.TryGetValue(e.Name, out var rule) && rule != Anonymous)
            .Select(e => e with { Rule = ExpectedRules[e.Name] });
        foreach (var endpoint in endpoints)
        {
            var hasNs = endpoint.Pattern.Contains("{ns}");
            var hasEnv = endpoint.Pattern.Contains("{env}");
            foreach (var (ns, env) in Targets.DistinctBy(t => (hasNs ? t.Ns : "", hasEnv ? t.Env : "")))
            {
                foreach (var (name, token) in callers)
                {
                    var expected = Expected(name, endpoint.Rule!, hasNs ? ns : null, hasEnv ? env : null);
                    var status = await SendAsync(token, endpoint.Method, Fill(endpoint.Pattern, ns, env));
                    if (!Matches(expected, status))
                    {
                        mismatches.Add($"{endpoint.Method} {Fill(endpoint.Pattern, ns, env)} as {name}: "
                            + $"expected {expected}, got {(int)status}");
                    }
                }
            }
        }

        Assert.True(mismatches.Count == 0, string.Join(Environment.NewLine, mismatches));
    }

    /// <summary>
    /// Returns 401, 403, <see cref="Permitted"/>, or <see cref="HandlerDecides"/> for endpoints that
    /// require only a caller and check scopes in their handler.
    /// </summary>
    /// <param name="ns">The route's namespace, or null for an endpoint on the global scope.</param>
    private static int Expected(string caller, string rule, string? ns, string? env)
    {
        if (caller is "anonymous" or "expired" or "revoked")
        {
            return 401;
        }

        if (rule == CallerRule)
        {
            return HandlerDecides;
        }

        var inAlpha = ns == "alpha";
        var allowed = caller switch
        {
            "admin" => true,
            "namespace admin" => inAlpha && rule is not (ManageGlobal or AdministerAllSecrets),
            "operator" => inAlpha && rule is Read or ReadWithin or Write or Reveal,
            "viewer" => inAlpha && rule is Read or ReadWithin,
            "service token" => inAlpha && (rule == ReadWithin || (rule == Read && env == "prod")),
            _ => throw new ArgumentException($"unknown caller {caller}", nameof(caller)),
        };

        return allowed ? Permitted : 403;
    }

    private static bool Matches(int expected, HttpStatusCode status) => expected switch
    {
        Permitted => (int)status is not (401 or 403) and < 500,
        HandlerDecides => (int)status is not 401 and < 500,
        _ => (int)status == expected,
    };

    private async Task<HttpStatusCode> SendAsync(string? token, string method, string path)
    {
        using var client = fixture.Host.CreateClient(token);
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        request.Content = method switch
        {
            "PUT" when path.Contains("/configs/", StringComparison.Ordinal) => JsonContent.Create(new { value = 2 }),
            "PUT" when path.Contains("/secrets/", StringComparison.Ordinal) => JsonContent.Create(new { value = "v" }),
            "POST" when path.EndsWith("/rollback", StringComparison.Ordinal) => JsonContent.Create(new { version = 1 }),
            "POST" => JsonContent.Create(new { imported = 1 }),
            _ => null,
        };
        // Headers only: a watch stream's body never ends.
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);

        return response.StatusCode;
    }

    private static string Fill(string pattern, string ns, string env) =>
        pattern.Replace("{ns}", ns).Replace("{env}", env).Replace("{key}", "k").Replace("{name}", "k")
            .Replace("{id}", "x");

    private List<MappedEndpoint> MappedEndpoints()
    {
        var source = fixture.Host.Services.GetRequiredService<EndpointDataSource>();

        return source.Endpoints.OfType<RouteEndpoint>().SelectMany(endpoint =>
        {
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            var rule = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null
                ? Anonymous
                : endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>()
                    .Select(data => data.Policy)
                    .LastOrDefault(policy => policy is not null);

            return methods.Select(method => new MappedEndpoint(method, endpoint.RoutePattern.RawText!, rule));
        }).ToList();
    }

    private sealed record MappedEndpoint(string Method, string Pattern, string? Rule)
    {
        public string Name => $"{Method} {Pattern}";
    }
}
