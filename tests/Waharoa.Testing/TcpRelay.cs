using System.Net;
using System.Net.Sockets;

namespace Waharoa.Testing;

/// <summary>
/// A loopback TCP relay in front of a real server (a database), which a test can cut — closing every relayed
/// connection and refusing new ones, as when the network to the server goes away — and then restore on the same port.
/// </summary>
public sealed class TcpRelay : IAsyncDisposable
{
    private readonly IPEndPoint _target;
    private readonly List<TcpClient> _open = [];
    private readonly Lock _gate = new();
    private TcpListener? _listener;
    private CancellationTokenSource? _accepting;

    private TcpRelay(IPEndPoint target, int port)
    {
        _target = target;
        Port = port;
    }

    /// <summary>The relay's port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>Starts relaying a free loopback port to <paramref name="host"/>:<paramref name="port"/>.</summary>
    public static TcpRelay Start(string host, int port)
    {
        var target = new IPEndPoint(IPAddress.Parse(host == "localhost" ? "127.0.0.1" : host), port);
        var relay = new TcpRelay(target, WaharoaProcess.FreePort());
        relay.Restore();
        return relay;
    }

    /// <summary>Closes every relayed connection and refuses new ones.</summary>
    public void Cut()
    {
        lock (_gate)
        {
            _accepting?.Cancel();
            _listener?.Stop();
            _listener = null;
            foreach (var client in _open)
            {
                client.Close();
            }

            _open.Clear();
        }
    }

    /// <summary>Accepts and relays connections again, on the same port.</summary>
    public void Restore()
    {
        lock (_gate)
        {
            _accepting = new CancellationTokenSource();
            _listener = new TcpListener(IPAddress.Loopback, Port);
            _listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            _listener.Start();
            _ = AcceptAsync(_listener, _accepting.Token);
        }
    }

    public ValueTask DisposeAsync()
    {
        Cut();
        return ValueTask.CompletedTask;
    }

    private async Task AcceptAsync(TcpListener listener, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            TcpClient inbound;
            try
            {
                inbound = await listener.AcceptTcpClientAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            var outbound = new TcpClient();
            try
            {
                await outbound.ConnectAsync(_target, cancellationToken);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException)
            {
                inbound.Close();
                outbound.Close();
                continue;
            }

            lock (_gate)
            {
                _open.Add(inbound);
                _open.Add(outbound);
            }

            _ = PumpAsync(inbound, outbound);
            _ = PumpAsync(outbound, inbound);
        }
    }

    private static async Task PumpAsync(TcpClient from, TcpClient to)
    {
        try
        {
            await from.GetStream().CopyToAsync(to.GetStream());
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or InvalidOperationException)
        {
            // The relay was cut or a side closed.
        }
        finally
        {
            from.Close();
            to.Close();
        }
    }
}
