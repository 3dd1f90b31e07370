using Microsoft.Data.Sqlite;
using Waharoa.Grants;

namespace Waharoa.Storage.Sqlite;

public sealed partial class SqliteStore
{
    /// <inheritdoc />
    public async Task AddCodeAsync(AuthorizationCode code, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(code);
        await using var connection = await OpenWriterAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(
            connection,
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
            ("$challenge", code.CodeChallenge));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<(CodeRedemption Outcome, AuthorizationCode? Code)> RedeemCodeAsync(
        string codeId,
        DateTimeOffset now,
        Func<AuthorizationCode, (Grant Grant, IReadOnlyList<IssuedToken> Tokens)?> issue,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(issue);
        await using var connection = await OpenWriterAsync(cancellationToken).ConfigureAwait(false);

        // BEGIN IMMEDIATE: two concurrent redemptions of one code serialise here, so only one wins.
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var read = Command(
            connection,
            "SELECT code_id, client_id, logon, redirect_uri, scope, issued_at, expires_at, used_at, grant_id, code_challenge FROM codes WHERE code_id = $id",
            ("$id", codeId));
        read.Transaction = transaction;
        AuthorizationCode code;
        long? usedAt;
        string? grantId;
        await using (var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
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
                await using var revoke = Command(
                    connection,
                    "UPDATE grants SET revoked_at = $now WHERE grant_id = $grant AND revoked_at IS NULL",
                    ("$grant", grantId),
                    ("$now", ToUnixMs(now)));
                revoke.Transaction = transaction;
                await revoke.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return (CodeRedemption.Replayed, code);
        }

        if (code.ExpiresAt <= now)
        {
            return (CodeRedemption.Invalid, code);
        }

        // The caller checks the binding (client, redirect URI); a mismatch leaves the code unused.
        if (issue(code) is not { } issued)
        {
            return (CodeRedemption.Invalid, code);
        }

        await InsertGrantAsync(connection, transaction, issued.Grant, cancellationToken).ConfigureAwait(false);
        await InsertTokensAsync(connection, transaction, issued.Tokens, cancellationToken).ConfigureAwait(false);
        await using var mark = Command(
            connection,
            "UPDATE codes SET used_at = $now, grant_id = $grant WHERE code_id = $id",
            ("$id", codeId),
            ("$grant", issued.Grant.GrantId),
            ("$now", ToUnixMs(now)));
        mark.Transaction = transaction;
        await mark.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return (CodeRedemption.Redeemed, code);
    }

    /// <inheritdoc />
    public async Task AddTokensAsync(IReadOnlyList<IssuedToken> tokens, CancellationToken cancellationToken)
    {
        await using var connection = await OpenWriterAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await InsertTokensAsync(connection, transaction, tokens, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<TokenStatus?> FindTokenAsync(string jti, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(
            connection,
            """
            SELECT t.jti, t.grant_id, t.kind, t.issued_at, t.expires_at, t.revoked_at,
                   g.client_id, g.logon, g.scope, g.endpoint, g.created_at, g.revoked_at
            FROM tokens t JOIN grants g ON g.grant_id = t.grant_id
            WHERE t.jti = $jti
            """,
            ("$jti", jti));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var token = new IssuedToken(
            reader.GetString(0), reader.GetString(1), Enum.Parse<TokenKind>(reader.GetString(2)),
            FromUnixMs(reader.GetInt64(3)), FromUnixMs(reader.GetInt64(4)));
        var grant = new Grant(
            reader.GetString(1), reader.GetString(6), reader.GetString(7), reader.GetString(8),
            Enum.Parse<GatewayEndpoint>(reader.GetString(9)), FromUnixMs(reader.GetInt64(10)), FromUnixMsOrNull(reader, 11));
        return new TokenStatus(token, grant, FromUnixMsOrNull(reader, 5));
    }

    /// <inheritdoc />
    public async Task<bool> RevokeTokenAsync(string jti, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await OpenWriterAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(
            connection,
            "UPDATE tokens SET revoked_at = $at WHERE jti = $jti AND revoked_at IS NULL",
            ("$jti", jti),
            ("$at", ToUnixMs(at)));
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <inheritdoc />
    public async Task<bool> RotateRefreshTokenAsync(string usedJti, DateTimeOffset now, IReadOnlyList<IssuedToken> tokens, CancellationToken cancellationToken)
    {
        await using var connection = await OpenWriterAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var use = Command(
            connection,
            """
            UPDATE tokens SET revoked_at = $now
            WHERE jti = $jti AND revoked_at IS NULL AND expires_at > $now
              AND grant_id IN (SELECT grant_id FROM grants WHERE revoked_at IS NULL)
            """,
            ("$jti", usedJti),
            ("$now", ToUnixMs(now)));
        use.Transaction = transaction;
        if (await use.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) != 1)
        {
            return false;
        }

        await InsertTokensAsync(connection, transaction, tokens, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <inheritdoc />
    public async Task<bool> RevokeGrantAsync(string grantId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await OpenWriterAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(
            connection,
            "UPDATE grants SET revoked_at = $at WHERE grant_id = $grant AND revoked_at IS NULL",
            ("$grant", grantId),
            ("$at", ToUnixMs(at)));
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    private static async Task InsertGrantAsync(SqliteConnection connection, SqliteTransaction transaction, Grant grant, CancellationToken cancellationToken)
    {
        await using var command = Command(
            connection,
            """
            INSERT INTO grants (grant_id, client_id, logon, scope, endpoint, created_at)
            VALUES ($id, $client, $logon, $scope, $endpoint, $created)
            """,
            ("$id", grant.GrantId),
            ("$client", grant.ClientId),
            ("$logon", grant.Logon),
            ("$scope", grant.Scope),
            ("$endpoint", grant.Endpoint.ToString()),
            ("$created", ToUnixMs(grant.CreatedAt)));
        command.Transaction = transaction;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task InsertTokensAsync(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<IssuedToken> tokens, CancellationToken cancellationToken)
    {
        foreach (var token in tokens)
        {
            await using var command = Command(
                connection,
                "INSERT INTO tokens (jti, grant_id, kind, issued_at, expires_at) VALUES ($jti, $grant, $kind, $issued, $expires)",
                ("$jti", token.Jti),
                ("$grant", token.GrantId),
                ("$kind", token.Kind.ToString()),
                ("$issued", ToUnixMs(token.IssuedAt)),
                ("$expires", ToUnixMs(token.ExpiresAt)));
            command.Transaction = transaction;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
