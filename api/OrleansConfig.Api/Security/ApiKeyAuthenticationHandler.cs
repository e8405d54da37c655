using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using OrleansConfig.Identity;

namespace OrleansConfig.Api.Security;

/// <summary>
/// Authenticates <c>Authorization: Bearer oc_…</c> (or the key in <c>X-API-Key</c>, see
/// <see cref="AuthenticationSchemes.TryReadApiKey"/>) with one call to the key's grain per request.
/// A failure of the grain call propagates, so the exception handler turns it into 503.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    IKeyAuthenticator keys,
    FailedAuthenticationLog failures)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        // Anonymous endpoints (health, OpenAPI) skip the lookup, so probes never depend on key grains.
        var anonymous = Context.GetEndpoint()?.Metadata.GetMetadata<IAllowAnonymous>() is not null;
        if (anonymous || !AuthenticationSchemes.HasCredential(Request))
        {
            return AuthenticateResult.NoResult();
        }

        if (!AuthenticationSchemes.TryReadApiKey(Request, out var token)
            || !BearerKey.TryParse(token, out var id, out var hash))
        {
            return Reject(null, CredentialProblems.NotAccepted, "malformed");
        }

        var result = await keys.AuthenticateAsync(id, hash);

        return result.Status switch
        {
            AuthenticationStatus.Authenticated when result.Key is { } key => Accept(key),
            AuthenticationStatus.Expired => Reject(id, CredentialProblems.Expired, "expired"),
            AuthenticationStatus.Revoked => Reject(id, CredentialProblems.Revoked, "revoked"),
            _ => Reject(id, CredentialProblems.NotAccepted, "invalid"),
        };
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        CredentialProblems.WriteUnauthorizedAsync(Context);

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        CredentialProblems.WriteForbiddenAsync(Context, null);

    private AuthenticateResult Accept(ApiKeyInfo key)
    {
        var kind = key.Kind == ApiKeyKind.ServiceToken ? CredentialKind.ServiceToken : CredentialKind.ApiKey;
        Caller.Set(Context, new CallerIdentity(key.Id, key.Name, kind, key.Grants));
        Claim[] claims = [new("sub", key.Id), new("name", key.Name), new("credential_kind", kind.ToString())];
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme.Name, "name", null));

        return AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
    }

    /// <param name="keyId">The key id when the token parsed; never the secret or the whole token.</param>
    private AuthenticateResult Reject(string? keyId, string detail, string outcome)
    {
        CredentialProblems.RecordFailure(Context, detail);
        failures.Record(keyId, outcome, Context.Connection.RemoteIpAddress?.ToString());

        return AuthenticateResult.Fail(detail);
    }
}
