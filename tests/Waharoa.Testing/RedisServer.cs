using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Waharoa.Testing;

/// <summary>
/// A real <c>redis-server</c> for one test, as a child process on a free 127.0.0.1 port, with nothing saved to disk.
/// It can be stopped (killed, as a crash would) and started again on the same port; disposing kills it. A machine
/// without <c>redis-server</c> fails the test: install it with <c>apt-get install redis-server</c>.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private readonly string _executable;
    private readonly StringBuilder _output = new();
    private Process? _process;

    private RedisServer(string executable, int port)
    {
        _executable = executable;
        Port = port;
    }

    /// <summary>The port it listens on, kept across <see cref="RestartAsync"/>.</summary>
    public int Port { get; }

    /// <summary>Its StackExchange.Redis configuration string.</summary>
    public string Configuration => $"127.0.0.1:{Port}";

    /// <summary>True while the process runs.</summary>
    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Starts a server and waits until it answers PING.</summary>
    public static async Task<RedisServer> StartAsync()
    {
        var executable = Find() ?? throw new InvalidOperationException(
            "redis-server is not installed, and the Redis tests need a real one: apt-get install redis-server.");
        for (var attempt = 1; ; attempt++)
        {
            var server = new RedisServer(executable, FreePort());
            try
            {
                await server.LaunchAsync();
                return server;
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
                // Another process took the port between probing and binding: try another.
                await server.DisposeAsync();
            }
        }
    }

    /// <summary>Kills the server (by its process id) and waits for it to exit.</summary>
    public async Task StopAsync()
    {
        if (_process is not { } process)
        {
            return;
        }

        _process = null;
        try
        {
            process.Kill();
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }

        await process.WaitForExitAsync();
        process.Dispose();
    }

    /// <summary>Starts the server again on the same port, empty, and waits until it answers PING.</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        await LaunchAsync();
    }

    /// <summary>
    /// Adds a Redis user who may use every key and command but no pub/sub channel beyond StackExchange.Redis's own,
    /// and returns a configuration string that connects as that user: Redis refuses its subscriptions.
    /// </summary>
    public async Task<string> ConfigurationForUserWithoutChannelsAsync()
    {
        await CommandAsync("ACL", "SETUSER", "no-channels", "on", ">no-channels-secret", "~*", "+@all", "resetchannels", "&__Booksleeve_MasterChanged");
        return Configuration + ",user=no-channels,password=no-channels-secret";
    }

    /// <summary>
    /// Adds a Redis user who may use every key, command and channel, and returns a configuration string that connects
    /// as that user (for <see cref="TakeChannelsFromAsync"/> later).
    /// </summary>
    public async Task<string> ConfigurationForUserAsync(string user)
    {
        await CommandAsync("ACL", "SETUSER", user, "on", $">{user}-secret", "~*", "+@all", "allchannels");
        return Configuration + $",user={user},password={user}-secret";
    }

    /// <summary>
    /// Takes every channel but StackExchange.Redis's own from <paramref name="user"/>: Redis closes that user's
    /// connections that are subscribed to one, and refuses the subscription when the client makes it again.
    /// </summary>
    public Task TakeChannelsFromAsync(string user) =>
        CommandAsync("ACL", "SETUSER", user, "resetchannels", "&__Booksleeve_MasterChanged");

    /// <summary>Sends one command over a connection of its own and throws unless Redis answers <c>+OK</c>.</summary>
    private async Task CommandAsync(params string[] command)
    {
        var request = new StringBuilder().Append('*').Append(command.Length).Append("\r\n");
        foreach (var part in command)
        {
            request.Append('$').Append(Encoding.UTF8.GetByteCount(part)).Append("\r\n").Append(part).Append("\r\n");
        }

        using var client = new TcpClient();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await client.ConnectAsync(IPAddress.Loopback, Port, timeout.Token);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.UTF8.GetBytes(request.ToString()), timeout.Token);
        var reply = new byte[256];
        var read = await stream.ReadAsync(reply, timeout.Token);
        var text = Encoding.ASCII.GetString(reply, 0, read);
        if (!text.StartsWith("+OK", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"redis-server refused {command[0]} {command[1]}: {text.Trim()}");
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => new(StopAsync());

    private async Task LaunchAsync()
    {
        var start = new ProcessStartInfo(_executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var argument in new[] { "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no" })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start.");
        process.OutputDataReceived += (_, e) => Record(e.Data);
        process.ErrorDataReceived += (_, e) => Record(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        var deadline = Stopwatch.StartNew();
        while (!await AnswersPingAsync())
        {
            if (process.HasExited || deadline.Elapsed > TimeSpan.FromSeconds(15))
            {
                await StopAsync();
                throw new InvalidOperationException($"redis-server on port {Port} did not answer PING:\n{Output()}");
            }

            await Task.Delay(25);
        }
    }

    private async Task<bool> AnswersPingAsync()
    {
        try
        {
            using var client = new TcpClient();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await client.ConnectAsync(IPAddress.Loopback, Port, timeout.Token);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray(), timeout.Token);
            var reply = new byte[7];
            var read = await stream.ReadAsync(reply, timeout.Token);
            return Encoding.ASCII.GetString(reply, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException)
        {
            return false;
        }
    }

    private void Record(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    private string Output()
    {
        lock (_output)
        {
            return _output.ToString();
        }
    }

    private static string? Find() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Append("/usr/bin").Append("/usr/local/bin")
            .Select(folder => Path.Combine(folder, "redis-server"))
            .FirstOrDefault(File.Exists);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
