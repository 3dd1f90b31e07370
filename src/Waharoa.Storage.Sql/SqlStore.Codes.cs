using System.Data.Common;
using Waharoa.Grants;

namespace Waharoa.Storage.Sql;

public abstract partial class SqlStore
{
    private const string CodeById =
        "SELECT code_id, client_id, logon, redirect_uri, scope, issued_at, expires_at, code_challenge, used_at, grant_id FROM codes WHERE code_id = @id";

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
            ("@id", code.CodeId),
            ("@client", code.ClientId),
            ("@logon", code.Logon),
            ("@redirect", code.RedirectUri),
            ("@scope", code.Scope),
            ("@issued", UnixMs(code.IssuedAt)),
            ("@expires", UnixMs(code.ExpiresAt)),
            ("@challenge", code.CodeChallenge));
    }

    /// <inheritdoc />
    public Task<StoredCode?> FindCodeAsync(string codeId, CancellationToken cancellationToken) =>
        SingleAsync(CodeById, ReadCode, cancellationToken, ("@id", codeId));

    /// <inheritdoc />
    public Task<CodeUse> UseCodeAsync(string codeId, DateTimeOffset now, Grant grant, IReadOnlyList<IssuedToken> tokens, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grant);
        ArgumentNullException.ThrowIfNull(tokens);
        return WriteAsync(
            async (s, ct) =>
            {
                // Only an unused code changes: of concurrent uses (on any instance) the first marks it, and the others
                // find it marked once that one commits.
                if (await s.ExecuteAsync(
                    "UPDATE codes SET used_at = @now, grant_id = @grant WHERE code_id = @id AND used_at IS NULL",
                    ct,
                    ("@id", codeId),
                    ("@grant", grant.GrantId),
                    ("@now", UnixMs(now))).ConfigureAwait(false) == 1)
                {
                    await InsertGrantAsync(s, grant, ct).ConfigureAwait(false);
                    await InsertTokensAsync(s, tokens, ct).ConfigureAwait(false);
                    return new CodeUse(CodeUseOutcome.Redeemed, null);
                }

                return await s.SingleAsync(CodeById, ReadCode, ct, ("@id", codeId)).ConfigureAwait(false) is { } used
                    ? new CodeUse(CodeUseOutcome.Replayed, used.GrantId)
                    : new CodeUse(CodeUseOutcome.Unknown, null);
            },
            cancellationToken);
    }

    private static StoredCode ReadCode(DbDataReader reader) => new(
        new AuthorizationCode(
            reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), Time(reader, 5), Time(reader, 6))
        {
            CodeChallenge = TextOrNull(reader, 7),
        },
        TimeOrNull(reader, 8),
        TextOrNull(reader, 9));
}
