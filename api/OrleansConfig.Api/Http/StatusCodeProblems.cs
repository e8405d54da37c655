using Microsoft.AspNetCore.Diagnostics;

namespace OrleansConfig.Api.Http;

/// <summary>
/// Gives the empty error responses that routing produces (no endpoint, method not allowed) a
/// problem-details body whose detail names the request and where the valid paths are listed.
/// </summary>
public static class StatusCodeProblems
{
    public static Task WriteAsync(StatusCodeContext context)
    {
        var http = context.HttpContext;
        var request = http.Request;
        var detail = http.Response.StatusCode switch
        {
            StatusCodes.Status404NotFound =>
                $"No endpoint matches {request.Method} {request.Path}; the API's paths are listed at /openapi/v1.json.",
            StatusCodes.Status405MethodNotAllowed =>
                $"{request.Method} is not allowed on {request.Path}; "
                + "each path's methods are listed at /openapi/v1.json.",
            StatusCodes.Status415UnsupportedMediaType =>
                $"The content type '{request.ContentType}' is not accepted on {request.Path}.",
            _ => $"The request {request.Method} {request.Path} failed with status {http.Response.StatusCode}.",
        };

        return Problems.Create(http.Response.StatusCode, detail).ExecuteAsync(http);
    }
}
