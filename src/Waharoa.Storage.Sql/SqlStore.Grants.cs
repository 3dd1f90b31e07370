using System.Data.Common;
using Waharoa.Grants;

namespace Waharoa.Storage.Sql;

public abstract partial class SqlStore
{
    /// <summary>Matches the token <c>@jti</c> while it is active at <c>@now</c>: neither it nor its grant revoked, not expired.</summary>
    /// <remarks>EXISTS looks the one grant up by key; <c>grant_id IN (SELECT …)</c> would read every grant not revoked.</remarks>
    private const string ActiveToken =
        """
        jti = @jti AND revoked_at IS NULL AND expires_at > @now
          AND EXISTS (SELECT 1 FROM grants g WHERE g.grant_id = tokens.grant_id AND g.revoked_at IS NULL)
        """;

    /// <inheritdoc />
    public Task<TokenStatus?> FindTokenAsync(string jti, CancellationToken cancellationToken) =>
        SingleAsync(
            """
            SELECT t.jti, t.grant_id, t.kind, t.issued_at, t.expires_at, t.revoked_at,
                   g.client_id, g.logon, g.scope, g.endpoint, g.created_at, g.revoked_at
            FROM tokens t JOIN grants g ON g.grant_id = t.grant_id
            WHERE t.jti = @jti
            """,
            ReadTokenStatus,
            cancellationToken,
            ("@jti", jti));

    /// <inheritdoc />
    public Task<bool> RenewAsync(string presentedJti, DateTimeOffset now, IReadOnlyList<IssuedToken> tokens, bool spend, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        return WriteAsync(
            async (s, ct) =>
            {
                // The grant's row is held first, then the token's, until the commit, so a revocation of either lands
                // before the check or after the new tokens (a lock holds only rows of its query's FROM, none a subquery
                // reads, so the grant has a query of its own). Spending revokes the token only while it is active: of
                // concurrent spends (on any instance) one changes the row, and the others find it revoked once that one
                // commits. Every renewal takes the grant before the token, and no revocation takes both, so none deadlocks.
                var parameters = new (string, object?)[] { ("@jti", presentedJti), ("@now", UnixMs(now)) };
                var active = await s.ExistsAsync(
                        "SELECT 1 FROM grants WHERE grant_id = (SELECT grant_id FROM tokens WHERE jti = @jti) AND revoked_at IS NULL {ShareLock}", ct, ("@jti", presentedJti))
                        .ConfigureAwait(false)
                    && (spend
                        ? await s.ExecuteAsync($"UPDATE tokens SET revoked_at = @now WHERE {ActiveToken}", ct, parameters).ConfigureAwait(false) == 1
                        : await s.ExistsAsync($"SELECT 1 FROM tokens WHERE {ActiveToken} {{ShareLock}}", ct, parameters).ConfigureAwait(false));
                if (active)
                {
                    await InsertTokensAsync(s, tokens, ct).ConfigureAwait(false);
                }

                return active;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> RevokeTokenAsync(string jti, DateTimeOffset at, CancellationToken cancellationToken) =>
        ChangesOneAsync("UPDATE tokens SET revoked_at = @at WHERE jti = @jti AND revoked_at IS NULL", cancellationToken, ("@jti", jti), ("@at", UnixMs(at)));

    /// <inheritdoc />
    public Task<bool> RevokeGrantAsync(string grantId, DateTimeOffset at, CancellationToken cancellationToken) =>
        ChangesOneAsync("UPDATE grants SET revoked_at = @at WHERE grant_id = @grant AND revoked_at IS NULL", cancellationToken, ("@grant", grantId), ("@at", UnixMs(at)));

    private static ValueTask<int> InsertGrantAsync(SqlSession session, Grant grant, CancellationToken cancellationToken) =>
        session.ExecuteAsync(
            "INSERT INTO grants (grant_id, client_id, logon, scope, endpoint, created_at) VALUES (@id, @client, @logon, @scope, @endpoint, @created)",
            cancellationToken,
            ("@id", grant.GrantId),
            ("@client", grant.ClientId),
            ("@logon", grant.Logon),
            ("@scope", grant.Scope),
            ("@endpoint", grant.Endpoint.ToString()),
            ("@created", UnixMs(grant.CreatedAt)));

    private static async ValueTask InsertTokensAsync(SqlSession session, IReadOnlyList<IssuedToken> tokens, CancellationToken cancellationToken)
    {
        foreach (var token in tokens)
        {
            await session.ExecuteAsync(
                "INSERT INTO tokens (jti, grant_id, kind, issued_at, expires_at) VALUES (@jti, @grant, @kind, @issued, @expires)",
                cancellationToken,
                ("@jti", token.Jti),
                ("@grant", token.GrantId),
                ("@kind", token.Kind.ToString()),
                ("@issued", UnixMs(token.IssuedAt)),
                ("@expires", UnixMs(token.ExpiresAt))).ConfigureAwait(false);
        }
    }

    private static TokenStatus ReadTokenStatus(DbDataReader reader)
    {
        var token = new IssuedToken(reader.GetString(0), reader.GetString(1), Enum.Parse<TokenKind>(reader.GetString(2)), Time(reader, 3), Time(reader, 4));
        var grant = new Grant(
            reader.GetString(1), reader.GetString(6), reader.GetString(7), reader.GetString(8), Enum.Parse<GatewayEndpoint>(reader.GetString(9)), Time(reader, 10), TimeOrNull(reader, 11));
        return new TokenStatus(token, grant, TimeOrNull(reader, 5));
    }
}
