using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace OrleansConfig.Api.Security;

/// <summary>
/// Writes a problem-details response for a failed authorization. A 401 names what is wrong with
/// the credential, and a 403 repeats the reason of the failed requirement.
/// </summary>
public sealed class ProblemAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    public Task HandleAsync(
        RequestDelegate next,
        HttpContext context,
        AuthorizationPolicy policy,
        PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Challenged)
        {
            return CredentialProblems.WriteUnauthorizedAsync(context);
        }

        if (authorizeResult.Forbidden)
        {
            var reason = authorizeResult.AuthorizationFailure?.FailureReasons.FirstOrDefault()?.Message;

            return CredentialProblems.WriteForbiddenAsync(context, reason);
        }

        return next(context);
    }
}
