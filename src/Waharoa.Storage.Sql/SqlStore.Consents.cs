using Waharoa.Grants;

namespace Waharoa.Storage.Sql;

public abstract partial class SqlStore
{
    /// <inheritdoc />
    public async Task<DateTimeOffset?> FindConsentAsync(string logon, string clientId, CancellationToken cancellationToken)
    {
        var found = await ListAsync(
            "SELECT granted_at FROM consents WHERE {SameLogon} AND client_id = @client",
            r => Time(r, 0),
            cancellationToken,
            ("@logon", logon),
            ("@client", clientId)).ConfigureAwait(false);
        return found.Count == 0 ? null : found[0];
    }

    /// <inheritdoc />
    public Task GrantConsentAsync(string logon, string clientId, DateTimeOffset at, CancellationToken cancellationToken) =>
        ExecuteAsync(
            "INSERT INTO consents (logon, client_id, granted_at) VALUES (@logon, @client, @at) ON CONFLICT ({LogonKey}, client_id) DO UPDATE SET granted_at = excluded.granted_at",
            cancellationToken,
            ("@logon", logon),
            ("@client", clientId),
            ("@at", UnixMs(at)));

    /// <inheritdoc />
    public Task<bool> RevokeConsentAsync(string logon, string clientId, DateTimeOffset at, CancellationToken cancellationToken) =>
        WriteAsync(
            async (s, ct) =>
            {
                var removed = await s.ExecuteAsync("DELETE FROM consents WHERE {SameLogon} AND client_id = @client", ct, ("@logon", logon), ("@client", clientId)).ConfigureAwait(false) == 1;
                await s.ExecuteAsync(
                    "UPDATE grants SET revoked_at = @at WHERE {SameLogon} AND client_id = @client AND revoked_at IS NULL",
                    ct,
                    ("@logon", logon),
                    ("@client", clientId),
                    ("@at", UnixMs(at))).ConfigureAwait(false);
                return removed;
            },
            cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<(string Logon, string ClientId, DateTimeOffset GrantedAt)>> ListConsentsAsync(CancellationToken cancellationToken) =>
        ListAsync("SELECT logon, client_id, granted_at FROM consents ORDER BY {LogonKey}, client_id", r => (r.GetString(0), r.GetString(1), Time(r, 2)), cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<TokenStatus>> ListActiveTokensAsync(string? logon, string? clientId, DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var filters = (logon is null ? "" : " AND {SameLogon}") + (clientId is null ? "" : " AND g.client_id = @client");
        var parameters = new List<(string, object?)> { ("@now", UnixMs(now)), ("@limit", limit) };
        if (logon is not null)
        {
            parameters.Add(("@logon", logon));
        }

        if (clientId is not null)
        {
            parameters.Add(("@client", clientId));
        }

        return ListAsync(
            $"""
            SELECT t.jti, t.grant_id, t.kind, t.issued_at, t.expires_at, t.revoked_at,
                   g.client_id, g.logon, g.scope, g.endpoint, g.created_at, g.revoked_at
            FROM tokens t JOIN grants g ON g.grant_id = t.grant_id
            WHERE t.revoked_at IS NULL AND t.expires_at > @now AND g.revoked_at IS NULL{filters}
            ORDER BY t.issued_at DESC, t.jti
            LIMIT @limit
            """,
            ReadTokenStatus,
            cancellationToken,
            [.. parameters]);
    }
}
