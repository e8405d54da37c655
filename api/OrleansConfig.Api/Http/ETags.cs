using System.Globalization;
using Microsoft.Extensions.Primitives;
using OrleansConfig.Configuration;

namespace OrleansConfig.Api.Http;

/// <summary>
/// Entity tags: a key's is its version, <c>"7"</c>; an environment's is its revision, <c>"r42"</c>.
/// </summary>
public static class ETags
{
    public static string ForVersion(int version) => $"\"{version}\"";

    public static string ForRevision(long revision) => $"\"r{revision}\"";

    /// <summary>
    /// Reads If-Match and If-None-Match into write conditions; returns an error message for a header
    /// that is neither <c>*</c> nor one version tag.
    /// </summary>
    public static (WriteConditions Conditions, string? Error) ReadConditions(HttpRequest request)
    {
        var ifNoneMatch = request.Headers.IfNoneMatch;
        if (!StringValues.IsNullOrEmpty(ifNoneMatch) && ifNoneMatch.ToString().Trim() != "*")
        {
            return (WriteConditions.None, $"If-None-Match '{ifNoneMatch}' is not supported on writes; "
                + "send If-None-Match: * to create the key only when it does not exist.");
        }

        var ifMatch = request.Headers.IfMatch.ToString().Trim();
        var noneMatchAny = !StringValues.IsNullOrEmpty(ifNoneMatch);
        if (ifMatch.Length == 0)
        {
            return (new WriteConditions(IfNoneMatchAny: noneMatchAny), null);
        }

        if (ifMatch == "*")
        {
            return (new WriteConditions(IfNoneMatchAny: noneMatchAny, IfMatchAny: true), null);
        }

        if (ifMatch.StartsWith("W/", StringComparison.Ordinal))
        {
            return (WriteConditions.None, $"If-Match '{ifMatch}' is a weak tag, and If-Match compares strong tags "
                + "only; send the key's ETag without W/, for example If-Match: \"3\".");
        }

        return TryParseVersion(ifMatch, out var version)
            ? (new WriteConditions(version, noneMatchAny), null)
            : (WriteConditions.None, $"If-Match '{ifMatch}' is not a version tag; send the ETag of the key, "
                + "for example If-Match: \"3\".");
    }

    public static bool TryParseVersion(string tag, out int version)
    {
        var text = tag.StartsWith("W/", StringComparison.Ordinal) ? tag[2..] : tag;
        if (text.Length < 3 || text[0] != '"' || text[^1] != '"')
        {
            version = 0;

            return false;
        }

        text = text[1..^1];

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out version) && version > 0;
    }

    /// <summary>Returns true when If-None-Match names <paramref name="etag"/> or is <c>*</c>.</summary>
    public static bool NoneMatchHits(HttpRequest request, string etag)
    {
        foreach (var value in request.Headers.IfNoneMatch)
        {
            var tags = (value ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            foreach (var tag in tags)
            {
                if (tag == "*" || tag == etag || tag == "W/" + etag)
                {
                    return true;
                }
            }
        }

        return false;
    }
}
