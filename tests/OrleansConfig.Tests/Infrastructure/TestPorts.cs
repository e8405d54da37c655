using System.Net;
using System.Net.Sockets;

namespace OrleansConfig.Tests.Infrastructure;

/// <summary>
/// Hands out TCP ports for test servers from 20000–32767, below Linux's default ephemeral range
/// (32768–60999). A port that the kernel picked as free can be taken again at once as the source
/// port of an outgoing connection, such as a silo's to Redis. With the default range, the kernel
/// never picks a port below it as a source port.
/// </summary>
public static class TestPorts
{
    private const int First = 20000;
    private const int Count = 12768;

    // A random start keeps two test runs on one machine from walking the same sequence.
    private static int _next = Random.Shared.Next(Count);

    /// <summary>Returns the next port of the range that nothing listens on now.</summary>
    public static int Next()
    {
        for (var attempt = 0; attempt < Count; attempt++)
        {
            var port = First + (Interlocked.Increment(ref _next) % Count);
            if (IsFree(port))
            {
                return port;
            }
        }

        throw new InvalidOperationException($"No free TCP port in {First}–{First + Count - 1}.");
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
