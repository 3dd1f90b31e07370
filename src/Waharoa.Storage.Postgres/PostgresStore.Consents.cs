namespace Waharoa.Storage.Postgres;

public sealed partial class PostgresStore
{
    /// <inheritdoc />
    public async Task<bool> HasConsentAsync(string logon, string clientId, CancellationToken cancellationToken) =>
        await SingleAsync(
            $"SELECT client_id FROM consents WHERE {SameLogon} AND client_id = @client",
            r => r.GetString(0),
            cancellationToken,
            ("logon", logon),
            ("client", clientId)).ConfigureAwait(false) is not null;

    /// <inheritdoc />
    public Task GrantConsentAsync(string logon, string clientId, DateTimeOffset at, CancellationToken cancellationToken) =>
        ExecuteAsync(
            "INSERT INTO consents (logon, client_id, granted_at) VALUES (@logon, @client, @at) ON CONFLICT DO NOTHING",
            cancellationToken,
            ("logon", logon),
            ("client", clientId),
            ("at", ToUnixMs(at)));

    /// <inheritdoc />
    public Task<bool> RevokeConsentAsync(string logon, string clientId, DateTimeOffset at, CancellationToken cancellationToken) =>
        InTransactionAsync(
            async transaction =>
            {
                var removed = await ExecuteAsync(
                    transaction,
                    $"DELETE FROM consents WHERE {SameLogon} AND client_id = @client",
                    cancellationToken,
                    ("logon", logon),
                    ("client", clientId)).ConfigureAwait(false) == 1;
                await ExecuteAsync(
                    transaction,
                    $"UPDATE grants SET revoked_at = @at WHERE {SameLogon} AND client_id = @client AND revoked_at IS NULL",
                    cancellationToken,
                    ("logon", logon),
                    ("client", clientId),
                    ("at", ToUnixMs(at))).ConfigureAwait(false);
                return removed;
            },
            cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<(string Logon, string ClientId, DateTimeOffset GrantedAt)>> ListConsentsAsync(CancellationToken cancellationToken) =>
        ManyAsync(
            "SELECT logon, client_id, granted_at FROM consents ORDER BY lower(logon), client_id",
            r => (r.GetString(0), r.GetString(1), FromUnixMs(r.GetInt64(2))),
            cancellationToken);
}
