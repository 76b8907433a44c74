using System.Net;
using System.Net.Sockets;

namespace Monitor.Jobs.Tests.Support;

/// <summary>
/// A TCP relay on 127.0.0.1 to one upstream port. <see cref="Cut"/> drops every relayed connection and refuses new ones:
/// to the database, the node behind it has died as abruptly as a killed process (no shutdown, no last check-in).
/// </summary>
public sealed class TcpProxy : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly List<TcpClient> _open = [];
    private TcpListener _listener = new(IPAddress.Loopback, 0);
    private CancellationTokenSource _stop = new();
    private Task _accepting;
    private readonly int _port;
    private readonly string _upstreamHost;
    private readonly int _upstreamPort;

    public TcpProxy(string upstreamHost, int upstreamPort)
    {
        _upstreamHost = upstreamHost;
        _upstreamPort = upstreamPort;
        _listener.Start();
        _port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = AcceptAsync();
    }

    public int Port => _port;

    /// <summary>
    /// Listens again on the same port after a <see cref="Cut"/>: the node behind it gets its database back, as an
    /// operator restarting the machine would, and can shut down cleanly.
    /// </summary>
    public async Task HealAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            return;
        }

        await _accepting;
        _stop.Dispose();
        _stop = new CancellationTokenSource();
        _listener = new TcpListener(IPAddress.Loopback, _port);
        _listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public void Cut()
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }

        _stop.Cancel();
        _listener.Stop();
        lock (_gate)
        {
            foreach (var client in _open)
            {
                try
                {
                    // Reset rather than close: the peer sees the connection die mid-conversation.
                    client.Client?.LingerState = new LingerOption(true, 0);
                }
                catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
                {
                    // Already gone.
                }

                client.Dispose();
            }

            _open.Clear();
        }
    }

    public async ValueTask DisposeAsync()
    {
        Cut();
        await _accepting;
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient inbound;
            try
            {
                inbound = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            var outbound = new TcpClient();
            try
            {
                await outbound.ConnectAsync(_upstreamHost, _upstreamPort, _stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException)
            {
                inbound.Dispose();
                outbound.Dispose();
                continue;
            }

            lock (_gate)
            {
                if (_stop.IsCancellationRequested)
                {
                    inbound.Dispose();
                    outbound.Dispose();
                    return;
                }

                _open.Add(inbound);
                _open.Add(outbound);
            }

            _ = RelayAsync(inbound, outbound);
            _ = RelayAsync(outbound, inbound);
        }
    }

    private static async Task RelayAsync(TcpClient from, TcpClient to)
    {
        try
        {
            await from.GetStream().CopyToAsync(to.GetStream());
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or SocketException or InvalidOperationException)
        {
            // The connection was cut.
        }
        finally
        {
            to.Dispose();
            from.Dispose();
        }
    }
}
