using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;

namespace OrleansConfig.Api.Security;

/// <summary>Registers authentication, authorization and rate limiting, and adds them to the pipeline.</summary>
public static class SecuritySetup
{
    public static void AddOrleansConfigSecurity(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var jwt = builder.Configuration.GetSection(JwtSettings.SectionName).Get<JwtSettings>() ?? new JwtSettings();

        services.AddSingleton<IKeyAuthenticator, GrainKeyAuthenticator>();
        services.AddSingleton<FailedAuthenticationLog>();
        services.AddSingleton<RateLimitLog>();
        services.AddSingleton<IAuthorizationHandler, PermissionHandler>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler,
            ProblemAuthorizationResultHandler>();

        var authentication = services.AddAuthentication(AuthenticationSchemes.Bearer)
            .AddPolicyScheme(AuthenticationSchemes.Bearer, "API key or JWT", options =>
                options.ForwardDefaultSelector = context => AuthenticationSchemes.Select(context, jwt.Enabled))
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(AuthenticationSchemes.ApiKey, null);
        if (jwt.Enabled)
        {
            JwtSetup.AddJwt(authentication, jwt);
        }

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(EndpointAccess.AuthenticatedPolicy, policy => policy.RequireAuthenticatedUser());
        services.Configure<AuthorizationOptions>(options =>
        {
            foreach (var (permission, scope) in EndpointAccess.Policies)
            {
                options.AddPolicy(EndpointAccess.PolicyName(permission, scope), policy => policy
                    .RequireAuthenticatedUser()
                    .AddRequirements(new PermissionRequirement(permission, scope)));
            }
        });

        services.AddOptions<RateLimitSettings>()
            .BindConfiguration(RateLimitSettings.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddRateLimiter(CallerRateLimiter.Configure);
    }

    /// <summary>
    /// Adds authentication, then the rate limiter (which partitions by the authenticated caller),
    /// then authorization. Call it after <c>UseExceptionHandler</c>, so that a grain failure during
    /// authentication becomes 503.
    /// </summary>
    public static void UseOrleansConfigSecurity(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
    }
}
