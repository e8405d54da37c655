using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using OrleansConfig.Identity;

namespace OrleansConfig.Api.Security;

/// <summary>
/// A token bucket per caller: per key id or token subject once authenticated, per client address
/// otherwise. It runs after authentication, so a caller is known when the bucket is chosen.
/// </summary>
/// <remarks>
/// NOTE: because authentication runs first, a request with an invalid key costs one key grain call
/// even when the address's bucket then rejects it.
/// </remarks>
public static class CallerRateLimiter
{
    public static void Configure(RateLimiterOptions options)
    {
        options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(Partition);
        options.OnRejected = async (context, cancellationToken) =>
        {
            var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait)
                ? wait
                : TimeSpan.FromSeconds(1);
            LogRejected(context.HttpContext);
            await CredentialProblems.WriteTooManyRequestsAsync(context.HttpContext, retryAfter);
        };
    }

    private static RateLimitPartition<string> Partition(HttpContext context)
    {
        var settings = context.RequestServices.GetRequiredService<IOptions<RateLimitSettings>>().Value;
        var key = PartitionKey(context);
        if (settings.PermitsPerSecond == 0)
        {
            return RateLimitPartition.GetNoLimiter(key);
        }

        return RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = settings.Burst,
            TokensPerPeriod = settings.PermitsPerSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }

    private static string PartitionKey(HttpContext context) => context.Features.Get<CallerIdentity>() is { } caller
        ? $"{caller.Kind}:{caller.Id}"
        : $"address:{context.Connection.RemoteIpAddress}";

    private static void LogRejected(HttpContext context)
    {
        var log = context.RequestServices.GetRequiredService<RateLimitLog>();
        log.Record(PartitionKey(context), context.Request.Method, context.Request.Path);
    }
}
