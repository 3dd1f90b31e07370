using System.Net;
using Npgsql;

namespace Waharoa.Storage.Postgres;

/// <summary>
/// How a connection string may reach its database: on this machine (a loopback address or a Unix socket) as it is;
/// anywhere else only over TLS (<c>SSL Mode=Require</c>, <c>VerifyCA</c> or <c>VerifyFull</c>), since the store
/// carries tokens, password hashes and encrypted keys, unless the operator allows plain text explicitly.
/// </summary>
public static class PostgresTransport
{
    /// <summary>Checks <paramref name="connectionString"/> before anything connects with it.</summary>
    /// <exception cref="InvalidOperationException">A host is not on this machine and the connection would not use TLS.</exception>
    public static void Check(string connectionString, bool allowPlaintext)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var settings = new NpgsqlConnectionStringBuilder(connectionString);
        if (allowPlaintext || settings.SslMode is SslMode.Require or SslMode.VerifyCA or SslMode.VerifyFull)
        {
            return;
        }

        var remote = Hosts(settings.Host).Where(h => !IsLocal(h)).ToList();
        if (remote.Count > 0)
        {
            throw new InvalidOperationException(
                $"PostgreSQL at {string.Join(", ", remote)} is not on this machine, and the connection string does not ask for TLS (SSL Mode is {settings.SslMode}): " +
                "add SSL Mode=VerifyFull;Root Certificate=<the CA's PEM> (or SSL Mode=Require), or allow plain text explicitly with " +
                "--postgres-allow-plaintext (WAHAROA_POSTGRES_ALLOW_PLAINTEXT=true, Waharoa:Store:AllowPlaintextPostgres).");
        }
    }

    /// <summary>True when <paramref name="host"/> is this machine: <c>localhost</c>, a loopback address, or a Unix socket's folder.</summary>
    public static bool IsLocal(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        if (host.StartsWith('/') || host.StartsWith('@'))
        {
            return true;
        }

        var name = host.Trim('[', ']');
        return string.Equals(name, "localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(name, out var address) && IPAddress.IsLoopback(address));
    }

    // Npgsql takes several hosts, comma-separated, each with an optional port (host:port, [v6]:port).
    private static IEnumerable<string> Hosts(string? hosts) =>
        (hosts ?? "localhost").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(WithoutPort);

    private static string WithoutPort(string host)
    {
        if (host.StartsWith('['))
        {
            var close = host.IndexOf(']', StringComparison.Ordinal);
            return close < 0 ? host : host[..(close + 1)];
        }

        var colon = host.LastIndexOf(':');
        return colon > 0 && host.IndexOf(':', StringComparison.Ordinal) == colon && !host.StartsWith('/') ? host[..colon] : host;
    }
}
