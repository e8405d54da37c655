using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace OrleansConfig.Api.Security;

/// <summary>Adds the JWT bearer scheme that callers of an external identity provider use.</summary>
public static class JwtSetup
{
    public static void AddJwt(AuthenticationBuilder authentication, JwtSettings settings)
    {
        authentication.AddJwtBearer(AuthenticationSchemes.Jwt, options =>
        {
            // Keeps "sub", "name" and the role claim under their JWT names instead of the long
            // ClaimTypes URIs.
            options.MapInboundClaims = false;
            options.Authority = settings.Authority;
            options.TokenValidationParameters = CreateValidation(settings);
            options.Events = new JwtBearerEvents
            {
                OnTokenValidated = context => SetCaller(context, settings.RoleClaim),
                OnAuthenticationFailed = context =>
                {
                    CredentialProblems.RecordFailure(context.HttpContext, CredentialProblems.NotAccepted);

                    return Task.CompletedTask;
                },
                OnChallenge = async context =>
                {
                    context.HandleResponse();
                    await CredentialProblems.WriteUnauthorizedAsync(context.HttpContext);
                },
            };
        });
    }

    private static TokenValidationParameters CreateValidation(JwtSettings settings)
    {
        var validation = new TokenValidationParameters
        {
            ValidateAudience = settings.Audience is not null,
            ValidAudience = settings.Audience,
            ValidateIssuer = settings.Authority is not null,
            NameClaimType = "name",
        };
        if (settings.SigningKey is not null)
        {
            validation.IssuerSigningKey = new SymmetricSecurityKey(Convert.FromBase64String(settings.SigningKey));
        }

        return validation;
    }

    private static Task SetCaller(TokenValidatedContext context, string roleClaim)
    {
        if (context.Principal is null || JwtGrants.ToCaller(context.Principal, roleClaim) is not { } caller)
        {
            CredentialProblems.RecordFailure(context.HttpContext, CredentialProblems.NotAccepted);
            context.Fail("The token has no 'sub' claim.");

            return Task.CompletedTask;
        }

        Caller.Set(context.HttpContext, caller);

        return Task.CompletedTask;
    }
}
