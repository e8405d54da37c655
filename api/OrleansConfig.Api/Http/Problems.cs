namespace OrleansConfig.Api.Http;

/// <summary>Problem-details responses (RFC 9457) with a title per status and a detail naming the fix.</summary>
public static class Problems
{
    public static IResult Create(int status, string detail, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: TitleOf(status), extensions: extensions);

    public static IResult BadRequest(string detail) => Create(StatusCodes.Status400BadRequest, detail);

    public static IResult NotFound(string detail) => Create(StatusCodes.Status404NotFound, detail);

    /// <summary>A 503 with <c>Retry-After</c>, for a dependency that is expected back soon.</summary>
    public static IResult Unavailable(string detail, int retryAfterSeconds = 2) =>
        new RetryAfterResult(Create(StatusCodes.Status503ServiceUnavailable, detail), retryAfterSeconds);

    private sealed class RetryAfterResult(IResult inner, int seconds) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.RetryAfter =
                seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);

            return inner.ExecuteAsync(httpContext);
        }
    }

    private static string TitleOf(int status) => status switch
    {
        400 => "Invalid request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not found",
        405 => "Method not allowed",
        409 => "Conflict",
        410 => "Gone",
        412 => "Precondition failed",
        413 => "Content too large",
        415 => "Unsupported media type",
        422 => "Unprocessable content",
        429 => "Too many requests",
        500 => "Internal server error",
        502 => "Bad gateway",
        503 => "Service unavailable",
        _ => "Error",
    };
}
