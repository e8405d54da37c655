using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace OrleansConfig.Api.Security;

/// <summary>
/// Answers a failed authorization with problem details: 401 says what is missing about the
/// credential, 403 repeats the reason of the failed requirement.
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
