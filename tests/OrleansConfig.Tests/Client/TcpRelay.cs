using System.Net;
using System.Net.Sockets;

namespace OrleansConfig.Tests.Client;

/// <summary>
/// Forwards TCP connections from a fixed port on 127.0.0.1 to a target port, and can drop every open
/// connection and stop listening, so a test cuts a client off from the api and lets it back later.
/// </summary>
internal sealed class TcpRelay : IAsyncDisposable
{
    private readonly int _targetPort;
    private readonly Lock _gate = new();
    private readonly List<TcpClient> _connections = [];
    private TcpListener? _listener;

    public TcpRelay(int targetPort)
    {
        _targetPort = targetPort;
        Port = Infrastructure.TestPorts.Next();
    }

    public int Port { get; }

    public Uri Address => new($"http://127.0.0.1:{Port}");

    public void Start()
    {
        var listener = new TcpListener(IPAddress.Loopback, Port);
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start();
        _listener = listener;
        _ = AcceptAsync(listener);
    }

    /// <summary>Stops listening and closes every open connection, as a crashed api would.</summary>
    public void Stop()
    {
        _listener?.Stop();
        _listener = null;
        lock (_gate)
        {
            foreach (var connection in _connections)
            {
                connection.Dispose();
            }

            _connections.Clear();
        }
    }

    public ValueTask DisposeAsync()
    {
        Stop();

        return ValueTask.CompletedTask;
    }

    private async Task AcceptAsync(TcpListener listener)
    {
        while (true)
        {
            TcpClient inbound;
            try
            {
                inbound = await listener.AcceptTcpClientAsync();
            }
            catch (Exception exception)
                when (exception is SocketException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = RelayAsync(inbound);
        }
    }

    private async Task RelayAsync(TcpClient inbound)
    {
        using var outbound = new TcpClient();
        try
        {
            await outbound.ConnectAsync(IPAddress.Loopback, _targetPort);
            lock (_gate)
            {
                _connections.Add(inbound);
                _connections.Add(outbound);
            }

            var up = inbound.GetStream().CopyToAsync(outbound.GetStream());
            var down = outbound.GetStream().CopyToAsync(inbound.GetStream());
            await Task.WhenAny(up, down);
        }
        catch (Exception exception) when (exception is SocketException or IOException or ObjectDisposedException)
        {
            // A dropped connection ends the relay of this pair.
        }
        finally
        {
            inbound.Dispose();
        }
    }
}
