using Npgsql;
using Waharoa.Grants;

namespace Waharoa.Storage.Postgres;

public sealed partial class PostgresStore
{
    /// <inheritdoc />
    public Task AddCodeAsync(AuthorizationCode code, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(code);
        return ExecuteAsync(
            """
            INSERT INTO codes (code_id, client_id, logon, redirect_uri, scope, issued_at, expires_at, code_challenge)
            VALUES (@id, @client, @logon, @redirect, @scope, @issued, @expires, @challenge)
            """,
            cancellationToken,
            ("id", code.CodeId),
            ("client", code.ClientId),
            ("logon", code.Logon),
            ("redirect", code.RedirectUri),
            ("scope", code.Scope),
            ("issued", ToUnixMs(code.IssuedAt)),
            ("expires", ToUnixMs(code.ExpiresAt)),
            ("challenge", code.CodeChallenge));
    }

    /// <inheritdoc />
    public Task<(CodeRedemption Outcome, AuthorizationCode? Code)> RedeemCodeAsync(
        string codeId,
        DateTimeOffset now,
        Func<AuthorizationCode, (Grant Grant, IReadOnlyList<IssuedToken> Tokens)?> issue,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(issue);
        return InTransactionAsync(
            async transaction =>
            {
                // FOR UPDATE: a concurrent redemption of the same code, from any instance, waits here for this
                // transaction and then reads the code as used.
                AuthorizationCode code;
                long? usedAt;
                string? grantId;
                await using (var read = Command(
                    transaction,
                    "SELECT code_id, client_id, logon, redirect_uri, scope, issued_at, expires_at, used_at, grant_id, code_challenge FROM codes WHERE code_id = @id FOR UPDATE",
                    ("id", codeId)))
                await using (var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
                {
                    if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        return (CodeRedemption.Invalid, (AuthorizationCode?)null);
                    }

                    code = new AuthorizationCode(
                        reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                        FromUnixMs(reader.GetInt64(5)), FromUnixMs(reader.GetInt64(6)))
                    {
                        CodeChallenge = StringOrNull(reader, 9),
                    };
                    usedAt = reader.IsDBNull(7) ? null : reader.GetInt64(7);
                    grantId = StringOrNull(reader, 8);
                }

                if (usedAt is not null)
                {
                    if (grantId is not null)
                    {
                        await ExecuteAsync(
                            transaction,
                            "UPDATE grants SET revoked_at = @now WHERE grant_id = @grant AND revoked_at IS NULL",
                            cancellationToken,
                            ("grant", grantId),
                            ("now", ToUnixMs(now))).ConfigureAwait(false);
                    }

                    return (CodeRedemption.Replayed, code);
                }

                // The caller checks the binding (client, redirect URI); a mismatch leaves the code unused.
                if (code.ExpiresAt <= now || issue(code) is not { } issued)
                {
                    return (CodeRedemption.Invalid, code);
                }

                await InsertGrantAsync(transaction, issued.Grant, cancellationToken).ConfigureAwait(false);
                await InsertTokensAsync(transaction, issued.Tokens, cancellationToken).ConfigureAwait(false);
                await ExecuteAsync(
                    transaction,
                    "UPDATE codes SET used_at = @now, grant_id = @grant WHERE code_id = @id",
                    cancellationToken,
                    ("id", codeId),
                    ("grant", issued.Grant.GrantId),
                    ("now", ToUnixMs(now))).ConfigureAwait(false);
                return (CodeRedemption.Redeemed, code);
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task AddTokensAsync(IReadOnlyList<IssuedToken> tokens, CancellationToken cancellationToken) =>
        InTransactionAsync(
            async transaction =>
            {
                await InsertTokensAsync(transaction, tokens, cancellationToken).ConfigureAwait(false);
                return true;
            },
            cancellationToken);

    /// <inheritdoc />
    public Task<TokenStatus?> FindTokenAsync(string jti, CancellationToken cancellationToken) =>
        SingleAsync(
            """
            SELECT t.jti, t.grant_id, t.kind, t.issued_at, t.expires_at, t.revoked_at,
                   g.client_id, g.logon, g.scope, g.endpoint, g.created_at, g.revoked_at
            FROM tokens t JOIN grants g ON g.grant_id = t.grant_id
            WHERE t.jti = @jti
            """,
            reader =>
            {
                var token = new IssuedToken(
                    reader.GetString(0), reader.GetString(1), Enum.Parse<TokenKind>(reader.GetString(2)),
                    FromUnixMs(reader.GetInt64(3)), FromUnixMs(reader.GetInt64(4)));
                var grant = new Grant(
                    reader.GetString(1), reader.GetString(6), reader.GetString(7), reader.GetString(8),
                    Enum.Parse<GatewayEndpoint>(reader.GetString(9)), FromUnixMs(reader.GetInt64(10)), FromUnixMsOrNull(reader, 11));
                return new TokenStatus(token, grant, FromUnixMsOrNull(reader, 5));
            },
            cancellationToken,
            ("jti", jti));

    /// <inheritdoc />
    public async Task<bool> RevokeTokenAsync(string jti, DateTimeOffset at, CancellationToken cancellationToken) =>
        await ExecuteAsync(
            "UPDATE tokens SET revoked_at = @at WHERE jti = @jti AND revoked_at IS NULL",
            cancellationToken,
            ("jti", jti),
            ("at", ToUnixMs(at))).ConfigureAwait(false) == 1;

    /// <inheritdoc />
    public Task<bool> RotateRefreshTokenAsync(string usedJti, DateTimeOffset now, IReadOnlyList<IssuedToken> tokens, CancellationToken cancellationToken) =>
        InTransactionAsync(
            async transaction =>
            {
                // A concurrent rotation of the same token waits for this row lock, then finds it revoked: one wins.
                var used = await ExecuteAsync(
                    transaction,
                    """
                    UPDATE tokens SET revoked_at = @now
                    WHERE jti = @jti AND revoked_at IS NULL AND expires_at > @now
                      AND grant_id IN (SELECT grant_id FROM grants WHERE revoked_at IS NULL)
                    """,
                    cancellationToken,
                    ("jti", usedJti),
                    ("now", ToUnixMs(now))).ConfigureAwait(false) == 1;
                if (used)
                {
                    await InsertTokensAsync(transaction, tokens, cancellationToken).ConfigureAwait(false);
                }

                return used;
            },
            cancellationToken);

    /// <inheritdoc />
    public async Task<bool> RevokeGrantAsync(string grantId, DateTimeOffset at, CancellationToken cancellationToken) =>
        await ExecuteAsync(
            "UPDATE grants SET revoked_at = @at WHERE grant_id = @grant AND revoked_at IS NULL",
            cancellationToken,
            ("grant", grantId),
            ("at", ToUnixMs(at))).ConfigureAwait(false) == 1;

    private static Task<int> InsertGrantAsync(NpgsqlTransaction transaction, Grant grant, CancellationToken cancellationToken) =>
        ExecuteAsync(
            transaction,
            """
            INSERT INTO grants (grant_id, client_id, logon, scope, endpoint, created_at)
            VALUES (@id, @client, @logon, @scope, @endpoint, @created)
            """,
            cancellationToken,
            ("id", grant.GrantId),
            ("client", grant.ClientId),
            ("logon", grant.Logon),
            ("scope", grant.Scope),
            ("endpoint", grant.Endpoint.ToString()),
            ("created", ToUnixMs(grant.CreatedAt)));

    private static async Task InsertTokensAsync(NpgsqlTransaction transaction, IReadOnlyList<IssuedToken> tokens, CancellationToken cancellationToken)
    {
        foreach (var token in tokens)
        {
            await ExecuteAsync(
                transaction,
                "INSERT INTO tokens (jti, grant_id, kind, issued_at, expires_at) VALUES (@jti, @grant, @kind, @issued, @expires)",
                cancellationToken,
                ("jti", token.Jti),
                ("grant", token.GrantId),
                ("kind", token.Kind.ToString()),
                ("issued", ToUnixMs(token.IssuedAt)),
                ("expires", ToUnixMs(token.ExpiresAt))).ConfigureAwait(false);
        }
    }
}
