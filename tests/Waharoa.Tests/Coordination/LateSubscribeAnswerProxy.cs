using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Text;

namespace Waharoa.Tests.Coordination;

/// <summary>
/// A TCP proxy on 127.0.0.1 in front of a real Redis that passes every byte through, but holds Redis's answer to the
/// first SUBSCRIBE to the coordination channel for <c>hold</c>: longer than the client waits, as a Redis busy for a moment
/// would. Disposing it closes every connection it made.
/// </summary>
internal sealed class LateSubscribeAnswerProxy : IAsyncDisposable
{
    private static readonly byte[] Channel = Encoding.ASCII.GetBytes("waharoa:coordination");

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<TcpClient> _connections = [];
    private readonly int _redisPort;
    private readonly TimeSpan _hold;
    private readonly Task _accepting;
    private int _held;

    private LateSubscribeAnswerProxy(int redisPort, TimeSpan hold)
    {
        _redisPort = redisPort;
        _hold = hold;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>True once an answer to the channel's SUBSCRIBE has been held and passed on.</summary>
    public bool HeldAnAnswer => Volatile.Read(ref _held) == 2;

    public static LateSubscribeAnswerProxy Start(int redisPort, TimeSpan hold) => new(redisPort, hold);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        lock (_connections)
        {
            foreach (var connection in _connections)
            {
                connection.Dispose();
            }
        }

        try
        {
            await _accepting;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            var redis = new TcpClient();
            lock (_connections)
            {
                _connections.Add(client);
                _connections.Add(redis);
            }

            await redis.ConnectAsync(IPAddress.Loopback, _redisPort, _stop.Token);
            var holdNextAnswer = new StrongBox<bool>();
            _ = PumpAsync(client.GetStream(), redis.GetStream(), toRedis: true, holdNextAnswer);
            _ = PumpAsync(redis.GetStream(), client.GetStream(), toRedis: false, holdNextAnswer);
        }
    }

    private async Task PumpAsync(NetworkStream from, NetworkStream to, bool toRedis, StrongBox<bool> holdNextAnswer)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await from.ReadAsync(buffer, _stop.Token)) > 0)
            {
                var chunk = buffer.AsSpan(0, read);
                if (toRedis && chunk.IndexOf("SUBSCRIBE"u8) >= 0 && chunk.IndexOf(Channel) >= 0 && Interlocked.CompareExchange(ref _held, 1, 0) == 0)
                {
                    // Marked before Redis can answer: the answer is the next thing read the other way.
                    Volatile.Write(ref holdNextAnswer.Value, true);
                }
                else if (!toRedis && Volatile.Read(ref holdNextAnswer.Value))
                {
                    Volatile.Write(ref holdNextAnswer.Value, false);
                    await Task.Delay(_hold, _stop.Token);
                    Volatile.Write(ref _held, 2);
                }

                await to.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // A side closed, or the proxy is stopping.
        }
        finally
        {
            from.Close();
            to.Close();
        }
    }
}
