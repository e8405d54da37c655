using System.Net;

namespace OrleansConfig.LoadTests.Platform.Options;

/// <summary>
/// Keeps load on the loopback interface unless the operator names another host explicitly: a target
/// whose host is not localhost or a loopback address (127.0.0.0/8, ::1) is rejected unless
/// <c>--allow-target</c> lists that exact host.
/// </summary>
public static class TargetGuard
{
    /// <summary>Returns null when <paramref name="target"/> may be loaded, else the reason it may not.</summary>
    public static string? Check(Uri target, IReadOnlyCollection<string> allowedHosts)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(allowedHosts);

        if (!target.IsAbsoluteUri || target.Scheme is not ("http" or "https"))
        {
            return $"The target '{target}' is not an http or https URL.";
        }

        if (IsLoopback(target.Host))
        {
            return null;
        }

        return allowedHosts.Contains(target.Host, StringComparer.OrdinalIgnoreCase)
            ? null
            : $"The target host '{target.Host}' is not a loopback address. Load goes to 127.0.0.1 unless you "
              + $"name the host explicitly with --allow-target {target.Host}.";
    }

    public static bool IsLoopback(string host)
    {
        ArgumentNullException.ThrowIfNull(host);

        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address);
    }
}
