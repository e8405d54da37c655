using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using OrleansConfig.Api.Flags.Evaluation;

namespace OrleansConfig.Api.Flags.Ofrep;

/// <summary>
/// The entity tag of a bulk evaluation: the environment's flag revision and a hash of the environment
/// and the request body, so a 304 needs no evaluation and a client that changes its context gets new
/// results. When some flag's rule may read <c>$flagd.timestamp</c>, the current second is part of the
/// tag too, because such results can change without a flag change.
/// </summary>
internal static class OfrepETag
{
    public static string For(OfrepScope scope, EnvironmentFlags flags, byte[] body, TimeProvider time)
    {
        var scopeBytes = Encoding.UTF8.GetBytes($"{scope.Namespace}/{scope.Environment}\n");
        var input = new byte[scopeBytes.Length + body.Length];
        scopeBytes.CopyTo(input, 0);
        body.CopyTo(input, scopeBytes.Length);
        var hash = Convert.ToHexStringLower(SHA256.HashData(input).AsSpan(0, 8));
        var revision = flags.Revision.ToString(CultureInfo.InvariantCulture);
        if (!flags.MayReadTimestamp)
        {
            return $"\"f{revision}-{hash}\"";
        }

        var second = time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

        return $"\"f{revision}-{hash}-t{second}\"";
    }
}
