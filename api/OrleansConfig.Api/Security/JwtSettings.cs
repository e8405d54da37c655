namespace OrleansConfig.Api.Security;

/// <summary>JWT bearer authentication, read from <c>OrleansConfig:Jwt</c>. It is off by default.</summary>
public sealed class JwtSettings
{
    public const string SectionName = "OrleansConfig:Jwt";

    /// <summary>Accepts bearer tokens that are not API keys as JWTs. The default value is false.</summary>
    public bool Enabled { get; set; }

    /// <summary>
    /// The issuer, whose OpenID Connect metadata supplies the signing keys and the expected <c>iss</c>.
    /// </summary>
    public string? Authority { get; set; }

    /// <summary>The expected <c>aud</c> claim; when null, the audience is not checked.</summary>
    public string? Audience { get; set; }

    /// <summary>
    /// A base64 symmetric key (HMAC) that tokens are signed with, for tests and closed setups. When
    /// set without an <see cref="Authority"/>, the issuer is not checked.
    /// </summary>
    public string? SigningKey { get; set; }

    /// <summary>
    /// The claim whose values become grants: <c>admin</c>, <c>operator:ns</c> or
    /// <c>viewer:ns/env</c>. The default value is <c>orleansconfig_grants</c>.
    /// </summary>
    public string RoleClaim { get; set; } = "orleansconfig_grants";
}
