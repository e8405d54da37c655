using System.Data.Common;
using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Orleans.Runtime;
using OrleansConfig.Audit;
using OrleansConfig.Changes;

namespace OrleansConfig.Api.Http;

/// <summary>
/// Turns failures of the cluster or the database into 503 with Retry-After, and bad request bodies
/// into their 4xx status, so a caller sees problem details instead of a hang or a 500.
/// </summary>
public sealed partial class UnavailableExceptionHandler(ILogger<UnavailableExceptionHandler> logger, TimeProvider time)
    : IExceptionHandler
{
    private const int RetryAfterSeconds = 2;

    /// <summary>At most one 503 is logged per second; the others are counted into the next line.</summary>
    private static readonly TimeSpan LogInterval = TimeSpan.FromSeconds(1);

    private long _nextLogTicks;
    private int _suppressed;

    public async ValueTask<bool> TryHandleAsync(
        HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is BadHttpRequestException bad)
        {
            var detail = bad.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? TooLarge(context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize)
                : BindingProblems.Describe(bad.Message);
            await Problems.Create(bad.StatusCode, detail).ExecuteAsync(context);

            return true;
        }

        if (!IsUnavailable(exception))
        {
            return false;
        }

        LogRateLimited(context, exception);
        context.Response.Headers.RetryAfter =
            RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        var unavailable = Find<AuditUnavailableException>(exception) is { } audit
            ? audit.Message
            : $"The cluster could not complete the request ({exception.GetType().Name}); "
                + $"retry after {RetryAfterSeconds} seconds.";
        await Problems.Create(StatusCodes.Status503ServiceUnavailable, unavailable).ExecuteAsync(context);

        return true;
    }

    private static string TooLarge(long? limit) => limit is { } bytes
        ? "The request body is larger than this endpoint's limit of "
            + $"{bytes.ToString("N0", CultureInfo.InvariantCulture)} bytes; send a smaller body."
        : "The request body is larger than this endpoint accepts; send a smaller body.";

    private void LogRateLimited(HttpContext context, Exception exception)
    {
        var now = time.GetUtcNow().UtcTicks;
        var next = Interlocked.Read(ref _nextLogTicks);
        if (now < next || Interlocked.CompareExchange(ref _nextLogTicks, now + LogInterval.Ticks, next) != next)
        {
            Interlocked.Increment(ref _suppressed);
            return;
        }

        var suppressed = Interlocked.Exchange(ref _suppressed, 0);
        LogUnavailable(
            context.Request.Method, context.Request.Path, exception.GetType().Name, exception.Message, suppressed);
    }

    private static T? Find<T>(Exception? exception) where T : Exception => exception switch
    {
        null => null,
        T found => found,
        AggregateException aggregate => aggregate.InnerExceptions.Select(Find<T>).FirstOrDefault(e => e is not null),
        _ => Find<T>(exception.InnerException),
    };

    /// <summary>Failures of the cluster, its storage or the connection to them, as opposed to bugs.</summary>
    public static bool IsUnavailable(Exception exception) => exception switch
    {
        TimeoutException or OrleansException or SiloUnavailableException or DbException => true,
        AuditUnavailableException or ChangeLogConflictException => true,
        OperationCanceledException => true,
        AggregateException aggregate => aggregate.InnerExceptions.All(IsUnavailable),
        _ => exception.GetType().Namespace?.StartsWith("Orleans", StringComparison.Ordinal) == true
            || (exception.InnerException is { } inner && IsUnavailable(inner)),
    };

    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning,
        Message = "{Method} {Path} failed with 503: {ExceptionType}: {ExceptionMessage} ({Suppressed} more 503s since the last line)")]
    private partial void LogUnavailable(
        string method, string path, string exceptionType, string exceptionMessage, int suppressed);
}
