using Microsoft.Data.Sqlite;
using Waharoa.Grants;

namespace Waharoa.Storage.Sqlite;

public sealed partial class SqliteStore
{
    /// <inheritdoc />
    public Task AddCodeAsync(AuthorizationCode code, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(code);
        return _groupCommit.WriteAsync(
            batch => batch.Command(
                """
                INSERT INTO codes (code_id, client_id, logon, redirect_uri, scope, issued_at, expires_at, code_challenge)
                VALUES ($id, $client, $logon, $redirect, $scope, $issued, $expires, $challenge)
                """,
                ("$id", code.CodeId),
                ("$client", code.ClientId),
                ("$logon", code.Logon),
                ("$redirect", code.RedirectUri),
                ("$scope", code.Scope),
                ("$issued", ToUnixMs(code.IssuedAt)),
                ("$expires", ToUnixMs(code.ExpiresAt)),
                ("$challenge", code.CodeChallenge)).ExecuteNonQuery(),
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<(CodeRedemption Outcome, AuthorizationCode? Code)> RedeemCodeAsync(
        string codeId,
        DateTimeOffset now,
        Func<AuthorizationCode, (Grant Grant, IReadOnlyList<IssuedToken> Tokens)?> issue,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(issue);

        // Inside the write transaction: two concurrent redemptions of one code serialise, so only one wins.
        return _groupCommit.WriteAsync<(CodeRedemption, AuthorizationCode?)>(
            batch =>
            {
                AuthorizationCode code;
                long? usedAt;
                string? grantId;
                using (var reader = batch.Command(
                    "SELECT code_id, client_id, logon, redirect_uri, scope, issued_at, expires_at, used_at, grant_id, code_challenge FROM codes WHERE code_id = $id",
                    ("$id", codeId)).ExecuteReader())
                {
                    if (!reader.Read())
                    {
                        return (CodeRedemption.Invalid, null);
                    }

                    code = new AuthorizationCode(
                        reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                        FromUnixMs(reader.GetInt64(5)), FromUnixMs(reader.GetInt64(6)))
                    {
                        CodeChallenge = reader.IsDBNull(9) ? null : reader.GetString(9),
                    };
                    usedAt = reader.IsDBNull(7) ? null : reader.GetInt64(7);
                    grantId = reader.IsDBNull(8) ? null : reader.GetString(8);
                }

                if (usedAt is not null)
                {
                    if (grantId is not null)
                    {
                        RevokeGrant(batch, grantId, now);
                    }

                    return (CodeRedemption.Replayed, code);
                }

                // The caller checks the binding (client, redirect URI); a mismatch, like expiry, leaves the code unused.
                if (code.ExpiresAt <= now || issue(code) is not { } issued)
                {
                    return (CodeRedemption.Invalid, code);
                }

                InsertGrant(batch, issued.Grant);
                InsertTokens(batch, issued.Tokens);
                batch.Command(
                    "UPDATE codes SET used_at = $now, grant_id = $grant WHERE code_id = $id",
                    ("$id", codeId),
                    ("$grant", issued.Grant.GrantId),
                    ("$now", ToUnixMs(now))).ExecuteNonQuery();
                return (CodeRedemption.Redeemed, code);
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task AddTokensAsync(IReadOnlyList<IssuedToken> tokens, CancellationToken cancellationToken) =>
        _groupCommit.WriteAsync(
            batch =>
            {
                InsertTokens(batch, tokens);
                return true;
            },
            cancellationToken);

    /// <inheritdoc />
    public Task<TokenStatus?> FindTokenAsync(string jti, CancellationToken cancellationToken) =>
        ReadAsync(
            connection =>
            {
                using var reader = connection.Command(
                    """
                    SELECT t.jti, t.grant_id, t.kind, t.issued_at, t.expires_at, t.revoked_at,
                           g.client_id, g.logon, g.scope, g.endpoint, g.created_at, g.revoked_at
                    FROM tokens t JOIN grants g ON g.grant_id = t.grant_id
                    WHERE t.jti = $jti
                    """,
                    ("$jti", jti)).ExecuteReader();
                if (!reader.Read())
                {
                    return null;
                }

                var token = new IssuedToken(
                    reader.GetString(0), reader.GetString(1), Enum.Parse<TokenKind>(reader.GetString(2)),
                    FromUnixMs(reader.GetInt64(3)), FromUnixMs(reader.GetInt64(4)));
                var grant = new Grant(
                    reader.GetString(1), reader.GetString(6), reader.GetString(7), reader.GetString(8),
                    Enum.Parse<GatewayEndpoint>(reader.GetString(9)), FromUnixMs(reader.GetInt64(10)), FromUnixMsOrNull(reader, 11));
                return (TokenStatus?)new TokenStatus(token, grant, FromUnixMsOrNull(reader, 5));
            },
            cancellationToken);

    /// <inheritdoc />
    public Task<bool> RevokeTokenAsync(string jti, DateTimeOffset at, CancellationToken cancellationToken) =>
        _groupCommit.WriteAsync(
            batch => batch.Command(
                "UPDATE tokens SET revoked_at = $at WHERE jti = $jti AND revoked_at IS NULL",
                ("$jti", jti),
                ("$at", ToUnixMs(at))).ExecuteNonQuery() == 1,
            cancellationToken);

    /// <inheritdoc />
    public Task<bool> RotateRefreshTokenAsync(string usedJti, DateTimeOffset now, IReadOnlyList<IssuedToken> tokens, CancellationToken cancellationToken) =>
        _groupCommit.WriteAsync(
            batch =>
            {
                var used = batch.Command(
                    """
                    UPDATE tokens SET revoked_at = $now
                    WHERE jti = $jti AND revoked_at IS NULL AND expires_at > $now
                      AND grant_id IN (SELECT grant_id FROM grants WHERE revoked_at IS NULL)
                    """,
                    ("$jti", usedJti),
                    ("$now", ToUnixMs(now))).ExecuteNonQuery();
                if (used != 1)
                {
                    return false;
                }

                InsertTokens(batch, tokens);
                return true;
            },
            cancellationToken);

    /// <inheritdoc />
    public Task<bool> RevokeGrantAsync(string grantId, DateTimeOffset at, CancellationToken cancellationToken) =>
        _groupCommit.WriteAsync(batch => RevokeGrant(batch, grantId, at), cancellationToken);

    /// <summary>Revokes a grant not yet revoked; whether it was this call that did.</summary>
    private static bool RevokeGrant(PreparedConnection batch, string grantId, DateTimeOffset at) =>
        batch.Command(
            "UPDATE grants SET revoked_at = $at WHERE grant_id = $grant AND revoked_at IS NULL",
            ("$grant", grantId),
            ("$at", ToUnixMs(at))).ExecuteNonQuery() == 1;

    private static void InsertGrant(PreparedConnection batch, Grant grant) =>
        batch.Command(
            """
            INSERT INTO grants (grant_id, client_id, logon, scope, endpoint, created_at)
            VALUES ($id, $client, $logon, $scope, $endpoint, $created)
            """,
            ("$id", grant.GrantId),
            ("$client", grant.ClientId),
            ("$logon", grant.Logon),
            ("$scope", grant.Scope),
            ("$endpoint", grant.Endpoint.ToString()),
            ("$created", ToUnixMs(grant.CreatedAt))).ExecuteNonQuery();

    private static void InsertTokens(PreparedConnection batch, IReadOnlyList<IssuedToken> tokens)
    {
        foreach (var token in tokens)
        {
            batch.Command(
                "INSERT INTO tokens (jti, grant_id, kind, issued_at, expires_at) VALUES ($jti, $grant, $kind, $issued, $expires)",
                ("$jti", token.Jti),
                ("$grant", token.GrantId),
                ("$kind", token.Kind.ToString()),
                ("$issued", ToUnixMs(token.IssuedAt)),
                ("$expires", ToUnixMs(token.ExpiresAt))).ExecuteNonQuery();
        }
    }
}
