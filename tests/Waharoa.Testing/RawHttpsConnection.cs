using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Waharoa.Testing;

/// <summary>
/// One TLS connection to an endpoint on which a test writes the request bytes by hand: for requests no HTTP client
/// sends (a malformed body, a forbidden method, a header HttpClient refuses) and for hanging up mid-request.
/// </summary>
public sealed class RawHttpsConnection : IAsyncDisposable
{
    private readonly TcpClient _tcp;
    private readonly SslStream _tls;
    private readonly MemoryStream _received = new();

    private RawHttpsConnection(TcpClient tcp, SslStream tls)
    {
        _tcp = tcp;
        _tls = tls;
    }

    /// <summary>Connects to <paramref name="endpoint"/> of <paramref name="host"/>, presenting <paramref name="certificate"/> if given.</summary>
    public static async Task<RawHttpsConnection> OpenAsync(WaharoaEndpoints host, Uri endpoint, X509Certificate2? certificate = null)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(endpoint);
        var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, endpoint.Port);
        var tls = new SslStream(tcp.GetStream());
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = "localhost",
            ClientCertificates = certificate is null ? null : [certificate],
            LocalCertificateSelectionCallback = certificate is null ? null : (_, _, _, _, _) => certificate,
            RemoteCertificateValidationCallback = (_, cert, _, _) => host.TrustsServer(cert as X509Certificate2),
        });
        return new RawHttpsConnection(tcp, tls);
    }

    /// <summary>Writes <paramref name="text"/> as UTF-8, as it stands (line ends included).</summary>
    public Task WriteAsync(string text) => WriteAsync(Encoding.UTF8.GetBytes(text));

    public async Task WriteAsync(ReadOnlyMemory<byte> bytes)
    {
        await _tls.WriteAsync(bytes);
        await _tls.FlushAsync();
    }

    /// <summary>Ends the request side: TLS close_notify, then a TCP half-close; the server may still answer.</summary>
    public async Task HalfCloseAsync()
    {
        await _tls.ShutdownAsync();
        _tcp.Client.Shutdown(SocketShutdown.Send);
    }

    /// <summary>Hangs up: closes the connection at once, with a TCP reset, as a client that crashed or gave up.</summary>
    public void Abort()
    {
        _tcp.Client.LingerState = new LingerOption(true, 0);
        _tcp.Client.Close();
    }

    /// <summary>
    /// Reads one response (head, then a <c>Content-Length</c> or chunked body); null when the server closed the
    /// connection without answering. Fails after <paramref name="patience"/> (default 10 s).
    /// </summary>
    public async Task<RawResponse?> ReadResponseAsync(TimeSpan? patience = null)
    {
        using var timeout = new CancellationTokenSource(patience ?? TimeSpan.FromSeconds(10));
        if (await ReadUntilAsync(0, "\r\n\r\n"u8.ToArray(), timeout.Token) is not { } headEnd)
        {
            return null;
        }

        var head = Encoding.Latin1.GetString(_received.GetBuffer(), 0, headEnd).Split("\r\n");
        var status = int.Parse(head[0].Split(' ')[1], CultureInfo.InvariantCulture);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in head.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            headers[line[..colon]] = line[(colon + 1)..].Trim();
        }

        var position = headEnd + 4;
        using var body = new MemoryStream();
        if (headers.TryGetValue("Transfer-Encoding", out var coding) && coding.Contains("chunked", StringComparison.OrdinalIgnoreCase))
        {
            while (true)
            {
                var sizeEnd = await ReadUntilAsync(position, "\r\n"u8.ToArray(), timeout.Token) ?? throw Short();
                var size = int.Parse(Encoding.Latin1.GetString(_received.GetBuffer(), position, sizeEnd - position), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                position = sizeEnd + 2;
                await ReadAtLeastAsync(position + size + 2, timeout.Token);
                body.Write(_received.GetBuffer(), position, size);
                position += size + 2;
                if (size == 0)
                {
                    break;
                }
            }
        }
        else
        {
            var length = headers.TryGetValue("Content-Length", out var value) ? int.Parse(value, CultureInfo.InvariantCulture) : 0;
            await ReadAtLeastAsync(position + length, timeout.Token);
            body.Write(_received.GetBuffer(), position, length);
        }

        return new RawResponse(status, headers, Encoding.UTF8.GetString(body.GetBuffer(), 0, (int)body.Length));
    }

    public async ValueTask DisposeAsync()
    {
        await _tls.DisposeAsync();
        _tcp.Dispose();
        await _received.DisposeAsync();
    }

    private async Task<bool> ReceiveAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[4096];
        int read;
        try
        {
            read = await _tls.ReadAsync(buffer, cancellationToken);
        }
        catch (IOException)
        {
            return false;
        }

        _received.Write(buffer, 0, read);
        return read > 0;
    }

    /// <summary>Where <paramref name="marker"/> starts at or after <paramref name="from"/>, receiving until it does; null when the connection ends first.</summary>
    private async Task<int?> ReadUntilAsync(int from, byte[] marker, CancellationToken cancellationToken)
    {
        int found;
        while ((found = _received.GetBuffer().AsSpan(from, (int)_received.Length - from).IndexOf(marker)) < 0)
        {
            if (!await ReceiveAsync(cancellationToken))
            {
                return null;
            }
        }

        return from + found;
    }

    private async Task ReadAtLeastAsync(int length, CancellationToken cancellationToken)
    {
        while (_received.Length < length)
        {
            if (!await ReceiveAsync(cancellationToken))
            {
                throw Short();
            }
        }
    }

    private static IOException Short() => new("The connection closed before the end of the response.");
}
