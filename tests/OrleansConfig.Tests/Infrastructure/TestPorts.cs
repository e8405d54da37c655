using System.Net;
using System.Net.Sockets;

namespace OrleansConfig.Tests.Infrastructure;

/// <summary>
/// Hands out TCP ports for test servers from 20000–32767, below Linux's default ephemeral range
/// (32768–60999). A port that the kernel picked as free can be taken again at once as the source
/// port of an outgoing connection, such as a silo's to Redis. With the default range, the kernel
/// never picks a port below it as a source port. <c>ORLEANSCONFIG_TEST_PORTS</c> (for example
/// <c>36000-36999</c>) replaces the range, for machines where several test runs must keep apart.
/// </summary>
public static class TestPorts
{
    private static readonly (int First, int Count) Range = ReadRange();

    // A random start keeps two test runs on one machine from walking the same sequence.
    private static int _next = Random.Shared.Next(Range.Count);

    /// <summary>Returns the next port of the range that nothing listens on now.</summary>
    public static int Next()
    {
        var (first, count) = Range;
        for (var attempt = 0; attempt < count; attempt++)
        {
            var port = first + (Interlocked.Increment(ref _next) % count);
            if (IsFree(port))
            {
                return port;
            }
        }

        throw new InvalidOperationException($"No free TCP port in {first}–{first + count - 1}.");
    }

    private static (int First, int Count) ReadRange()
    {
        var text = Environment.GetEnvironmentVariable("ORLEANSCONFIG_TEST_PORTS");
        if (string.IsNullOrEmpty(text))
        {
            return (20000, 12768);
        }

        var bounds = text.Split('-');
        if (bounds.Length != 2 || !int.TryParse(bounds[0], out var first) || !int.TryParse(bounds[1], out var last)
            || first < 1024 || last > 65535 || last < first)
        {
            throw new InvalidOperationException(
                $"ORLEANSCONFIG_TEST_PORTS '{text}' is not a port range; send two ports as FIRST-LAST, "
                + "for example 36000-36999.");
        }

        return (first, last - first + 1);
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();

            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
